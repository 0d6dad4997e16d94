import { apiHandler } from '../../shared/http/api-handler.js';
import { idempotencyKeySupport } from '../../shared/http/idempotency.js';
import { warrantyView } from '../../shared/http/views.js';
import { RegisterWarrantyBody } from '../../shared/schemas/warranties.js';
import { dynamoClient } from '../../shared/store/client.js';
import { config, warrantyDeps } from '../../shared/store/container.js';
import { registerWarranty } from '../../shared/usecases/warranties.js';

const idempotency = idempotencyKeySupport(config.tableName, dynamoClient);

export const handler = apiHandler({ body: RegisterWarrantyBody, middlewares: idempotency.middlewares }, async ({ storeId, body, event }) => {
  const warranty = await registerWarranty(warrantyDeps, storeId, body, idempotency.claimOf(event));
  return { status: 201, headers: { location: `/v1/warranties/${warranty.deviceId}` }, body: warrantyView(warranty) };
});
