import { APIGatewayClient, FlushStageAuthorizersCacheCommand } from '@aws-sdk/client-api-gateway';
import type { AuthorizerCache } from '../usecases/access-keys.js';

/**
 * The stage's authorizer cache, flushed after a revocation or suspension: API Gateway would
 * otherwise keep answering with the key's cached policy for up to the cache TTL (300 s). The SDK's
 * own retries cover a throttled flush; a flush that still fails fails the request (503), and
 * revoking again (idempotent) flushes again. Locally AWS_ENDPOINT_URL_API_GATEWAY points at the
 * local gateway, which clears its own cache for the same call.
 */
export function apiGatewayAuthorizerCache(restApiId: string, stageName: string, client: APIGatewayClient = new APIGatewayClient({})): AuthorizerCache {
  return {
    async flush() {
      await client.send(new FlushStageAuthorizersCacheCommand({ restApiId, stageName }));
    },
  };
}
