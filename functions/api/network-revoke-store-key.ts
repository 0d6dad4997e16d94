import { apiHandler } from '../../shared/http/api-handler.js';
import { StoreKeyPath } from '../../shared/schemas/network.js';
import { networkDeps } from '../../shared/store/gateway-container.js';
import { revokeStoreKey } from '../../shared/usecases/network.js';

export const handler = apiHandler({ path: StoreKeyPath }, async ({ path, actor }) => {
  await revokeStoreKey(networkDeps, actor!, path.storeId, path.keyId);
  return { status: 204, body: null };
});
