import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * CSRF tokens for the page's forms, without a cookie or a config secret: each order's lookup item
 * holds a random form key (32 bytes, drawn at intake, never sent), and a form's token is
 * HMAC-SHA256(form key, page token + action). It is tied to the page token and to the form it was
 * printed in; a request from another site cannot produce it, since it cannot read the page. No
 * secret to rotate or grant: erasing the lookup item kills the tokens with the link.
 */
export type FormAction = 'approve' | 'decline' | 'rating' | 'problem';

export function csrfToken(formKey: string, pageToken: string, action: FormAction): string {
  return createHmac('sha256', formKey).update(`${pageToken}\n${action}`).digest('base64url');
}

export function validCsrfToken(formKey: string, pageToken: string, action: FormAction, presented: string | undefined): boolean {
  if (!presented) return false;
  const expected = Buffer.from(csrfToken(formKey, pageToken, action));
  const given = Buffer.from(presented);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
