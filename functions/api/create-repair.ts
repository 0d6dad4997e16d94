import { apiHandler } from '../../shared/http/api-handler.js';
import { etag } from '../../shared/http/request.js';
import { orderView } from '../../shared/http/views.js';
import { CreateRepairBody } from '../../shared/schemas/repair.js';
import { idempotencyKeySupport } from '../../shared/http/idempotency.js';
import { config, repairDeps } from '../../shared/store/container.js';
import { dynamoClient } from '../../shared/store/client.js';
import { createRepair } from '../../shared/usecases/repairs.js';

const idempotency = idempotencyKeySupport(config.tableName, dynamoClient);

export const handler = apiHandler({ body: CreateRepairBody, middlewares: idempotency.middlewares }, async ({ storeId, body, event }) => {
  const { order, history } = await createRepair(repairDeps, storeId, body, idempotency.claimOf(event));
  return {
    status: 201,
    headers: { location: `/v1/repairs/${order.id}`, etag: etag(order.version) },
    body: orderView(order, history),
  };
});
