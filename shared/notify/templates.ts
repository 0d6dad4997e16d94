/**
 * Customer SMS text: picks the language pack (texts.ts), localises dates and money with Intl and
 * fills the placeholders. Pure: no AWS, no clock, no I/O, so the stream handler decides when to
 * send and this module only decides what the message says.
 */
import { CUSTOMER_FACING_STATUSES, isCustomerFacing, type RepairStatus } from '../domain/status.js';
import type { SmsSettings } from '../domain/store-settings.js';
import { LANGUAGES, type Language, type Money } from '../domain/vocabulary.js';
import { countSegments, isGsm7 } from './segments.js';
import { dateTimeFormat, numberFormat } from '../domain/intl-formats.js';
import { SMS_TEXTS, type SmsLanguagePack } from './texts.js';

/**
 * The customer-facing statuses of API.md, `completed_no_warranty` (a completion that granted no
 * repair warranty, e.g. no IMEI/serial on the order: the SMS must not promise one), the
 * warranty-expiry reminder and a network campaign's extension of the warranty (its new end).
 * Each is its own DLT registration.
 */
export const SMS_TEMPLATE_KEYS = [...CUSTOMER_FACING_STATUSES, 'completed_no_warranty', 'warranty_reminder', 'warranty_extended'] as const;
export type SmsTemplateKey = (typeof SMS_TEMPLATE_KEYS)[number];

export interface SmsValues {
  /** The store's SMS name; shortened at a word ("…") when the message would exceed its segment budget. */
  storeName: string;
  trackingCode: string;
  /** IANA zone of the store (e.g. Asia/Kolkata): the customer reads times in the store's clock. */
  timezone: string;
  /** Required by awaiting_approval. */
  estimate?: Money | null;
  /** YYYY-MM-DD; required by completed, warranty_reminder and warranty_extended. */
  warrantyEndsOn?: string;
  /** ISO instant; on `received`, adds an "expected ready by" sentence when present. */
  promisedBy?: string | null;
  /** The customer page (<PUBLIC_BASE_URL>/r/<token>): in every message, counted in its budget, never cut. */
  pageUrl?: string | null;
}

export interface RenderedSms {
  text: string;
  /** The language actually used: the requested one, or English when it is unknown. */
  language: Language;
  key: SmsTemplateKey;
}

/** A template asked for a value the caller did not give, or a value is malformed. */
export class SmsTemplateError extends Error {
  override readonly name = 'SmsTemplateError';
}

/** Accepts the API's language codes and tolerates "HI" or "hi-IN"; anything else → English. */
export function resolveSmsLanguage(language: string): Language {
  const primary = language.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return (LANGUAGES as readonly string[]).includes(primary) ? (primary as Language) : 'en';
}

/** The SMS a status change sends, or null when the status is internal (diagnosing, …). */
export function smsTemplateKeyForStatus(status: RepairStatus): SmsTemplateKey | null {
  if (!isCustomerFacing(status)) return null;
  return (SMS_TEMPLATE_KEYS as readonly string[]).includes(status) ? (status as SmsTemplateKey) : null;
}

/**
 * Segments one SMS may cost: one GSM-7 segment for English (SPEC: one segment where the script
 * allows), two UCS-2 segments for every other script. An English message whose store name cannot
 * be written in GSM-7 at all (letters of another script) is UCS-2: its English words and the page
 * link alone need ~150 UCS-2 units, so it gets three.
 */
export function smsSegmentBudget(language: Language, text: string): number {
  if (!SMS_TEXTS[language].gsm7) return 2;
  return isGsm7(text) ? 1 : 3;
}

export function renderSms(key: SmsTemplateKey, language: string, values: SmsValues): RenderedSms {
  const resolved = resolveSmsLanguage(language);
  const pack = SMS_TEXTS[resolved];
  const where = `${resolved}/${key}`;
  const { promisedBy, ...localized } = localizedValues(resolved, key, values);
  const slots: Record<string, string> = { ...localized, promise: promisedBy ? fill(pack.promise, { promisedBy }, where) : '', link: values.pageUrl ?? '' };

  const withName = (storeName: string) => fill(pack.templates[key], { ...slots, storeName }, where);
  const storeName = pack.gsm7 ? gsm7StoreName(values.storeName) : values.storeName.trim();
  const text = withinBudget(withName, storeName, resolved, pack.gsm7 ? '...' : '…');
  return { text, language: resolved, key };
}

