import { randomBytes } from 'node:crypto';

/**
 * 32 symbols without the look-alikes 0/O and 1/I, so a code read over the phone or
 * copied from an SMS survives. 32 = 2^5, so masking a random byte to 5 bits has no bias.
 */
export const TRACKING_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const GROUPS = [3, 4, 3] as const;
const LENGTH = GROUPS.reduce((sum, n) => sum + n, 0);

/**
 * 10 symbols = 50 random bits: ~1e15 codes, so guessing one is hopeless and, in practice, codes
 * never collide (the table still refuses a duplicate and the caller draws again).
 */
export function newTrackingCode(random: (size: number) => Uint8Array = randomBytes): string {
  const bytes = random(LENGTH);
  let symbols = '';
  for (let i = 0; i < LENGTH; i++) symbols += TRACKING_ALPHABET[(bytes[i] ?? 0) & 31];
  return formatTrackingCode(symbols);
}

function formatTrackingCode(symbols: string): string {
  const parts: string[] = [];
  let at = 0;
  for (const size of GROUPS) {
    parts.push(symbols.slice(at, at + size));
    at += size;
  }
  return parts.join('-');
}

/** Accepts what a customer might type (lower case, spaces, missing dashes); null if it cannot be a code. */
export function normalizeTrackingCode(input: string): string | null {
  // ASCII only before upper-casing: 'ß'.toUpperCase() is 'SS', which would smuggle in symbols.
  if (!/^[A-Za-z0-9\s-]*$/.test(input)) return null;
  const symbols = input.toUpperCase().replace(/[\s-]/g, '');
  if (symbols.length !== LENGTH) return null;
  for (const symbol of symbols) if (!TRACKING_ALPHABET.includes(symbol)) return null;
  return formatTrackingCode(symbols);
}

export const TRACKING_CODE_PATTERN = /^[2-9A-HJ-NP-Z]{3}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{3}$/;
