// The table's modules first: Node then loads the DynamoDB client before the API Gateway client,
// as a bare handler does; the other way round the same modules cost ~15 ms more CPU here (measured
// with the bundles' own import lines, see the README's cold starts).
import { networkDeps as withoutGateway } from './access-container.js';
import { config } from './container.js';
import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { apiGatewayAuthorizerCache } from '../gateway/authorizer-cache.js';
import { apiGatewayUsageKeysByPlanName } from '../gateway/api-gateway-usage-keys.js';
import { noAuthorizerCache } from '../usecases/access-keys.js';
import type { NetworkDeps } from '../usecases/network.js';
import { noUsageKeyRegistry } from '../usecases/stores.js';

/*
 * The network's deps with the API Gateway adapters, for the functions that change keys (the
 * handlers in infra/gateway-access.ts: revoke, suspend, resume flush the authorizer cache; issue
 * and onboarding register usage keys). Apart from access-container.ts because the API Gateway
 * client is ~30 ms of a cold start: the functions that only read the network, the authorizer and
 * the stream consumers do not load it.
 */

/** Only functions that change keys are configured with the gateway (API_ID, USAGE_PLAN_NAME); the client exists only there. */
const gatewayClient = config.gateway || config.usagePlanName ? new APIGatewayClient({}) : undefined;
export const networkDeps: NetworkDeps = {
  ...withoutGateway,
  cache: config.gateway && gatewayClient ? apiGatewayAuthorizerCache(config.gateway.apiId, config.gateway.stage, gatewayClient) : noAuthorizerCache,
  usageKeys: config.usagePlanName && gatewayClient ? apiGatewayUsageKeysByPlanName(config.usagePlanName, gatewayClient) : noUsageKeyRegistry,
};