/**
 * Every value a template of this language may show, formatted for it (money, dates and times in
 * the store's zone): the one formatting SMS and WhatsApp messages share. The store name is left
 * to the channel (an SMS folds and shortens it to keep its segment budget; WhatsApp has none).
 */
export function localizedValues(language: Language, key: SmsTemplateKey, values: SmsValues): Record<string, string> {
  const pack = SMS_TEXTS[language];
  const where = `${language}/${key}`;
  const format = formattersFor(pack, values.timezone);
  const slots: Record<string, string> = { trackingCode: values.trackingCode };
  if (values.promisedBy) slots.promisedBy = format.instant(values.promisedBy, where);
  if (values.estimate) slots.estimate = format.money(values.estimate, where);
  if (values.warrantyEndsOn !== undefined) slots.warrantyEndsOn = format.date(values.warrantyEndsOn, where);
  return slots;
}

/**
 * The message with the longest store name that keeps it within its segment budget: the full name
 * when it fits, else the name cut after a whole word, else (one long word) after a whole
 * character, with an ellipsis. Only the store name gives way: the tracking code, the status, the
 * date and the amount are what the customer needs. Segment count only grows with the name's
 * length, so the first candidate that fits is the longest one that does.
 */
function withinBudget(withName: (storeName: string) => string, storeName: string, language: Language, ellipsis: string): string {
  const fits = (text: string) => countSegments(text).segments <= smsSegmentBudget(language, text);
  const full = withName(storeName);
  if (fits(full)) return full;
  let text = full;
  for (const shorter of shortenedNames(storeName, ellipsis)) {
    text = withName(shorter);
    if (fits(text)) return text;
  }
  // Not even one character of the name fits: the template alone is over budget, which the
  // template tests forbid. Send the shortest form rather than nothing.
  return text;
}

/**
 * Built on first use: constructing a segmenter loads ICU's break rules, ~7 ms of CPU that every
 * function importing the templates (the notifier, every schema of store settings) paid at its cold
 * start, while only a store name too long for its SMS is ever cut.
 */
let graphemes: Intl.Segmenter | undefined;
const graphemeSegmenter = () => (graphemes ??= new Intl.Segmenter('und', { granularity: 'grapheme' }));
/**
 * Punctuation a cut name should not end on before its ellipsis ("Koramangala,…"). The dashes are
 * \u escapes: esbuild leaves a regex literal's characters as written, and one past Latin-1 makes
 * V8 keep the whole bundle two bytes a character.
 */
