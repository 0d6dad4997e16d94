import type { Language } from '../domain/vocabulary.js';
import type { SmsTemplateKey } from './templates.js';

/**
 * The SMS wording, one object per language, for translators to edit. No code here.
 *
 * Placeholders (filled by `renderSms`, already localised):
 *   {storeName}      the store's name, as configured (usually Latin script)
 *   {trackingCode}   e.g. K7Q-4M2X-P9H; in every message
 *   {estimate}       money, e.g. "₹1,499.00" (English: "INR 1,499.00"); awaiting_approval only
 *   {warrantyEndsOn} a date, e.g. "22 Nov 2026"; completed, warranty_reminder and
 *                    warranty_extended (a network campaign moved the end: the new last day)
 *                    (completed_no_warranty is the completion of a repair that granted no
 *                    warranty, e.g. a device without IMEI/serial: it must not mention one)
 *   {promise}        on `received`: the `promise` sentence below when the order has a
 *                    promised-by time, otherwise nothing
 *   {promisedBy}     inside `promise` only: day, month and time, e.g. "22 Nov, 4:20 pm"
 *   {link}           the customer page's address (<PUBLIC_BASE_URL>/r/<token>), last in every
 *                    message, never shortened, with no label (a bare link at the end is what
 *                    phones make tappable); nothing when there is none (an order older than the page)
 *
 * Rules of the house (checked by test/unit/notify/templates.test.ts):
 * - English fits one GSM-7 segment (160) with the link of a custom domain (~47 characters); so no
 *   curly quotes, dashes or ₹ in English. Every other language fits two UCS-2 segments (134
 *   units). The store name is what gives way: the renderer shortens it at a word to keep the
 *   message within that budget (a store's sms.displayName is usually short enough to stay whole).
 * - Only the first message (`received`) carries the tracking code: the page shows it after that,
 *   and the link is what the customer taps.
 * - Short and polite, as a service center writes it; common English loanwords (repair, code,
 *   warranty) in native script where that is what people actually read in Indian SMS.
 * - Put a placeholder where a suffix does not have to be glued to it: "label: {date}" reads
 *   better than a case ending on a formatted date. Runs of spaces left by an empty {promise}
 *   are collapsed, so write the template with normal spacing around it.
 * - Approval is given on the page (or by phone or visit), never "reply YES": DLT sender headers
 *   in India are one-way, so a reply would go nowhere.
 * - `cancelled` gives no reason (the reason is internal) and invites a call.
 */
export interface SmsLanguagePack {
  /** BCP 47 locale used for Intl date and money formatting. */
  locale: string;
  /**
   * Keep the text in the GSM-7 alphabet: money as an ISO code ("INR 1,499.00", never "₹") and
   * Intl's non-breaking / narrow spaces turned into plain spaces. Only English sets it: any
   * other script is UCS-2 anyway.
   */
  gsm7: boolean;
  /** Sentence put in place of {promise}. */
  promise: string;
  templates: Record<SmsTemplateKey, string>;
}

const en: SmsLanguagePack = {
  locale: 'en-IN',
  gsm7: true,
  promise: 'Ready by {promisedBy}.',
  templates: {
    received: '{storeName}: we have received your device for repair. {promise} Code {trackingCode}. {link}',
    awaiting_approval: '{storeName}: the repair estimate is {estimate}. Please approve or decline it. {link}',
    ready_for_pickup: '{storeName}: good news, your device is repaired and ready for pickup. {link}',
    shipped: '{storeName}: your repaired device has been shipped back to you. {link}',
    completed: '{storeName}: thank you! Your repair is complete. Warranty valid until {warrantyEndsOn}. {link}',
    completed_no_warranty: '{storeName}: thank you! Your repair is complete. If anything is wrong, please tell us. {link}',
    cancelled: '{storeName}: your repair request has been cancelled. If you have any questions, please call us. {link}',
    warranty_reminder: '{storeName}: your repair warranty ends on {warrantyEndsOn}. If anything is wrong, visit us before then. {link}',
    warranty_extended: '{storeName}: good news! Your repair warranty has been extended and now ends on {warrantyEndsOn}. {link}',
  },
};

