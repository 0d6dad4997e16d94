import { apiHandler } from '../../shared/http/api-handler.js';
import { NewKeyBody, StoreIdPath } from '../../shared/schemas/network.js';
import { networkDeps } from '../../shared/store/gateway-container.js';
import { issueStoreKey } from '../../shared/usecases/network.js';

export const handler = apiHandler({ path: StoreIdPath, body: NewKeyBody }, async ({ path, body, actor }) => ({
  status: 201,
  body: await issueStoreKey(networkDeps, actor!, path.storeId, body.label),
}));
