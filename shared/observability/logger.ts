import { Logger } from '@aws-lambda-powertools/logger';

/**
 * Anything that looks like a phone number inside a string (error messages, notes): a '+' and
 * 7–15 digits, or a bare run of 10–15 digits standing alone. Digits inside ids (UUIDs, ULIDs)
 * are left alone so log lines still correlate.
 */
const PHONE_LIKE = /\+[1-9]\d{6,14}|(?<![\w+-])[1-9]\d{9,14}(?![\w-])/g;

/** Last line of defence: whatever reaches a log line, a phone number leaves it masked. */
export function redactPhones(text: string): string {
  return text.replace(PHONE_LIKE, (digits) => `${digits.slice(0, 3)}…redacted`);
}

/** One logger per container; service name comes from POWERTOOLS_SERVICE_NAME when set. */
export const logger = new Logger({
  serviceName: 'repair-api',
  jsonReplacerFn: (_key: string, value: unknown) => (typeof value === 'string' ? redactPhones(value) : value),
});
