import { apiHandler } from '../../shared/http/api-handler.js';
import { etag, parseIfMatch } from '../../shared/http/request.js';
import { orderView } from '../../shared/http/views.js';
import { RepairIdPath } from '../../shared/schemas/repair.js';
import { QuoteBody } from '../../shared/schemas/quotes.js';
import { quoteDeps } from '../../shared/store/container.js';
import { quoteRepair } from '../../shared/usecases/quotes.js';

export const handler = apiHandler({ path: RepairIdPath, body: QuoteBody }, async ({ storeId, path, body, headers }) => {
  const { order, history } = await quoteRepair(quoteDeps, storeId, path.id, body, parseIfMatch(headers['if-match']));
  return { status: 200, headers: { etag: etag(order.version) }, body: orderView(order, history) };
});