const hi: SmsLanguagePack = {
  locale: 'hi-IN',
  gsm7: false,
  promise: '{promisedBy} तक तैयार।',
  templates: {
    received: '{storeName}: डिवाइस मिला। {promise} कोड {trackingCode} {link}',
    awaiting_approval: '{storeName}: रिपेयर का खर्च {estimate}। कृपया मंज़ूर या नामंज़ूर करें। {link}',
    ready_for_pickup: '{storeName}: आपका डिवाइस रिपेयर होकर तैयार है, आकर ले जाएँ। {link}',
    shipped: '{storeName}: रिपेयर के बाद आपका डिवाइस भेज दिया गया है। {link}',
    completed: '{storeName}: धन्यवाद! रिपेयर पूरा हुआ। वारंटी {warrantyEndsOn} तक। {link}',
    completed_no_warranty: '{storeName}: धन्यवाद! रिपेयर पूरा हुआ। कोई दिक्कत हो तो बताएँ। {link}',
    cancelled: '{storeName}: आपका रिपेयर अनुरोध रद्द कर दिया गया है। {link}',
    warranty_reminder: '{storeName}: रिपेयर वारंटी {warrantyEndsOn} को खत्म होगी। दिक्कत हो तो पहले आएँ। {link}',
    warranty_extended: '{storeName}: खुशखबरी! आपकी रिपेयर वारंटी {warrantyEndsOn} तक बढ़ा दी गई है। {link}',
  },
};

const bn: SmsLanguagePack = {
  locale: 'bn-IN',
  gsm7: false,
  promise: 'তৈরি হবে: {promisedBy}।',
  templates: {
    received: '{storeName}: ডিভাইস পেয়েছি। {promise} কোড {trackingCode} {link}',
    awaiting_approval: '{storeName}: মেরামতের খরচ {estimate}। অনুগ্রহ করে অনুমোদন বা বাতিল করুন। {link}',
    ready_for_pickup: '{storeName}: আপনার ডিভাইস মেরামত হয়ে তৈরি, নিয়ে যান। {link}',
    shipped: '{storeName}: মেরামতের পর আপনার ডিভাইস পাঠানো হয়েছে। {link}',
    completed: '{storeName}: ধন্যবাদ! মেরামত সম্পন্ন। ওয়ারেন্টি {warrantyEndsOn} পর্যন্ত। {link}',
    completed_no_warranty: '{storeName}: ধন্যবাদ! মেরামত সম্পন্ন। কোনো সমস্যা হলে জানান। {link}',
    cancelled: '{storeName}: আপনার মেরামতের অনুরোধ বাতিল হয়েছে। {link}',
    warranty_reminder: '{storeName}: ওয়ারেন্টি শেষ হবে {warrantyEndsOn}। সমস্যা থাকলে আগেই আসুন। {link}',
    warranty_extended: '{storeName}: সুখবর! ওয়ারেন্টির মেয়াদ বেড়ে {warrantyEndsOn} পর্যন্ত হয়েছে। {link}',
  },
};

const mr: SmsLanguagePack = {
  locale: 'mr-IN',
  gsm7: false,
  promise: '{promisedBy} पर्यंत तयार.',
  templates: {
    received: '{storeName}: डिव्हाइस मिळाले. {promise} कोड {trackingCode} {link}',
    awaiting_approval: '{storeName}: दुरुस्तीचा खर्च {estimate}. कृपया मंजूर किंवा नामंजूर करा. {link}',
    ready_for_pickup: '{storeName}: तुमचे डिव्हाइस दुरुस्त होऊन तयार आहे, घेऊन जा. {link}',
    shipped: '{storeName}: दुरुस्त केलेले तुमचे डिव्हाइस पाठवले आहे. {link}',
    completed: '{storeName}: धन्यवाद! दुरुस्ती पूर्ण झाली. वॉरंटी {warrantyEndsOn} पर्यंत. {link}',
    completed_no_warranty: '{storeName}: धन्यवाद! दुरुस्ती पूर्ण झाली. काही अडचण असल्यास कळवा. {link}',
    cancelled: '{storeName}: तुमची दुरुस्ती विनंती रद्द झाली आहे. {link}',
    warranty_reminder: '{storeName}: दुरुस्तीची वॉरंटी {warrantyEndsOn} रोजी संपेल. अडचण असल्यास आधी या. {link}',
    warranty_extended: '{storeName}: आनंदाची बातमी! तुमची वॉरंटी {warrantyEndsOn} पर्यंत वाढवली आहे. {link}',
  },
};

