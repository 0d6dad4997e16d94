import { redactPhones } from '../../shared/observability/logger.js';

/**
 * The lines of `text` that hold a phone number, as the logger itself judges one: E.164 (`+` and
 * 7–15 digits) or a bare run of 10–15 digits standing alone. The logger's redaction decides, so
 * the tests and the code share one pattern; digits inside ids (ULIDs, UUIDs, `rt_…` keys,
 * tracking codes) and ISO timestamps are not phones to it.
 */
export function linesWithPhones(text: string): string[] {
  return text.split('\n').filter((line) => redactPhones(line) !== line);
}
