/**
 * WhatsApp templates, derived from the SMS wording (shared/notify/texts.ts): translators edit one
 * text per message and language, and both channels say the same thing. Business-initiated
 * WhatsApp messages must use templates Meta approved, so each (template, language) here is also
 * what gets registered: `metaTemplateRegistration` gives the body in Meta's form ({{1}}, {{2}}…
 * with examples), and the page link is a URL button whose suffix is the order's page token.
 *
 * Pure: no AWS, no clock. The sender puts the parameters in the message; the local inbox renders
 * the same template with them, so what a developer reads is what the customer's phone shows.
 */
import { LANGUAGES, type Language } from '../../domain/vocabulary.js';
import { localizedValues, resolveSmsLanguage, SMS_TEMPLATE_KEYS, SmsTemplateError, type SmsTemplateKey, type SmsValues } from '../templates.js';
import { SMS_TEXTS } from '../texts.js';

/**
 * A received update without a promised-by time cannot use the `received` template with an empty
 * parameter (Meta refuses empty parameters): it has a variant of its own without the sentence.
 */
export const WHATSAPP_TEMPLATE_KEYS = [...SMS_TEMPLATE_KEYS, 'received_no_promise'] as const;
export type WhatsAppTemplateKey = (typeof WHATSAPP_TEMPLATE_KEYS)[number];

/** Meta's language codes for the 11 languages (Chinese is registered as Simplified, zh_CN). */
export const META_LANGUAGE_CODES: Readonly<Record<Language, string>> = {
  en: 'en', hi: 'hi', bn: 'bn', mr: 'mr', gu: 'gu', ta: 'ta', te: 'te', kn: 'kn', ml: 'ml', zh: 'zh_CN', ka: 'ka',
};

/** The page-link button's label (Meta: at most 25 characters). */
const BUTTON_LABELS: Readonly<Record<Language, string>> = {
  en: 'View your repair',
  hi: 'रिपेयर देखें',
  bn: 'মেরামত দেখুন',
  mr: 'दुरुस्ती पहा',
  gu: 'રિપેર જુઓ',
  ta: 'பழுது நிலையைப் பார்க்க',
  te: 'రిపేర్ చూడండి',
  kn: 'ರಿಪೇರಿ ನೋಡಿ',
  ml: 'റിപ്പയർ കാണുക',
  zh: '查看维修进度',
  ka: 'რემონტის ნახვა',
};

/** Names as registered with Meta: lowercase and underscores; a store may register its own (settings). */
export function defaultTemplateName(key: WhatsAppTemplateKey): string {
  return `repair_${key}`;
}

const PLACEHOLDER = /\{(\w+)\}/g;

interface TemplateShape {
  /** Meta body text: {{1}}, {{2}}… in the order the values appear. */
  body: string;
  /** Which value each numbered parameter carries. */
  parameters: string[];
}

/**
 * The body of a template in Meta's positional form. The store name is bold and leads the message,
 * as the SMS's "Store: …" does; Meta refuses a body that begins or ends with a parameter, so the
 * bold marks and a closing full stop (where the SMS ends on a value) keep parameters inside.
 */
export function templateShape(key: WhatsAppTemplateKey, language: Language): TemplateShape {
  const pack = SMS_TEXTS[language];
  const smsKey: SmsTemplateKey = key === 'received_no_promise' ? 'received' : key;
  const promise = key === 'received' ? pack.promise : '';
  // The page link is the message's URL button, not body text: its placeholder leaves the body.
  const text = pack.templates[smsKey].replace('{promise}', promise).replace(/\s*\{link\}/g, '').replace(/ {2,}/g, ' ').trim();
  const parameters: string[] = [];
  let body = text.replace(PLACEHOLDER, (_match, name: string) => {
    let index = parameters.indexOf(name);
    if (index < 0) index = parameters.push(name) - 1;
    return `{{${index + 1}}}`;
  });
  // 【 and 】 as \u escapes: a regex literal keeps its characters in the bundle (see TRAILING_PUNCTUATION in ../templates.ts).
  body = body.replace(/^(\u3010?)\{\{1\}\}(\u3011?)(:?)/u, (_m, open: string, close: string, colon: string) => `${open}*{{1}}*${close}${colon}`);
  if (/\}\}$/.test(body)) body = `${body}.`;
  return { body, parameters };
}

