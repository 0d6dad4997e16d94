/**
 * Customer SMS text: picks the language pack (texts.ts), localises dates and money with Intl and
 * fills the placeholders. Pure: no AWS, no clock, no I/O, so the stream handler decides when to
 * send and this module only decides what the message says.
 */
import { CUSTOMER_FACING_STATUSES, isCustomerFacing, type RepairStatus } from '../domain/status.js';
import type { SmsSettings } from '../domain/store-settings.js';
import { LANGUAGES, type Language, type Money } from '../domain/vocabulary.js';
import { SMS_TEXTS, type SmsLanguagePack } from './texts.js';

/** The customer-facing statuses of API.md, plus the warranty-expiry reminder. */
export const SMS_TEMPLATE_KEYS = [...CUSTOMER_FACING_STATUSES, 'warranty_reminder'] as const;
export type SmsTemplateKey = (typeof SMS_TEMPLATE_KEYS)[number];

export interface SmsValues {
  storeName: string;
  trackingCode: string;
  /** IANA zone of the store (e.g. Asia/Kolkata): the customer reads times in the store's clock. */
  timezone: string;
  /** Required by awaiting_approval. */
  estimate?: Money | null;
  /** YYYY-MM-DD; required by completed and warranty_reminder. */
  warrantyEndsOn?: string;
  /** ISO instant; on `received`, adds an "expected ready by" sentence when present. */
  promisedBy?: string | null;
  /** Appended after a space when present (not counted in the one-segment budget). */
  trackingUrl?: string;
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

export function renderSms(key: SmsTemplateKey, language: string, values: SmsValues): RenderedSms {
  const resolved = resolveSmsLanguage(language);
  const pack = SMS_TEXTS[resolved];
  const where = `${resolved}/${key}`;
  const format = formattersFor(pack, values.timezone);

  const slots: Record<string, string> = {
    storeName: values.storeName.trim(),
    trackingCode: values.trackingCode,
    promise: values.promisedBy ? fill(pack.promise, { promisedBy: format.instant(values.promisedBy, where) }, where) : '',
  };
  if (values.estimate) slots.estimate = format.money(values.estimate, where);
  if (values.warrantyEndsOn !== undefined) slots.warrantyEndsOn = format.date(values.warrantyEndsOn, where);

  let text = fill(pack.templates[key], slots, where);
  if (values.trackingUrl) text = `${text} ${values.trackingUrl}`;
  return { text, language: resolved, key };
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
      const formatter = new Intl.NumberFormat(pack.locale, {
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
      return plain(new Intl.DateTimeFormat(pack.locale, { timeZone: 'UTC', dateStyle: 'medium' }).format(day));
    },
    /** An instant (promised-by) in the store's zone: short day and month plus the time, e.g. "22 Nov, 4:20 pm". */
    instant(iso: string, where: string): string {
      const at = new Date(iso);
      if (Number.isNaN(at.getTime())) throw new SmsTemplateError(`SMS ${where}: bad time "${iso}"`);
      const formatter = new Intl.DateTimeFormat(pack.locale, {
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
