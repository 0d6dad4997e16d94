import type { APIGatewayAuthorizerResult, APIGatewayTokenAuthorizerEvent } from 'aws-lambda';
import { principalContext } from '../shared/domain/access.js';
import { parseBearer } from '../shared/domain/api-key.js';
import { logger } from '../shared/observability/logger.js';
import { keyRepository } from '../shared/store/access-container.js';
import { authenticate } from '../shared/usecases/access-keys.js';
import { policyFor } from './authorizer-policy.js';

/** "Unauthorized" is the one error message API Gateway turns into a 401 for a TOKEN authorizer. */
const UNAUTHORIZED = 'Unauthorized';

/**
 * API key → the principal (a store's key, or a network key with its scopes). The policy allows
 * exactly the routes of functions/routes.ts this principal may call, on the whole stage, so API
 * Gateway can cache the decision per key (a revocation or suspension flushes that cache); each
 * function checks the same route declaration again from the context. `usageIdentifierKey` names
 * the key's usage key in the stage's usage plan: API Gateway throttles and meters each key's owner.
 */
export async function handler(event: APIGatewayTokenAuthorizerEvent): Promise<APIGatewayAuthorizerResult> {
  const apiKey = parseBearer(event.authorizationToken);
  if (!apiKey) throw new Error(UNAUTHORIZED);
  const found = await authenticate({ keys: keyRepository, now: () => new Date() }, apiKey, (error) =>
    logger.warn('could not record the key’s use', { error: error as Error }),
  );
  if (!found) {
    logger.info('unknown API key presented');
    throw new Error(UNAUTHORIZED);
  }
  const { principal, grant } = found;
  if (!grant.usageKey) logger.warn('key has no usage key: API Gateway refuses its requests (403) until one is issued', { keyId: grant.keyId });
  return {
    principalId: principal.kind === 'store' ? principal.storeId : `network:${principal.keyId}`,
    policyDocument: policyFor(principal, event.methodArn),
    context: { ...principalContext(principal), keyLabel: grant.label },
    ...(grant.usageKey ? { usageIdentifierKey: grant.usageKey } : {}),
  };
}
