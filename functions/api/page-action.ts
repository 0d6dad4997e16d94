import { customerPageDeps } from '../../shared/media/container.js';
import { customerPageData, decideOnEstimate, openPageLink, rateRepair, reportProblem } from '../../shared/usecases/customer-page.js';
import { validCsrfToken, type FormAction } from '../../shared/web/csrf.js';
import { backToPage, customerPageResponse } from '../../shared/web/customer-page-response.js';
import { FormProblem, parseProblemForm, parseRatingForm, parseVersion } from '../../shared/web/forms.js';
import { pageHandler } from '../../shared/web/page-handler.js';
import { PAGE_ACTIONS } from '../../shared/domain/customer-page-forms.js';

const ACTIONS: readonly FormAction[] = PAGE_ACTIONS;
const DONE = { approve: 'approved', decline: 'declined', rating: 'rated', problem: 'problem' } as const;

/**
 * POST /r/{token}/{action}: the page's forms (approve, decline, rating, problem). A bad or missing
 * CSRF token changes nothing (400, "the form has expired"); bad input gets the page back naming the
 * field; success and a stale page both answer 303 back to the page, with what happened.
 */
export const handler = pageHandler(async ({ path, form, requestedLanguage }) => {
  const target = await openPageLink(customerPageDeps, path.token ?? '');
  const action = ACTIONS.find((known) => known === path.action);
  const token = target.order.pageToken as string;
  const again = async (error: FormProblem['problem']) =>
    customerPageResponse(await customerPageData(customerPageDeps, target), { requestedLanguage, error, status: 400 });
  if (!action) return again({ field: 'form', kind: 'invalid' });
  if (!validCsrfToken(target.formKey, token, action, form.get('csrf'))) return again({ field: 'form', kind: 'expired' });
  try {
    const outcome =
      action === 'approve' || action === 'decline'
        ? await decideOnEstimate(customerPageDeps, target, action, parseVersion(form))
        : action === 'rating'
          ? await (({ rating, comment }) => rateRepair(customerPageDeps, target, rating, comment))(parseRatingForm(form))
          : await reportProblem(customerPageDeps, target, parseProblemForm(form).description);
    return backToPage(token, outcome === 'done' ? DONE[action] : 'stale', requestedLanguage);
  } catch (error) {
    if (error instanceof FormProblem) return again(error.problem);
    throw error;
  }
});
