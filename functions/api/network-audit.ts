import { apiHandler } from '../../shared/http/api-handler.js';
import { AuditQuery } from '../../shared/schemas/network.js';
import { networkDeps } from '../../shared/store/access-container.js';

export const handler = apiHandler({ query: AuditQuery }, async ({ query }) => ({ status: 200, body: await networkDeps.audit.list(query) }));
