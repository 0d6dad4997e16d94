import { customerPageDeps } from '../../shared/media/container.js';
import { customerPageData, openPageLink } from '../../shared/usecases/customer-page.js';
import { customerPageResponse, noticeFrom } from '../../shared/web/customer-page-response.js';
import { pageHandler } from '../../shared/web/page-handler.js';

/** GET /r/{token}: the customer's repair page (HTML), in their language or ?lang=. */
export const handler = pageHandler(async ({ path, query, requestedLanguage }) => {
  const target = await openPageLink(customerPageDeps, path.token ?? '');
  return customerPageResponse(await customerPageData(customerPageDeps, target), { requestedLanguage, notice: noticeFrom(query.n) });
});
