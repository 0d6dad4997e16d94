import { apiHandler } from '../../shared/http/api-handler.js';
import { idempotencyKeyMiddlewares } from '../../shared/http/idempotency.js';
import { warrantyView } from '../../shared/http/views.js';
import { RegisterWarrantyBody } from '../../shared/schemas/warranties.js';
import { dynamoClient } from '../../shared/store/client.js';
import { config, warrantyDeps } from '../../shared/store/container.js';
import { registerWarranty } from '../../shared/usecases/warranties.js';

const middlewares = idempotencyKeyMiddlewares(config.tableName, dynamoClient);

export const handler = apiHandler({ body: RegisterWarrantyBody, middlewares }, async ({ storeId, body }) => {
  const warranty = await registerWarranty(warrantyDeps, storeId, body);
  return { status: 201, headers: { location: `/v1/warranties/${warranty.deviceId}` }, body: warrantyView(warranty) };
});