const gu: SmsLanguagePack = {
  locale: 'gu-IN',
  gsm7: false,
  promise: '{promisedBy} સુધીમાં તૈયાર.',
  templates: {
    received: '{storeName}: ડિવાઇસ મળ્યું. {promise} કોડ {trackingCode} {link}',
    awaiting_approval: '{storeName}: રિપેરનો ખર્ચ {estimate}. કૃપા કરી મંજૂર કે નામંજૂર કરો. {link}',
    ready_for_pickup: '{storeName}: તમારું ડિવાઇસ રિપેર થઈ તૈયાર છે, લઈ જાઓ. {link}',
    shipped: '{storeName}: રિપેર થયેલું તમારું ડિવાઇસ મોકલી દીધું છે. {link}',
    completed: '{storeName}: આભાર! રિપેર પૂર્ણ થયું. વોરંટી {warrantyEndsOn} સુધી. {link}',
    completed_no_warranty: '{storeName}: આભાર! રિપેર પૂર્ણ થયું. કોઈ તકલીફ હોય તો જણાવો. {link}',
    cancelled: '{storeName}: તમારી રિપેર વિનંતી રદ થઈ છે. {link}',
    warranty_reminder: '{storeName}: વોરંટી {warrantyEndsOn}ના રોજ પૂરી થશે. તકલીફ હોય તો પહેલાં આવો. {link}',
    warranty_extended: '{storeName}: ખુશખબર! તમારી રિપેર વોરંટી {warrantyEndsOn} સુધી લંબાવવામાં આવી છે. {link}',
  },
};

const ta: SmsLanguagePack = {
  locale: 'ta-IN',
  gsm7: false,
  promise: 'தயாராகும்: {promisedBy}.',
  templates: {
    received: '{storeName}: சாதனம் பெறப்பட்டது. {promise} கோட் {trackingCode} {link}',
    awaiting_approval: '{storeName}: பழுதுபார்ப்பு செலவு {estimate}. ஏற்கவும் அல்லது மறுக்கவும். {link}',
    ready_for_pickup: '{storeName}: உங்கள் சாதனம் தயார், பெற்றுக்கொள்ளுங்கள். {link}',
    shipped: '{storeName}: பழுதுபார்க்கப்பட்ட உங்கள் சாதனம் அனுப்பப்பட்டது. {link}',
    completed: '{storeName}: நன்றி! பழுதுபார்ப்பு முடிந்தது. வாரண்டி {warrantyEndsOn} வரை. {link}',
    completed_no_warranty: '{storeName}: நன்றி! பழுதுபார்ப்பு முடிந்தது. குறை இருந்தால் தெரிவிக்கவும். {link}',
    cancelled: '{storeName}: உங்கள் பழுதுபார்ப்பு கோரிக்கை ரத்து செய்யப்பட்டது. {link}',
    warranty_reminder: '{storeName}: வாரண்டி {warrantyEndsOn} அன்று முடியும். குறை இருந்தால் வாருங்கள். {link}',
    warranty_extended: '{storeName}: நற்செய்தி! உங்கள் வாரண்டி {warrantyEndsOn} வரை நீட்டிக்கப்பட்டுள்ளது. {link}',
  },
};

