import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { apiGatewayAuthorizerCache } from '../gateway/authorizer-cache.js';
import { apiGatewayUsageKeysByPlanName } from '../gateway/api-gateway-usage-keys.js';
import { noAuthorizerCache, type KeyDeps } from '../usecases/access-keys.js';
import type { NetworkDeps } from '../usecases/network.js';
import { noUsageKeyRegistry } from '../usecases/stores.js';
import { documentClient } from './client.js';
import { config, stores } from './container.js';
import { DynamoKeyRepository } from './key-repository.js';
import { DynamoAuditLog, DynamoStoreDirectory } from './network-repository.js';

/*
 * Keys, the network directory and the audit log, apart from container.ts: only the authorizer,
 * the key routes and the network routes load them, so the store routes and the customer page do
 * not bundle the key repository and the API Gateway client (each bundle stays within its budget).
 */

export const keyRepository = new DynamoKeyRepository(documentClient, config.tableName);

/** Only functions that change keys are configured with the gateway (API_ID, USAGE_PLAN_NAME); the client exists only there. */
const gatewayClient = config.gateway || config.usagePlanName ? new APIGatewayClient({}) : undefined;
export const keyDeps: KeyDeps = {
  keys: keyRepository,
  cache: config.gateway && gatewayClient ? apiGatewayAuthorizerCache(config.gateway.apiId, config.gateway.stage, gatewayClient) : noAuthorizerCache,
  usageKeys: config.usagePlanName && gatewayClient ? apiGatewayUsageKeysByPlanName(config.usagePlanName, gatewayClient) : noUsageKeyRegistry,
  now: () => new Date(),
};
export const networkDeps: NetworkDeps = {
  ...keyDeps,
  stores,
  directory: new DynamoStoreDirectory(documentClient, config.tableName),
  audit: new DynamoAuditLog(documentClient, config.tableName),
};
