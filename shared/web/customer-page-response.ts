import type { CustomerPageData } from '../usecases/customer-page.js';
import { csrfToken, type FormAction } from './csrf.js';
import { photoOrigins } from './headers.js';
import { pageLanguage } from './i18n/index.js';
import { NOTICES, pageModel, type FieldProblem, type Notice } from './model.js';
import type { PageResponse } from './page-handler.js';
import { renderCustomerPage } from './views/customer-page.js';

const ACTIONS: readonly FormAction[] = ['approve', 'decline', 'rating', 'problem'];

/** The notice a 303 asked for (?n=), if it is one the page knows. */
export function noticeFrom(value: string | undefined): Notice | null {
  return (NOTICES as readonly string[]).includes(value ?? '') ? (value as Notice) : null;
}

/** The page for one order: its model (CSRF tokens for each form included), rendered in the language asked for or the customer's own. */
export function customerPageResponse(
  data: CustomerPageData,
  options: { requestedLanguage: string | undefined; notice?: Notice | null; error?: FieldProblem | null; status?: 200 | 400 },
): PageResponse {
  const { target } = data;
  const token = target.order.pageToken as string;
  const latestProblem = target.feedback.problems.at(-1);
  const model = pageModel({
    token,
    language: pageLanguage(options.requestedLanguage, target.order.customer.language),
    order: target.order,
    history: target.history,
    store: data.store,
    warrantyEndsOn: data.warrantyEndsOn,
    photos: data.photos,
    rating: target.feedback.rating ? { value: target.feedback.rating.rating } : null,
    problem: latestProblem ? { callBy: latestProblem.callBy } : null,
    csrf: Object.fromEntries(ACTIONS.map((action) => [action, csrfToken(target.formKey, token, action)])) as Record<FormAction, string>,
    notice: options.notice ?? null,
    error: options.error ?? null,
  });
  return { status: options.status ?? 200, html: renderCustomerPage(model), imageOrigins: photoOrigins(model.photos.map((p) => p.url)) };
}

/** Back to the page after an action, with its confirmation (relative: from /r/{token}/{action}). */
export function backToPage(token: string, notice: Notice, language: string | undefined): PageResponse {
  const lang = language ? `&lang=${encodeURIComponent(pageLanguage(language))}` : '';
  return { status: 303, location: `../${token}?n=${notice}${lang}` };
}
