/**
 * How many SMS segments a text costs, the way a carrier counts it.
 *
 * Why this exists: a customer-facing SMS is billed (and, in India, DLT-scrubbed) per segment, and
 * SPEC.md asks to keep status updates within one segment where the script allows. Two encodings
 * matter (3GPP TS 23.038):
 *
 * - GSM-7: 7-bit septets. Every character of the basic table costs 1 septet; a character of the
 *   extension table costs 2 (an ESC septet, then the character). 140 bytes hold 160 septets.
 * - UCS-2: as soon as one character is in neither table, the whole message switches to 16-bit
 *   units: 70 per message. Phones and SNS actually send UTF-16, so a character outside the BMP
 *   (emoji, some CJK) takes a surrogate pair = 2 units.
 *
 * A concatenated (multi-part) message spends 6 bytes of each segment on the UDH header, leaving
 * 153 septets / 67 units per segment. A segment never ends in the middle of a character: an ESC
 * pair or a surrogate pair that does not fit moves whole to the next segment, so a segment may
 * carry 152 septets / 66 units. The packing below therefore walks character by character instead
 * of dividing the total.
 *
 * The national language shift tables of TS 23.038 (which would put Hindi, Bengali, Tamil, … in
 * 7 bits) are not used: SNS and most Indian routes do not support them, so Indic text is UCS-2.
 *
 * Pure and table-driven: the two character tables below are the standard's, in code-point order
 * of the GSM alphabet, so they can be checked against TS 23.038 line by line.
 */

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SegmentCount {
  encoding: SmsEncoding;
  /** Septets for GSM-7, UTF-16 code units for UCS-2. */
  units: number;
  segments: number;
}

/**
 * GSM 03.38 basic table, positions 0x00–0x7F (0x1B is the escape to the extension table and is
 * not a character, so it is left out). \n is 0x0A, \r is 0x0D.
 */
const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅå' +
  'Δ_ΦΓΛΩΠΨΣΘΞ' + /* 0x1B ESC */ 'ÆæßÉ' +
  ' !"#¤%&\'()*+,-./' +
  '0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNO' +
  'PQRSTUVWXYZÄÖÑÜ§' +
  '¿abcdefghijklmno' +
  'pqrstuvwxyzäöñüà';

/** GSM 03.38 extension table: each costs ESC + the character = 2 septets. \f is form feed. */
const GSM7_EXTENSION = '\f^{}\\[~]|€';

/** Septets per character; a character absent from the map is not GSM-7. */
const GSM7_SEPTETS: ReadonlyMap<string, number> = new Map([
  ...[...GSM7_BASIC].map((char) => [char, 1] as const),
  ...[...GSM7_EXTENSION].map((char) => [char, 2] as const),
]);

/** Capacity per encoding: a single message, and each part of a concatenated one. */
const LIMITS: Record<SmsEncoding, { single: number; perSegment: number }> = {
  'GSM-7': { single: 160, perSegment: 153 },
  'UCS-2': { single: 70, perSegment: 67 },
};

/** True when every character of `text` can be sent in GSM-7 (basic or extension table). */
export function isGsm7(text: string): boolean {
  for (const char of text) if (!GSM7_SEPTETS.has(char)) return false;
  return true;
}

export function countSegments(text: string): SegmentCount {
  const encoding: SmsEncoding = isGsm7(text) ? 'GSM-7' : 'UCS-2';
  // `for…of` walks code points, so a surrogate pair arrives as one string of length 2.
  const costs = [...text].map((char) => (encoding === 'GSM-7' ? (GSM7_SEPTETS.get(char) ?? 1) : char.length));
  const units = costs.reduce((sum, cost) => sum + cost, 0);
  const limit = LIMITS[encoding];
  if (units <= limit.single) return { encoding, units, segments: 1 };

  let segments = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > limit.perSegment) {
      segments++;
      used = 0;
    }
    used += cost;
  }
  return { encoding, units, segments };
}
