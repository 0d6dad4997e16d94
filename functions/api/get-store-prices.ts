import { apiHandler } from '../../shared/http/api-handler.js';
import { quoteDeps } from '../../shared/store/container.js';
import { storePriceList } from '../../shared/usecases/quotes.js';

export const handler = apiHandler({}, async ({ storeId }) => ({ status: 200, body: await storePriceList(quoteDeps, storeId) }));
