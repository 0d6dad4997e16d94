/**
 * What the customer page's forms accept: its actions and the lengths of its free text. Apart from
 * the zod schemas (shared/schemas/customer-page.ts, which publish them in the OpenAPI document), so
 * the page functions, which check the forms field by field (shared/web/forms.ts), do not load zod.
 */
export const PAGE_COMMENT_MAX = 500;
export const PAGE_PROBLEM_MAX = 1000;
export const PAGE_ACTIONS = ['approve', 'decline', 'rating', 'problem'] as const;