const TRAILING_PUNCTUATION = /[\s,;:.\-\u2013\u2014&/|(]+$/u;

/** Shorter forms of a name, longest first: whole words, then whole characters (graphemes, so no Indic vowel sign is orphaned). */
function* shortenedNames(name: string, ellipsis: string): Generator<string> {
  const chars = [...graphemeSegmenter().segment(name)].map((s) => s.segment);
  const cut = (count: number) => chars.slice(0, count).join('').replace(TRAILING_PUNCTUATION, '');
  const wordEnds = chars.flatMap((char, i) => (i > 0 && /\s/u.test(char) ? [i] : [])).reverse();
  for (const end of wordEnds) {
    const words = cut(end);
    if (words) yield `${words}${ellipsis}`;
  }
  const firstWord = wordEnds.at(-1) ?? chars.length;
  for (let count = firstWord - 1; count >= 1; count--) {
    const start = cut(count);
    if (start) yield `${start}${ellipsis}`;
  }
}

/** Typographic characters people paste into names, and their GSM-7 stand-ins. */
const GSM7_STAND_INS: Readonly<Record<string, string>> = {
  '‘': "'", '’': "'", '‚': "'", '′': "'", '“': '"', '”': '"', '„': '"', '″': '"',
  '‐': '-', '‑': '-', '‒': '-', '–': '-', '—': '-', '−': '-', '…': '...', '·': '.', '•': '.',
  '\u00a0': ' ', '\u2007': ' ', '\u2009': ' ', '\u202f': ' ',
};

/**
 * A store name for a GSM-7 (English) message: a curly quote, a dash or an accent outside the GSM
 * alphabet would otherwise turn the whole SMS into UCS-2 (70 characters a segment instead of 160).
 * Typographic characters get their plain stand-ins, accents are dropped where the bare letter is
 * GSM-7 (ā → a; é stays, it is GSM-7), symbols and emoji are left out. A letter or digit of
 * another script cannot be folded without garbling the name: then the name is kept as it is.
 */
function gsm7StoreName(name: string): string {
  let folded = '';
  for (const char of name.normalize('NFC')) {
    const bare = char.normalize('NFD').replace(/\p{M}/gu, '');
    if (isGsm7(char)) folded += char;
    else if (GSM7_STAND_INS[char] !== undefined) folded += GSM7_STAND_INS[char];
    else if (bare && isGsm7(bare)) folded += bare;
    else if (/[\p{L}\p{N}]/u.test(char)) return name.trim();
  }
  // A name of symbols only: nothing left to fold into, keep it.
  return folded.replace(/\s+/g, ' ').trim() || name.trim();
}

/**
 * Identity of a template for India's DLT registry. The registered IDs themselves belong to each
 * store (StoreSettings.sms.dltTemplateIds), keyed by this.
 */
export function dltTemplateKey(key: SmsTemplateKey): string {
  return key;
}

/**
 * The DLT template ID to send with an SMS. DLT registers each exact text, so every language of a
 * template is its own registration: a store may configure "received.hi" next to "received";
 * the language-specific ID wins. Undefined when the store has not configured one.
 */
export function dltTemplateId(sms: SmsSettings, key: SmsTemplateKey, language: Language): string | undefined {
  const ids = sms.dltTemplateIds ?? {};
  return ids[`${dltTemplateKey(key)}.${language}`] ?? ids[dltTemplateKey(key)];
}

const PLACEHOLDER = /\{(\w+)\}/g;

/**
 * The one substitution: every {name} must have a value (a missing one throws rather than send
 * "{estimate}" to a customer). Runs of spaces left by an empty optional slot collapse to one.
 */
function fill(template: string, slots: Readonly<Record<string, string>>, where: string): string {
  return template
    .replace(PLACEHOLDER, (_match, name: string) => {
      const value = slots[name];
      if (value === undefined) throw new SmsTemplateError(`SMS ${where} needs a value for {${name}}`);
      return value;
    })
    .replace(/ {2,}/g, ' ')
    .trim();
}

/** Intl puts U+00A0 / U+202F (and thin spaces) in money and times; GSM-7 has only the plain space. */
const INTL_SPACES = /[\u00a0\u2007\u2009\u202f]/g;
const DECIMAL = /^-?\d+(\.\d+)?$/;
const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function formattersFor(pack: SmsLanguagePack, timeZone: string) {
  const plain = (text: string) => (pack.gsm7 ? text.replace(INTL_SPACES, ' ') : text);
  return {
    /**
     * GSM-7 languages show the ISO code ("INR 1,499.00"): "₹" is not in GSM-7 and would turn the
     * whole English SMS into UCS-2 (70 characters instead of 160). Other scripts keep the symbol.
     */
    money(money: Money, where: string): string {
      if (!DECIMAL.test(money.amount)) throw new SmsTemplateError(`SMS ${where}: bad amount "${money.amount}"`);
      const formatter = numberFormat(pack.locale, {
        style: 'currency',
        currency: money.currency,
        currencyDisplay: pack.gsm7 ? 'code' : 'symbol',
      });
      // The string overload formats the decimal exactly: money never becomes a float here.
      return plain(formatter.format(money.amount as `${number}`));
    },
    /**
     * A YYYY-MM-DD date is a calendar day, not an instant: it is formatted as that day in UTC, so
     * no store time zone can move it to the day before or after.
     */
    date(isoDate: string, where: string): string {
      const match = CALENDAR_DATE.exec(isoDate);
      const day = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
      if (!day || day.toISOString().slice(0, 10) !== isoDate) {
        throw new SmsTemplateError(`SMS ${where}: bad date "${isoDate}" (expected YYYY-MM-DD)`);
      }
      return plain(dateTimeFormat(pack.locale, { timeZone: 'UTC', dateStyle: 'medium' }).format(day));
    },
    /** An instant (promised-by) in the store's zone: short day and month plus the time, e.g. "22 Nov, 4:20 pm". */
    instant(iso: string, where: string): string {
      const at = new Date(iso);
      if (Number.isNaN(at.getTime())) throw new SmsTemplateError(`SMS ${where}: bad time "${iso}"`);
      const formatter = dateTimeFormat(pack.locale, {
        timeZone,
        day: 'numeric',
        month: 'short',
        hour: 'numeric',
        minute: '2-digit',
      });
      return plain(formatter.format(at));
    },
  };
}
