import { apiHandler } from '../../shared/http/api-handler.js';
import { StoreIdPath } from '../../shared/schemas/network.js';
import { networkDeps } from '../../shared/store/access-container.js';
import { networkStore } from '../../shared/usecases/network.js';

export const handler = apiHandler({ path: StoreIdPath }, async ({ path }) => ({ status: 200, body: await networkStore(networkDeps, path.storeId) }));
