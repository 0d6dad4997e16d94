import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { apiGatewayAuthorizerCache } from '../gateway/authorizer-cache.js';
import { apiGatewayUsageKeysByPlanName } from '../gateway/api-gateway-usage-keys.js';
import { noAuthorizerCache } from '../usecases/access-keys.js';
import type { NetworkDeps } from '../usecases/network.js';
import { noUsageKeyRegistry } from '../usecases/stores.js';
import { networkDeps as withoutGateway } from './access-container.js';
import { config } from './container.js';

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
