import { apiHandler } from '../../shared/http/api-handler.js';
import { StoreIdPath } from '../../shared/schemas/network.js';
import { networkDeps } from '../../shared/store/access-container.js';
import { listKeys } from '../../shared/usecases/network.js';

export const handler = apiHandler({ path: StoreIdPath }, async ({ path }) => ({
  status: 200,
  body: { items: await listKeys(networkDeps, { kind: 'store', storeId: path.storeId }) },
}));
