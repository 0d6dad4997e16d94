import { createHash, randomBytes } from 'node:crypto';

/** `rt_` + 256 random bits: long enough that hashing without a salt is safe (no dictionary to try). */
export function newApiKey(): string {
  return `rt_${randomBytes(32).toString('base64url')}`;
}

/** Only this hash is stored; the key itself is shown once, at creation. */
export function hashApiKey(apiKey: string): string {
  return createHash('sha256').update(apiKey, 'utf8').digest('hex');
}

/** `Bearer <key>` (scheme case-insensitive, RFC 6750) → the key, or null. */
export function parseBearer(header: string | undefined | null): string | null {
  const match = /^Bearer\s+(\S{8,512})\s*$/i.exec(header ?? '');
  return match?.[1] ?? null;
}