const te: SmsLanguagePack = {
  locale: 'te-IN',
  gsm7: false,
  promise: 'సిద్ధం: {promisedBy}.',
  templates: {
    received: '{storeName}: పరికరం అందింది. {promise} కోడ్ {trackingCode} {link}',
    awaiting_approval: '{storeName}: రిపేర్ ఖర్చు {estimate}. దయచేసి ఆమోదించండి లేదా తిరస్కరించండి. {link}',
    ready_for_pickup: '{storeName}: మీ పరికరం రిపేర్ పూర్తయి సిద్ధంగా ఉంది, తీసుకెళ్లండి. {link}',
    shipped: '{storeName}: రిపేర్ చేసిన మీ పరికరాన్ని మీకు పంపాము. {link}',
    completed: '{storeName}: ధన్యవాదాలు! రిపేర్ పూర్తయింది. వారంటీ {warrantyEndsOn} వరకు. {link}',
    completed_no_warranty: '{storeName}: ధన్యవాదాలు! రిపేర్ పూర్తయింది. సమస్య ఉంటే తెలపండి. {link}',
    cancelled: '{storeName}: మీ రిపేర్ అభ్యర్థన రద్దు చేయబడింది. {link}',
    warranty_reminder: '{storeName}: రిపేర్ వారంటీ గడువు {warrantyEndsOn}. సమస్య ఉంటే ఆలోపు రండి. {link}',
    warranty_extended: '{storeName}: శుభవార్త! మీ రిపేర్ వారంటీని {warrantyEndsOn} వరకు పొడిగించాము. {link}',
  },
};

const kn: SmsLanguagePack = {
  locale: 'kn-IN',
  gsm7: false,
  promise: 'ಸಿದ್ಧ: {promisedBy}.',
  templates: {
    received: '{storeName}: ಸಾಧನ ತಲುಪಿದೆ. {promise} ಕೋಡ್ {trackingCode} {link}',
    awaiting_approval: '{storeName}: ರಿಪೇರಿ ವೆಚ್ಚ {estimate}. ದಯವಿಟ್ಟು ಒಪ್ಪಿಗೆ ನೀಡಿ ಅಥವಾ ನಿರಾಕರಿಸಿ. {link}',
    ready_for_pickup: '{storeName}: ನಿಮ್ಮ ಸಾಧನ ರಿಪೇರಿಯಾಗಿ ಸಿದ್ಧವಾಗಿದೆ, ಪಡೆದುಕೊಳ್ಳಿ. {link}',
    shipped: '{storeName}: ರಿಪೇರಿಯಾದ ನಿಮ್ಮ ಸಾಧನವನ್ನು ಕಳುಹಿಸಲಾಗಿದೆ. {link}',
    completed: '{storeName}: ಧನ್ಯವಾದಗಳು! ರಿಪೇರಿ ಪೂರ್ಣಗೊಂಡಿದೆ. ವಾರಂಟಿ {warrantyEndsOn} ವರೆಗೆ. {link}',
    completed_no_warranty: '{storeName}: ಧನ್ಯವಾದಗಳು! ರಿಪೇರಿ ಪೂರ್ಣಗೊಂಡಿದೆ. ಸಮಸ್ಯೆ ಇದ್ದರೆ ತಿಳಿಸಿ. {link}',
    cancelled: '{storeName}: ನಿಮ್ಮ ರಿಪೇರಿ ವಿನಂತಿ ರದ್ದಾಗಿದೆ. {link}',
    warranty_reminder: '{storeName}: ವಾರಂಟಿಯ ಕೊನೆಯ ದಿನ: {warrantyEndsOn}. ಸಮಸ್ಯೆ ಇದ್ದರೆ ಮೊದಲೇ ಬನ್ನಿ. {link}',
    warranty_extended: '{storeName}: ಸಿಹಿ ಸುದ್ದಿ! ವಾರಂಟಿಯನ್ನು {warrantyEndsOn} ವರೆಗೆ ವಿಸ್ತರಿಸಲಾಗಿದೆ. {link}',
  },
};

