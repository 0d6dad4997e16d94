import { apiHandler } from '../../shared/http/api-handler.js';
import { PriceListBody } from '../../shared/schemas/quotes.js';
import { prices } from '../../shared/store/container.js';
import { networkDeps } from '../../shared/store/access-container.js';
import { replacePriceList } from '../../shared/usecases/quotes.js';

export const handler = apiHandler({ body: PriceListBody }, async ({ body, actor }) => ({
  status: 200,
  body: await replacePriceList({ prices, audit: networkDeps.audit, now: networkDeps.now }, actor!, body),
}));
