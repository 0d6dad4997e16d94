import * as z from 'zod';
import { PAGE_ACTIONS, PAGE_COMMENT_MAX, PAGE_PROBLEM_MAX } from '../domain/customer-page-forms.js';
import { LANGUAGES } from '../domain/vocabulary.js';

/**
 * The customer page's contract (HTML, not JSON): path, query and the x-www-form-urlencoded bodies
 * its forms post. shared/web/forms.ts parses the forms field by field to name a bad one in the
 * customer's language; the limits and choices below are the ones it applies.
 */
export { PAGE_ACTIONS, PAGE_COMMENT_MAX, PAGE_PROBLEM_MAX };

const Lang = z.enum(LANGUAGES).optional().meta({ description: 'Language of the page (any of the 11); default: the customer\'s' });
const Csrf = z.string().meta({ description: 'The CSRF token printed in the form (HMAC of the page token and the action)' });

export const PageTokenPath = z.object({ token: z.string().meta({ description: 'The page token from the SMS link (22 base64url characters)' }) });
export const PageActionPath = PageTokenPath.extend({ action: z.enum(PAGE_ACTIONS) });
export const PageQuery = z.object({
  lang: Lang,
  n: z.enum(['approved', 'declined', 'rated', 'problem', 'stale']).optional().meta({ description: 'The confirmation to show after an action' }),
});
export const LookupQuery = z.object({ lang: Lang });

export const PageActionForm = z
  .object({
    csrf: Csrf,
    lang: Lang,
    version: z.string().regex(/^\d+$/).optional().meta({ description: 'approve/decline: the order version the page showed (stale → nothing changes)' }),
    rating: z.enum(['1', '2', '3', '4', '5']).optional().meta({ description: 'rating: 1–5' }),
    comment: z.string().max(PAGE_COMMENT_MAX).optional().meta({ description: `rating: optional, at most ${PAGE_COMMENT_MAX} characters` }),
    problem: z.string().max(PAGE_PROBLEM_MAX).optional().meta({ description: `problem: required, at most ${PAGE_PROBLEM_MAX} characters` }),
  })
  .meta({ id: 'CustomerPageForm' });

export const LookupForm = z
  .object({ code: z.string().max(20).meta({ example: 'K7Q-4M2X-P9H' }), last4: z.string().regex(/^\d{4}$/), lang: Lang })
  .meta({ id: 'CustomerPageLookupForm' });
