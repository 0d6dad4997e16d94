import { apiHandler } from '../../shared/http/api-handler.js';
import { orderView } from '../../shared/http/views.js';
import { ListRepairsQuery } from '../../shared/schemas/repair.js';
import { repairDeps } from '../../shared/store/container.js';
import { listRepairs } from '../../shared/usecases/repairs.js';

const DEFAULT_LIMIT = 20;

export const handler = apiHandler({ query: ListRepairsQuery }, async ({ storeId, query }) => {
  const page = await listRepairs(repairDeps, { storeId, status: query.status, sla: query.sla, limit: query.limit ?? DEFAULT_LIMIT, cursor: query.cursor });
  return { status: 200, body: { items: page.items.map((order) => orderView(order)), nextCursor: page.nextCursor } };
});
