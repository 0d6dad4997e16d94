import { NotFoundError } from '../../shared/domain/errors.js';
import { pageLinkUsable } from '../../shared/domain/page-link.js';
import { repairDeps } from '../../shared/store/container.js';
import { trackRepair } from '../../shared/usecases/repairs.js';
import { FormProblem, parseLookupForm } from '../../shared/web/forms.js';
import { pageHandler, requestLanguage } from '../../shared/web/page-handler.js';
import { renderLookupForm } from '../../shared/web/views/other-pages.js';

/**
 * POST /track: tracking code + last 4 digits → 303 to the order's page. A wrong pair, or an order
 * whose link no longer works, gets the same 404 page as an unknown link.
 */
export const handler = pageHandler(async ({ event, form }) => {
  const language = requestLanguage(event, form);
  let lookup: { code: string; last4: string };
  try {
    lookup = parseLookupForm(form);
  } catch (error) {
    if (error instanceof FormProblem) return { status: 400, html: renderLookupForm(language, error.problem, { code: form.get('code') ?? '' }) };
    throw error;
  }
  const { order, history } = await trackRepair(repairDeps, lookup.code, lookup.last4);
  if (!order.pageToken || !pageLinkUsable(order, history, repairDeps.now())) throw new NotFoundError('tracking code', lookup.code);
  // The language the form was filled in, when it says; else the page opens in the customer's own.
  const lang = form.get('lang') ? `?lang=${language}` : '';
  return { status: 303, location: `r/${order.pageToken}${lang}` };
});
