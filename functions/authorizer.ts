import type { APIGatewayAuthorizerResult, APIGatewayTokenAuthorizerEvent } from 'aws-lambda';
import { parseBearer } from '../shared/domain/api-key.js';
import { logger } from '../shared/observability/logger.js';
import { stores } from '../shared/store/container.js';
import { findApiKey } from '../shared/usecases/stores.js';

/** "Unauthorized" is the one error message API Gateway turns into a 401 for a TOKEN authorizer. */
const UNAUTHORIZED = 'Unauthorized';

/**
 * API key → storeId. The policy allows every method of this stage so API Gateway can cache the
 * decision per key; which orders the store may touch is decided by the handlers from `storeId`.
 * `usageIdentifierKey` names the store's key in the stage's usage plan: API Gateway throttles and
 * meters each store on its own (the API's key source is AUTHORIZER).
 */
export async function handler(event: APIGatewayTokenAuthorizerEvent): Promise<APIGatewayAuthorizerResult> {
  const apiKey = parseBearer(event.authorizationToken);
  if (!apiKey) throw new Error(UNAUTHORIZED);
  const key = await findApiKey(stores, apiKey);
  if (!key) {
    logger.info('unknown API key presented');
    throw new Error(UNAUTHORIZED);
  }
  const { storeId, usageKey } = key;
  if (!usageKey) logger.warn('store has no usage key: API Gateway refuses its requests (403) until one is issued', { storeId });
  const [arnPrefix, stage] = event.methodArn.split('/');
  return {
    principalId: storeId,
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: `${arnPrefix}/${stage}/*/*` }],
    },
    context: { storeId },
    ...(usageKey ? { usageIdentifierKey: usageKey } : {}),
  };
}
