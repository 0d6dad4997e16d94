import { apiHandler } from '../../shared/http/api-handler.js';
import { KeyIdPath } from '../../shared/schemas/network.js';
import { networkDeps } from '../../shared/store/gateway-container.js';
import { revokeStoreKey } from '../../shared/usecases/network.js';

/** Only the caller's own keys: another store's key id is not in its partition (404). */
export const handler = apiHandler({ path: KeyIdPath }, async ({ storeId, path, actor }) => {
  await revokeStoreKey(networkDeps, actor!, storeId, path.keyId);
  return { status: 204, body: null };
});
