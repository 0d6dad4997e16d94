import { pageHandler, requestLanguage } from '../../shared/web/page-handler.js';
import { renderLookupForm } from '../../shared/web/views/other-pages.js';

/** GET /track: the lookup form (tracking code + last 4 digits) for customers without the link. */
export const handler = pageHandler(async ({ event }) => ({ status: 200, html: renderLookupForm(requestLanguage(event)) }));
