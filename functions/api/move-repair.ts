import { apiHandler } from '../../shared/http/api-handler.js';
import { etag, parseIfMatch } from '../../shared/http/request.js';
import { orderView } from '../../shared/http/views.js';
import { MoveRepairBody, RepairIdPath } from '../../shared/schemas/repair.js';
import { repairDeps } from '../../shared/store/container.js';
import { moveRepair } from '../../shared/usecases/repairs.js';

export const handler = apiHandler({ path: RepairIdPath, body: MoveRepairBody }, async ({ storeId, path, body, headers }) => {
  const { status, ...rest } = body;
  const { order, history } = await moveRepair(repairDeps, storeId, path.id, { to: status, ...rest }, parseIfMatch(headers['if-match']));
  return { status: 200, headers: { etag: etag(order.version) }, body: orderView(order, history) };
});
