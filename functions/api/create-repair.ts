import { apiHandler } from '../../shared/http/api-handler.js';
import { etag } from '../../shared/http/request.js';
import { orderView } from '../../shared/http/views.js';
import { CreateRepairBody } from '../../shared/schemas/repair.js';
import { repairDeps } from '../../shared/store/container.js';
import { createRepair } from '../../shared/usecases/repairs.js';

export const handler = apiHandler({ body: CreateRepairBody }, async ({ storeId, body }) => {
  const { order, history } = await createRepair(repairDeps, storeId, body);
  return {
    status: 201,
    headers: { location: `/v1/repairs/${order.id}`, etag: etag(order.version) },
    body: orderView(order, history),
  };
});
