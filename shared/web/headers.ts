import { PAGE_CSS_HASH } from './views/style.js';

/**
 * Every page answer's headers: never cached (a shared phone's back button must not show another
 * state, a proxy must not keep the token's page), no referrer (the token is in the URL), not
 * indexed, and a CSP that allows only the page's own stylesheet (by hash), forms posting back here,
 * images from the photos on this very page, no script, no frames.
 */
export function pageHeaders(imageOrigins: readonly string[] = []): Record<string, string> {
  const images = ["'self'", ...new Set(imageOrigins)].join(' ');
  return {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'x-robots-tag': 'noindex, nofollow',
    'x-content-type-options': 'nosniff',
    'content-security-policy': `default-src 'none'; style-src '${PAGE_CSS_HASH}'; img-src ${images}; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
  };
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The origin of each photo URL, for img-src: https only, except the local S3 on this machine
 * (s3rver answers plain http on the loopback address), so the local page shows its photos too.
 */
export function photoOrigins(urls: readonly string[]): string[] {
  const origins = urls.flatMap((url) => {
    try {
      const parsed = new URL(url);
      return parsed.protocol === 'https:' || (parsed.protocol === 'http:' && LOOPBACK.has(parsed.hostname)) ? [parsed.origin] : [];
    } catch {
      return [];
    }
  });
  return [...new Set(origins)];
}
