import type { NetworkDeps } from '../usecases/network.js';
import { documentClient } from './client.js';
import { now, stores, tableName } from './container.js';
import { DynamoKeyRepository } from './key-repository.js';
import { DynamoAuditLog, DynamoStoreDirectory } from './network-repository.js';

/*
 * Keys, the network directory and the audit log, apart from container.ts: only the authorizer,
 * the key routes and the network routes load them, so the store routes and the customer page do
 * not bundle the key repository (each bundle stays within its budget). The API Gateway adapters
 * (cache flush, usage keys) are in gateway-container.ts, for the functions that change keys only.
 */

export const keyRepository = /* @__PURE__ */ new DynamoKeyRepository(documentClient, tableName);

export const auditLog = /* @__PURE__ */ new DynamoAuditLog(documentClient, tableName);

/**
 * What reading the network (and writing what is not a key) needs: no API Gateway. The use cases
 * that revoke, suspend or issue need `cache` and `usageKeys` too, so the compiler refuses these deps
 * there: those functions take gateway-container.ts's.
 */
export const networkDeps: Omit<NetworkDeps, 'cache' | 'usageKeys'> = {
  keys: keyRepository,
  stores,
  directory: /* @__PURE__ */ new DynamoStoreDirectory(documentClient, tableName),
  audit: auditLog,
  now,
};
