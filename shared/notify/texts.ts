import type { Language } from '../domain/vocabulary.js';
import type { SmsTemplateKey } from './templates.js';

/**
 * The SMS wording, one object per language, for translators to edit. No code here.
 *
 * Placeholders (filled by `renderSms`, already localised):
 *   {storeName}      the store's name, as configured (usually Latin script)
 *   {trackingCode}   e.g. K7Q-4M2X-P9H; in every message
 *   {estimate}       money, e.g. "₹1,499.00" (English: "INR 1,499.00"); awaiting_approval only
 *   {warrantyEndsOn} a date, e.g. "22 Nov 2026"; completed and warranty_reminder
 *                    (completed_no_warranty is the completion of a repair that granted no
 *                    warranty, e.g. a device without IMEI/serial: it must not mention one)
 *   {promise}        on `received`: the `promise` sentence below when the order has a
 *                    promised-by time, otherwise nothing
 *   {promisedBy}     inside `promise` only: day, month and time, e.g. "22 Nov, 4:20 pm"
 *
 * Rules of the house (checked by test/unit/notify/templates.test.ts):
 * - English fits one GSM-7 segment (160) with a ~30-character store name; so no curly quotes,
 *   dashes or ₹ in English. Every other language fits two UCS-2 segments (134 units). A longer
 *   store name is shortened by the renderer to keep the message within that budget.
 * - Short and polite, as a service center writes it; common English loanwords (repair, code,
 *   warranty) in native script where that is what people actually read in Indian SMS.
 * - Put a placeholder where a suffix does not have to be glued to it: "label: {date}" reads
 *   better than a case ending on a formatted date. Runs of spaces left by an empty {promise}
 *   are collapsed, so write the template with normal spacing around it.
 * - Approval is asked by phone or visit, never "reply YES": DLT sender headers in India are
 *   one-way, so a reply would go nowhere.
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
  promise: 'Expected ready by {promisedBy}.',
  templates: {
    received: '{storeName}: we have received your device for repair. {promise} Tracking code: {trackingCode}',
    awaiting_approval:
      '{storeName}: the repair estimate is {estimate}. Please call or visit us to approve it. Tracking code: {trackingCode}',
    ready_for_pickup: '{storeName}: good news, your device is repaired and ready for pickup. Please show code {trackingCode} at the counter.',
    shipped: '{storeName}: your repaired device has been shipped back to you. Tracking code: {trackingCode}',
    completed: '{storeName}: thank you! Repair {trackingCode} is complete. Your repair warranty is valid until {warrantyEndsOn}.',
    completed_no_warranty: '{storeName}: thank you! Repair {trackingCode} is complete. If anything is wrong, please call or visit us.',
    cancelled: '{storeName}: your repair request {trackingCode} has been cancelled. If you have any questions, please call us.',
    warranty_reminder:
      '{storeName}: the warranty on repair {trackingCode} ends on {warrantyEndsOn}. If anything is wrong, please visit us before then.',
  },
};

const hi: SmsLanguagePack = {
  locale: 'hi-IN',
  gsm7: false,
  promise: '{promisedBy} तक तैयार हो जाएगा।',
  templates: {
    received: '{storeName}: आपका डिवाइस रिपेयर के लिए मिल गया है। {promise} कोड: {trackingCode}',
    awaiting_approval: '{storeName}: रिपेयर का अनुमानित खर्च {estimate} है। मंज़ूरी के लिए कृपया हमें कॉल करें। कोड: {trackingCode}',
    ready_for_pickup: '{storeName}: आपका डिवाइस रिपेयर होकर तैयार है। कृपया कोड {trackingCode} दिखाकर ले जाएँ।',
    shipped: '{storeName}: रिपेयर के बाद आपका डिवाइस आपको भेज दिया गया है। कोड: {trackingCode}',
    completed: '{storeName}: धन्यवाद! रिपेयर {trackingCode} पूरा हुआ। रिपेयर वारंटी {warrantyEndsOn} तक है।',
    completed_no_warranty: '{storeName}: धन्यवाद! रिपेयर {trackingCode} पूरा हुआ। कोई दिक्कत हो तो कृपया हमें कॉल करें।',
    cancelled: '{storeName}: आपका रिपेयर अनुरोध {trackingCode} रद्द कर दिया गया है। कोई सवाल हो तो कृपया हमें कॉल करें।',
    warranty_reminder:
      '{storeName}: रिपेयर {trackingCode} की वारंटी {warrantyEndsOn} को खत्म होगी। कोई दिक्कत हो तो उससे पहले आएँ।',
  },
};

const bn: SmsLanguagePack = {
  locale: 'bn-IN',
  gsm7: false,
  promise: 'তৈরি হবে: {promisedBy}।',
  templates: {
    received: '{storeName}: মেরামতের জন্য আপনার ডিভাইসটি পেয়েছি। {promise} কোড: {trackingCode}',
    awaiting_approval: '{storeName}: মেরামতের আনুমানিক খরচ {estimate}। অনুমোদনের জন্য অনুগ্রহ করে স্টোরে ফোন করুন। কোড: {trackingCode}',
    ready_for_pickup: '{storeName}: আপনার ডিভাইস মেরামত হয়ে গেছে। অনুগ্রহ করে কোড {trackingCode} দেখিয়ে নিয়ে যান।',
    shipped: '{storeName}: মেরামতের পর আপনার ডিভাইসটি পাঠিয়ে দেওয়া হয়েছে। কোড: {trackingCode}',
    completed: '{storeName}: ধন্যবাদ! মেরামত {trackingCode} সম্পন্ন হয়েছে। মেরামতের ওয়ারেন্টি {warrantyEndsOn} পর্যন্ত।',
    completed_no_warranty: '{storeName}: ধন্যবাদ! মেরামত {trackingCode} সম্পন্ন হয়েছে। কোনো সমস্যা হলে অনুগ্রহ করে আমাদের ফোন করুন।',
    cancelled: '{storeName}: আপনার মেরামতের অনুরোধ {trackingCode} বাতিল করা হয়েছে। প্রশ্ন থাকলে অনুগ্রহ করে আমাদের ফোন করুন।',
    warranty_reminder:
      '{storeName}: মেরামত {trackingCode}-এর ওয়ারেন্টি শেষ হবে {warrantyEndsOn}। কোনো সমস্যা থাকলে তার আগেই আসুন।',
  },
};

const mr: SmsLanguagePack = {
  locale: 'mr-IN',
  gsm7: false,
  promise: '{promisedBy} पर्यंत तयार होईल.',
  templates: {
    received: '{storeName}: तुमचे डिव्हाइस दुरुस्तीसाठी मिळाले आहे. {promise} कोड: {trackingCode}',
    awaiting_approval: '{storeName}: दुरुस्तीचा अंदाजे खर्च {estimate} आहे. मंजुरीसाठी कृपया स्टोअरला कॉल करा. कोड: {trackingCode}',
    ready_for_pickup: '{storeName}: तुमचे डिव्हाइस दुरुस्त होऊन तयार आहे. कृपया कोड {trackingCode} दाखवून घेऊन जा.',
    shipped: '{storeName}: दुरुस्त केलेले तुमचे डिव्हाइस तुम्हाला पाठवले आहे. कोड: {trackingCode}',
    completed: '{storeName}: धन्यवाद! दुरुस्ती {trackingCode} पूर्ण झाली. दुरुस्तीची वॉरंटी {warrantyEndsOn} पर्यंत आहे.',
    completed_no_warranty: '{storeName}: धन्यवाद! दुरुस्ती {trackingCode} पूर्ण झाली. काही अडचण असल्यास कृपया आम्हाला कॉल करा.',
    cancelled: '{storeName}: तुमची दुरुस्ती विनंती {trackingCode} रद्द झाली आहे. काही प्रश्न असल्यास कृपया आम्हाला कॉल करा.',
    warranty_reminder:
      '{storeName}: दुरुस्ती {trackingCode} ची वॉरंटी {warrantyEndsOn} रोजी संपेल. अडचण असल्यास त्यापूर्वी भेट द्या.',
  },
};

const gu: SmsLanguagePack = {
  locale: 'gu-IN',
  gsm7: false,
  promise: '{promisedBy} સુધીમાં તૈયાર થઈ જશે.',
  templates: {
    received: '{storeName}: તમારું ડિવાઇસ રિપેર માટે મળી ગયું છે. {promise} કોડ: {trackingCode}',
    awaiting_approval: '{storeName}: રિપેરનો અંદાજિત ખર્ચ {estimate} છે. મંજૂરી માટે કૃપા કરીને સ્ટોરને કૉલ કરો. કોડ: {trackingCode}',
    ready_for_pickup: '{storeName}: તમારું ડિવાઇસ રિપેર થઈને તૈયાર છે. કૃપા કરીને કોડ {trackingCode} બતાવીને લઈ જાઓ.',
    shipped: '{storeName}: રિપેર થયેલું તમારું ડિવાઇસ તમને મોકલી દીધું છે. કોડ: {trackingCode}',
    completed: '{storeName}: આભાર! રિપેર {trackingCode} પૂર્ણ થયું. રિપેર વોરંટી {warrantyEndsOn} સુધી છે.',
    completed_no_warranty: '{storeName}: આભાર! રિપેર {trackingCode} પૂર્ણ થયું. કોઈ તકલીફ હોય તો કૃપા કરીને અમને કૉલ કરો.',
    cancelled: '{storeName}: તમારી રિપેર વિનંતી {trackingCode} રદ કરવામાં આવી છે. કોઈ પ્રશ્ન હોય તો કૃપા કરીને અમને કૉલ કરો.',
    warranty_reminder:
      '{storeName}: રિપેર {trackingCode}ની વોરંટી {warrantyEndsOn}ના રોજ પૂરી થશે. તકલીફ હોય તો તે પહેલાં આવો.',
  },
};

const ta: SmsLanguagePack = {
  locale: 'ta-IN',
  gsm7: false,
  promise: 'தயாராகும் நேரம்: {promisedBy}.',
  templates: {
    received: '{storeName}: உங்கள் சாதனம் பழுதுபார்க்க பெறப்பட்டது. {promise} கோட்: {trackingCode}',
    awaiting_approval: '{storeName}: பழுதுபார்ப்பு மதிப்பீடு {estimate}. ஒப்புதலுக்கு எங்களை அழைக்கவும். கோட்: {trackingCode}',
    ready_for_pickup: '{storeName}: உங்கள் சாதனம் பழுதுபார்க்கப்பட்டு தயாராக உள்ளது. கோட் {trackingCode} காட்டி பெற்றுக்கொள்ளுங்கள்.',
    shipped: '{storeName}: பழுதுபார்க்கப்பட்ட உங்கள் சாதனம் அனுப்பப்பட்டது. கோட்: {trackingCode}',
    completed: '{storeName}: நன்றி! பழுதுபார்ப்பு {trackingCode} முடிந்தது. வாரண்டி {warrantyEndsOn} வரை உள்ளது.',
    completed_no_warranty: '{storeName}: நன்றி! பழுதுபார்ப்பு {trackingCode} முடிந்தது. ஏதேனும் குறை இருந்தால் எங்களை அழைக்கவும்.',
    cancelled: '{storeName}: பழுதுபார்ப்பு கோரிக்கை {trackingCode} ரத்து செய்யப்பட்டது. சந்தேகங்களுக்கு எங்களை அழைக்கவும்.',
    warranty_reminder: '{storeName}: பழுதுபார்ப்பு {trackingCode} வாரண்டி {warrantyEndsOn} வரை மட்டுமே. குறை இருந்தால் அதற்குள் வாருங்கள்.',
  },
};

const te: SmsLanguagePack = {
  locale: 'te-IN',
  gsm7: false,
  promise: 'సిద్ధమయ్యే సమయం: {promisedBy}.',
  templates: {
    received: '{storeName}: మీ పరికరం రిపేర్ కోసం మాకు అందింది. {promise} కోడ్: {trackingCode}',
    awaiting_approval: '{storeName}: రిపేర్ అంచనా ఖర్చు {estimate}. ఆమోదం కోసం దయచేసి స్టోర్‌కు కాల్ చేయండి. కోడ్: {trackingCode}',
    ready_for_pickup: '{storeName}: మీ పరికరం రిపేర్ పూర్తయి సిద్ధంగా ఉంది. దయచేసి కోడ్ {trackingCode} చూపించి తీసుకెళ్లండి.',
    shipped: '{storeName}: రిపేర్ చేసిన మీ పరికరాన్ని మీకు పంపాము. కోడ్: {trackingCode}',
    completed: '{storeName}: ధన్యవాదాలు! రిపేర్ {trackingCode} పూర్తయింది. రిపేర్ వారంటీ {warrantyEndsOn} వరకు ఉంటుంది.',
    completed_no_warranty: '{storeName}: ధన్యవాదాలు! రిపేర్ {trackingCode} పూర్తయింది. ఏదైనా సమస్య ఉంటే దయచేసి మాకు కాల్ చేయండి.',
    cancelled: '{storeName}: మీ రిపేర్ అభ్యర్థన {trackingCode} రద్దు చేయబడింది. సందేహాలుంటే దయచేసి మాకు కాల్ చేయండి.',
    warranty_reminder: '{storeName}: రిపేర్ {trackingCode} వారంటీ గడువు {warrantyEndsOn}. ఏదైనా సమస్య ఉంటే ఆలోపు స్టోర్‌కు రండి.',
  },
};

const kn: SmsLanguagePack = {
  locale: 'kn-IN',
  gsm7: false,
  promise: 'ಸಿದ್ಧವಾಗುವ ಸಮಯ: {promisedBy}.',
  templates: {
    received: '{storeName}: ನಿಮ್ಮ ಸಾಧನ ರಿಪೇರಿಗಾಗಿ ನಮಗೆ ತಲುಪಿದೆ. {promise} ಕೋಡ್: {trackingCode}',
    awaiting_approval: '{storeName}: ರಿಪೇರಿಯ ಅಂದಾಜು ವೆಚ್ಚ {estimate}. ಅನುಮೋದನೆಗಾಗಿ ದಯವಿಟ್ಟು ಸ್ಟೋರ್‌ಗೆ ಕರೆ ಮಾಡಿ. ಕೋಡ್: {trackingCode}',
    ready_for_pickup: '{storeName}: ನಿಮ್ಮ ಸಾಧನ ರಿಪೇರಿಯಾಗಿ ಸಿದ್ಧವಾಗಿದೆ. ದಯವಿಟ್ಟು ಕೋಡ್ {trackingCode} ತೋರಿಸಿ ಪಡೆದುಕೊಳ್ಳಿ.',
    shipped: '{storeName}: ರಿಪೇರಿಯಾದ ನಿಮ್ಮ ಸಾಧನವನ್ನು ನಿಮಗೆ ಕಳುಹಿಸಲಾಗಿದೆ. ಕೋಡ್: {trackingCode}',
    completed: '{storeName}: ಧನ್ಯವಾದಗಳು! ರಿಪೇರಿ {trackingCode} ಪೂರ್ಣಗೊಂಡಿದೆ. ರಿಪೇರಿ ವಾರಂಟಿ {warrantyEndsOn} ವರೆಗೆ ಇದೆ.',
    completed_no_warranty: '{storeName}: ಧನ್ಯವಾದಗಳು! ರಿಪೇರಿ {trackingCode} ಪೂರ್ಣಗೊಂಡಿದೆ. ಏನಾದರೂ ಸಮಸ್ಯೆ ಇದ್ದರೆ ದಯವಿಟ್ಟು ನಮಗೆ ಕರೆ ಮಾಡಿ.',
    cancelled: '{storeName}: ನಿಮ್ಮ ರಿಪೇರಿ ವಿನಂತಿ {trackingCode} ರದ್ದಾಗಿದೆ. ಯಾವುದೇ ಪ್ರಶ್ನೆಗಳಿದ್ದರೆ ದಯವಿಟ್ಟು ನಮಗೆ ಕರೆ ಮಾಡಿ.',
    warranty_reminder: '{storeName}: ರಿಪೇರಿ {trackingCode} ವಾರಂಟಿಯ ಕೊನೆಯ ದಿನ: {warrantyEndsOn}. ಸಮಸ್ಯೆ ಇದ್ದರೆ ಅದಕ್ಕೂ ಮೊದಲು ಬನ್ನಿ.',
  },
};

const ml: SmsLanguagePack = {
  locale: 'ml-IN',
  gsm7: false,
  promise: 'തയ്യാറാകും: {promisedBy}.',
  templates: {
    received: '{storeName}: നിങ്ങളുടെ ഉപകരണം റിപ്പയറിനായി ലഭിച്ചു. {promise} കോഡ്: {trackingCode}',
    awaiting_approval: '{storeName}: റിപ്പയറിന്റെ ഏകദേശ ചെലവ് {estimate}. അംഗീകരിക്കാൻ ദയവായി ഞങ്ങളെ വിളിക്കുക. കോഡ്: {trackingCode}',
    ready_for_pickup: '{storeName}: നിങ്ങളുടെ ഉപകരണം റിപ്പയർ ചെയ്ത് തയ്യാറാണ്. കോഡ് {trackingCode} കാണിച്ച് കൈപ്പറ്റാം.',
    shipped: '{storeName}: റിപ്പയർ ചെയ്ത നിങ്ങളുടെ ഉപകരണം അയച്ചിട്ടുണ്ട്. കോഡ്: {trackingCode}',
    completed: '{storeName}: നന്ദി! റിപ്പയർ {trackingCode} പൂർത്തിയായി. റിപ്പയർ വാറന്റി {warrantyEndsOn} വരെ.',
    completed_no_warranty: '{storeName}: നന്ദി! റിപ്പയർ {trackingCode} പൂർത്തിയായി. എന്തെങ്കിലും പ്രശ്നമുണ്ടെങ്കിൽ ദയവായി ഞങ്ങളെ വിളിക്കുക.',
    cancelled: '{storeName}: നിങ്ങളുടെ റിപ്പയർ അഭ്യർത്ഥന {trackingCode} റദ്ദാക്കി. സംശയങ്ങൾക്ക് ദയവായി ഞങ്ങളെ വിളിക്കുക.',
    warranty_reminder: '{storeName}: റിപ്പയർ {trackingCode} വാറന്റി {warrantyEndsOn} വരെ മാത്രം. പ്രശ്നമുണ്ടെങ്കിൽ അതിനുമുമ്പ് വരിക.',
  },
};

/** Chinese SMS open with the sender's signature in 【】, as Chinese carriers require. */
const zh: SmsLanguagePack = {
  locale: 'zh-CN',
  gsm7: false,
  promise: '预计{promisedBy}前完成。',
  templates: {
    received: '【{storeName}】您的设备已收到，我们会尽快为您维修。{promise}查询码：{trackingCode}',
    awaiting_approval: '【{storeName}】您的维修报价为{estimate}，请致电门店确认是否维修。查询码：{trackingCode}',
    ready_for_pickup: '【{storeName}】您的设备已修好，请凭查询码{trackingCode}到店取机。',
    shipped: '【{storeName}】您的设备已修好并寄出，请注意查收。查询码：{trackingCode}',
    completed: '【{storeName}】感谢您的信任！维修单{trackingCode}已完成，维修部件保修期至{warrantyEndsOn}。',
    completed_no_warranty: '【{storeName}】感谢您的信任！维修单{trackingCode}已完成。如有问题，请致电门店。',
    cancelled: '【{storeName}】您的维修单{trackingCode}已取消。如有疑问，请致电门店。给您带来不便，敬请谅解。',
    warranty_reminder: '【{storeName}】您的维修单{trackingCode}保修将于{warrantyEndsOn}到期。如有问题，请在到期前到店检测。',
  },
};

