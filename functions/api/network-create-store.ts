import { apiHandler } from '../../shared/http/api-handler.js';
import { NetworkStoreBody } from '../../shared/schemas/network-stores.js';
import { networkDeps } from '../../shared/store/gateway-container.js';
import { onboardStore } from '../../shared/usecases/network.js';

export const handler = apiHandler({ body: NetworkStoreBody }, async ({ body, actor }) => {
  const created = await onboardStore(networkDeps, actor!, body);
  return { status: 201, body: created, headers: { location: `/v1/network/stores/${created.store.id}` } };
});
