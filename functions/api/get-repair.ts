import { apiHandler } from '../../shared/http/api-handler.js';
import { etag } from '../../shared/http/request.js';
import { orderView } from '../../shared/http/views.js';
import { RepairIdPath } from '../../shared/schemas/repair.js';
import { repairDeps } from '../../shared/store/container.js';
import { getRepair } from '../../shared/usecases/repairs.js';

export const handler = apiHandler({ path: RepairIdPath }, async ({ storeId, path }) => {
  const { order, history } = await getRepair(repairDeps, storeId, path.id);
  return { status: 200, headers: { etag: etag(order.version) }, body: orderView(order, history) };
});
