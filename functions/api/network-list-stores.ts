import { apiHandler } from '../../shared/http/api-handler.js';
import { ListQuery } from '../../shared/schemas/network.js';
import { networkDeps } from '../../shared/store/access-container.js';
import { listNetworkStores } from '../../shared/usecases/network.js';

export const handler = apiHandler({ query: ListQuery }, async ({ query }) => ({ status: 200, body: await listNetworkStores(networkDeps, query) }));
