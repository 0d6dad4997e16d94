import { createHash } from 'node:crypto';

/** E.164: '+', a country code that does not start with 0, up to 15 digits in all. */
export const E164_PATTERN = /^\+[1-9]\d{6,14}$/;

/**
 * ITU country calling codes of two digits (everything else is one digit for 1 and 7, three
 * digits otherwise), so a mask can show the country and nothing of the subscriber number.
 */
const TWO_DIGIT_CODES = new Set([
  20, 27, 30, 31, 32, 33, 34, 36, 39, 40, 41, 43, 44, 45, 46, 47, 48, 49, 51, 52, 53, 54, 55, 56, 57, 58,
  60, 61, 62, 63, 64, 65, 66, 81, 82, 84, 86, 90, 91, 92, 93, 94, 95, 98,
]);

export function countryCallingCode(phone: string): string {
  const digits = phone.slice(1);
  if (digits.startsWith('1') || digits.startsWith('7')) return digits.slice(0, 1);
  if (TWO_DIGIT_CODES.has(Number(digits.slice(0, 2)))) return digits.slice(0, 2);
  return digits.slice(0, 3);
}

/**
 * The only form of a phone number that leaves the API outside the call queue: the country code
 * and the last four digits, enough for a person to recognise it (`+91••••••5678`).
 */
export function maskPhone(phone: string): string;
export function maskPhone(phone: string | null): string | null;
export function maskPhone(phone: string | null): string | null {
  if (phone === null) return null;
  const prefix = `+${countryCallingCode(phone)}`;
  const hidden = phone.length - prefix.length - 4;
  if (hidden < 2) return '•'.repeat(phone.length);
  return prefix + '•'.repeat(hidden) + phone.slice(-4);
}

export function lastFour(phone: string | null): string | null {
  return phone === null ? null : phone.slice(-4);
}

/** The key under which a store finds a customer's orders; never stored once their data is erased. */
export function phoneHash(phone: string): string {
  return createHash('sha256').update(phone, 'utf8').digest('hex');
}

/**
 * Phone-like runs in free text staff typed (move notes, escalation notes): '+' and 7–15 digits,
 * or 9–15 digits standing alone (local numbers: India 10, China 11, Georgia 9), in either case
 * grouped by spaces, dots, dashes or brackets ("+91 98123 45678", "+1 (415) 555-2671"). A run
 * counts only as a whole: digits right before or after it (or a time such as 10:30) mean it is
 * something else, so dates and times stay readable.
 */
const PHONE_RUN = /(?:\+[1-9](?:[ .()-]{0,2}\d){6,14}|(?<![\w+]|\d[ .()-]{1,2})\(?\d(?:[ .()-]{0,2}\d){8,14})(?![ .()-]{0,2}\d|:\d)/g;

/** Masks every phone-like run the way a phone is masked in responses: `+91••••••5678`, `••••••5678`. */
export function maskPhonesInText(text: string): string;
export function maskPhonesInText(text: string | null): string | null;
export function maskPhonesInText(text: string | null): string | null {
  if (text === null) return null;
  return text.replace(PHONE_RUN, (run) => {
    const digits = run.replace(/\D/g, '');
    return run.startsWith('+') ? maskPhone(`+${digits}`) : '•'.repeat(digits.length - 4) + digits.slice(-4);
  });
}
