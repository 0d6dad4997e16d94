import * as crypto from 'node:crypto';

/** `rt_` + 256 random bits: long enough that hashing without a salt is safe (no dictionary to try). */
export function newApiKey(): string {
  return `rt_${crypto.randomBytes(32).toString('base64url')}`;
}

/**
 * SHA-256 as hex. The authorizer hashes on every request: the one-shot crypto.hash (Node ≥ 20.12)
 * skips building a Hash object; an older Node 20 builds one. Same digest either way.
 */
const sha256Hex: (text: string) => string =
  typeof crypto.hash === 'function'
    ? (text) => crypto.hash('sha256', text, 'hex')
    : (text) => crypto.createHash('sha256').update(text, 'utf8').digest('hex');

/** Only this hash is stored; the key itself is shown once, at creation. */
export function hashApiKey(apiKey: string): string {
  return sha256Hex(apiKey);
}

/** `Bearer <key>` (scheme case-insensitive, RFC 6750) → the key, or null. */
export function parseBearer(header: string | undefined | null): string | null {
  const match = /^Bearer\s+(\S{8,512})\s*$/i.exec(header ?? '');
  return match?.[1] ?? null;
}
