import { apiHandler } from '../../shared/http/api-handler.js';
import { NewKeyBody } from '../../shared/schemas/network.js';
import { networkDeps } from '../../shared/store/gateway-container.js';
import { issueStoreKey } from '../../shared/usecases/network.js';

/** A store rotates its own keys: issue the new one, move clients over, then revoke the old one. */
export const handler = apiHandler({ body: NewKeyBody }, async ({ storeId, body, actor }) => ({
  status: 201,
  body: await issueStoreKey(networkDeps, actor!, storeId, body.label),
}));
