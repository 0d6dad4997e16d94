import { apiHandler } from '../../shared/http/api-handler.js';
import { StoreIdPath } from '../../shared/schemas/network.js';
import { networkDeps } from '../../shared/store/gateway-container.js';
import { changeStoreState } from '../../shared/usecases/network.js';

export const handler = apiHandler({ path: StoreIdPath }, async ({ path, actor }) => ({
  status: 200,
  body: await changeStoreState(networkDeps, actor!, path.storeId, 'active'),
}));
