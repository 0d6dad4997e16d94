import { APIGatewayClient, FlushStageAuthorizersCacheCommand } from '@aws-sdk/client-api-gateway';
import { TemporarilyUnavailableError } from '../domain/errors.js';
import { logger } from '../observability/logger.js';
import type { AuthorizerCache } from '../usecases/access-keys.js';

/**
 * The stage's authorizer cache, flushed after a revocation or suspension: API Gateway would
 * otherwise keep answering with the key's cached policy for up to the cache TTL (300 s). The SDK's
 * own retries cover a throttled flush; a flush that still fails is logged and fails the request (503, Retry-After), and
 * revoking again (idempotent) flushes again. Locally AWS_ENDPOINT_URL_API_GATEWAY points at the
 * local gateway, which clears its own cache for the same call.
 */
export function apiGatewayAuthorizerCache(restApiId: string, stageName: string, client: APIGatewayClient = new APIGatewayClient({})): AuthorizerCache {
  return {
    async flush() {
      try {
        await client.send(new FlushStageAuthorizersCacheCommand({ restApiId, stageName }));
      } catch (error) {
        logger.error('authorizer cache flush failed: a revoked or suspended key may work until the cache TTL', { error: error as Error });
        throw new TemporarilyUnavailableError(1);
      }
    },
  };
}