const ml: SmsLanguagePack = {
  locale: 'ml-IN',
  gsm7: false,
  promise: 'തയ്യാറാകും: {promisedBy}.',
  templates: {
    received: '{storeName}: ഉപകരണം ലഭിച്ചു. {promise} കോഡ് {trackingCode} {link}',
    awaiting_approval: '{storeName}: റിപ്പയർ ചെലവ് {estimate}. ദയവായി അംഗീകരിക്കുക അല്ലെങ്കിൽ നിരസിക്കുക. {link}',
    ready_for_pickup: '{storeName}: നിങ്ങളുടെ ഉപകരണം റിപ്പയർ ചെയ്ത് തയ്യാറാണ്, കൈപ്പറ്റാം. {link}',
    shipped: '{storeName}: റിപ്പയർ ചെയ്ത നിങ്ങളുടെ ഉപകരണം അയച്ചിട്ടുണ്ട്. {link}',
    completed: '{storeName}: നന്ദി! റിപ്പയർ പൂർത്തിയായി. വാറന്റി {warrantyEndsOn} വരെ. {link}',
    completed_no_warranty: '{storeName}: നന്ദി! റിപ്പയർ പൂർത്തിയായി. പ്രശ്നമുണ്ടെങ്കിൽ അറിയിക്കുക. {link}',
    cancelled: '{storeName}: നിങ്ങളുടെ റിപ്പയർ അഭ്യർത്ഥന റദ്ദാക്കി. {link}',
    warranty_reminder: '{storeName}: വാറന്റി {warrantyEndsOn} വരെ. പ്രശ്നമുണ്ടെങ്കിൽ അതിനുമുമ്പ് വരിക. {link}',
    warranty_extended: '{storeName}: സന്തോഷവാർത്ത! നിങ്ങളുടെ വാറന്റി {warrantyEndsOn} വരെ നീട്ടി. {link}',
  },
};

/** Chinese SMS open with the sender's signature in 【】, as Chinese carriers require. */
const zh: SmsLanguagePack = {
  locale: 'zh-CN',
  gsm7: false,
  promise: '预计{promisedBy}前完成。',
  templates: {
    received: '【{storeName}】您的设备已收到，我们会尽快为您维修。{promise}查询码：{trackingCode} {link}',
    awaiting_approval: '【{storeName}】您的维修报价为{estimate}，请确认是否维修。{link}',
    ready_for_pickup: '【{storeName}】您的设备已修好，请到店取机。{link}',
    shipped: '【{storeName}】您的设备已修好并寄出，请注意查收。{link}',
    completed: '【{storeName}】感谢您的信任！维修已完成，保修期至{warrantyEndsOn}。{link}',
    completed_no_warranty: '【{storeName}】感谢您的信任！维修已完成。如有问题，请告诉我们。{link}',
    cancelled: '【{storeName}】您的维修单已取消。如有疑问，请致电门店。{link}',
    warranty_reminder: '【{storeName}】您的维修保修将于{warrantyEndsOn}到期。如有问题，请在到期前到店检测。{link}',
    warranty_extended: '【{storeName}】好消息！您的维修保修期已延长至{warrantyEndsOn}。{link}',
  },
};

const ka: SmsLanguagePack = {
  locale: 'ka-GE',
  gsm7: false,
  promise: 'მზადაა: {promisedBy}.',
  templates: {
    received: '{storeName}: მოწყობილობა მიღებულია. {promise} კოდი {trackingCode} {link}',
    awaiting_approval: '{storeName}: შეკეთების ფასია {estimate}. გთხოვთ, დაადასტუროთ ან უარყოთ. {link}',
    ready_for_pickup: '{storeName}: თქვენი მოწყობილობა შეკეთებულია და მზადაა წასაღებად. {link}',
    shipped: '{storeName}: შეკეთებული მოწყობილობა გამოგზავნილია. {link}',
    completed: '{storeName}: გმადლობთ! შეკეთება დასრულდა. გარანტია {warrantyEndsOn}-მდე. {link}',
    completed_no_warranty: '{storeName}: გმადლობთ! შეკეთება დასრულდა. პრობლემისას შეგვატყობინეთ. {link}',
    cancelled: '{storeName}: თქვენი შეკვეთა გაუქმებულია. კითხვებისას დაგვიკავშირდით. {link}',
    warranty_reminder: '{storeName}: გარანტია იწურება {warrantyEndsOn}. პრობლემისას მანამდე გვეწვიეთ. {link}',
    warranty_extended: '{storeName}: კარგი ამბავი! თქვენი გარანტია გაგრძელდა {warrantyEndsOn}-მდე. {link}',
  },
};

/**
 * The longest store name every message keeps whole beside a custom domain's page link (the
 * template tests check it): a longer sms.displayName is shortened at a word where it must be.
 */
export const SMS_WHOLE_NAME_LENGTH = 16;

/** Every language of the API has a pack: the compiler refuses a missing one. */
export const SMS_TEXTS: Readonly<Record<Language, SmsLanguagePack>> = { en, hi, bn, mr, gu, ta, te, kn, ml, zh, ka };