export interface WhatsAppRender {
  key: WhatsAppTemplateKey;
  language: Language;
  /** Meta's language code (zh_CN for Chinese). */
  languageCode: string;
  /** Body parameters in order, already localised. */
  parameters: string[];
  /** The text the customer reads (for the local inbox and logs of shapes, never sent as text). */
  body: string;
}

/** Picks the template for an update and fills its parameters; throws SmsTemplateError like the SMS renderer. */
export function renderWhatsApp(smsKey: SmsTemplateKey, language: string, values: SmsValues): WhatsAppRender {
  const resolved = resolveSmsLanguage(language);
  const key: WhatsAppTemplateKey = smsKey === 'received' && !values.promisedBy ? 'received_no_promise' : smsKey;
  const slots: Record<string, string> = { ...localizedValues(resolved, smsKey, values), storeName: values.storeName.trim() };
  const shape = templateShape(key, resolved);
  const parameters = shape.parameters.map((name) => {
    const value = slots[name];
    // Meta refuses empty parameters; a missing value is the caller's bug, never a blank in a message.
    if (!value) throw new SmsTemplateError(`WhatsApp ${resolved}/${key} needs a value for {${name}}`);
    return value;
  });
  const body = shape.body.replace(/\{\{(\d+)\}\}/g, (_m, n: string) => parameters[Number(n) - 1] ?? '');
  return { key, language: resolved, languageCode: META_LANGUAGE_CODES[resolved], parameters, body };
}

/**
 * The template message of Meta's Cloud API, as SendWhatsAppMessage carries it. `pageToken` fills
 * the URL button's suffix (the button's base URL is part of the registered template).
 */
export function metaTemplateMessage(to: string, templateName: string, render: WhatsAppRender, pageToken?: string) {
  const components: Record<string, unknown>[] = [
    { type: 'body', parameters: render.parameters.map((text) => ({ type: 'text', text })) },
  ];
  if (pageToken) components.push({ type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: pageToken }] });
  return {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    to,
    type: 'template',
    template: { name: templateName, language: { policy: 'deterministic', code: render.languageCode }, components },
  };
}

/** Realistic example values Meta asks for with each template (its reviewers read them). */
const EXAMPLE_VALUES: Readonly<Record<string, string>> = {
  storeName: 'OPPO Service Center Koramangala',
  trackingCode: 'K7Q-4M2X-P9H',
  promisedBy: '22 Nov, 4:20 pm',
  estimate: '₹1,499.00',
  warrantyEndsOn: '20 Feb 2027',
};

/**
 * What registering one template with Meta takes (WhatsApp Manager or the Graph API's
 * message_templates): category UTILITY (order updates), the body with examples, and the URL button
 * to the customer page on this stage's public base URL.
 */
export function metaTemplateRegistration(key: WhatsAppTemplateKey, language: Language, publicBaseUrl: string) {
  const shape = templateShape(key, language);
  return {
    name: defaultTemplateName(key),
    language: META_LANGUAGE_CODES[language],
    category: 'UTILITY',
    components: [
      { type: 'BODY', text: shape.body, example: { body_text: [shape.parameters.map((name) => EXAMPLE_VALUES[name] ?? name)] } },
      {
        type: 'BUTTONS',
        buttons: [{ type: 'URL', text: BUTTON_LABELS[language], url: `${publicBaseUrl.replace(/\/$/, '')}/r/{{1}}`, example: [`${publicBaseUrl.replace(/\/$/, '')}/r/3q2-example-token`] }],
      },
    ],
  };
}

/** Every registration: 10 templates × 11 languages. */
export function allMetaTemplateRegistrations(publicBaseUrl: string) {
  return WHATSAPP_TEMPLATE_KEYS.flatMap((key) => LANGUAGES.map((language) => metaTemplateRegistration(key, language, publicBaseUrl)));
}

export function buttonLabel(language: Language): string {
  return BUTTON_LABELS[language];
}