const ka: SmsLanguagePack = {
  locale: 'ka-GE',
  gsm7: false,
  promise: 'მზად იქნება: {promisedBy}.',
  templates: {
    received: '{storeName}: თქვენი მოწყობილობა მიღებულია შესაკეთებლად. {promise} კოდი: {trackingCode}',
    awaiting_approval: '{storeName}: შეკეთების სავარაუდო ფასია {estimate}. დასადასტურებლად, გთხოვთ, დაგვირეკოთ. კოდი: {trackingCode}',
    ready_for_pickup: '{storeName}: თქვენი მოწყობილობა შეკეთებულია და მზადაა. წასაღებად წარმოადგინეთ კოდი {trackingCode}.',
    shipped: '{storeName}: შეკეთებული მოწყობილობა გამოგზავნილია თქვენს მისამართზე. კოდი: {trackingCode}',
    completed: '{storeName}: გმადლობთ! შეკეთება {trackingCode} დასრულებულია. გარანტია მოქმედებს {warrantyEndsOn}-მდე.',
    completed_no_warranty: '{storeName}: გმადლობთ! შეკეთება {trackingCode} დასრულებულია. პრობლემის შემთხვევაში, გთხოვთ, დაგვიკავშირდეთ.',
    cancelled: '{storeName}: თქვენი შეკვეთა {trackingCode} გაუქმებულია. კითხვების შემთხვევაში, გთხოვთ, დაგვიკავშირდეთ.',
    warranty_reminder: '{storeName}: შეკეთების {trackingCode} გარანტია იწურება {warrantyEndsOn}. პრობლემის შემთხვევაში მანამდე გვეწვიეთ.',
  },
};

/** Every language of the API has a pack: the compiler refuses a missing one. */
export const SMS_TEXTS: Readonly<Record<Language, SmsLanguagePack>> = { en, hi, bn, mr, gu, ta, te, kn, ml, zh, ka };
