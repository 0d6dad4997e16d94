import type { APIGatewayAuthorizerResult, APIGatewayTokenAuthorizerEvent } from 'aws-lambda';
import { parseBearer } from '../shared/domain/api-key.js';
import { logger } from '../shared/observability/logger.js';
import { stores } from '../shared/store/container.js';
import { storeIdForApiKey } from '../shared/usecases/stores.js';

/** "Unauthorized" is the one error message API Gateway turns into a 401 for a TOKEN authorizer. */
const UNAUTHORIZED = 'Unauthorized';

/**
 * API key → storeId. The policy allows every method of this stage so API Gateway can cache the
 * decision per key; which orders the store may touch is decided by the handlers from `storeId`.
 */
export async function handler(event: APIGatewayTokenAuthorizerEvent): Promise<APIGatewayAuthorizerResult> {
  const apiKey = parseBearer(event.authorizationToken);
  if (!apiKey) throw new Error(UNAUTHORIZED);
  const storeId = await storeIdForApiKey(stores, apiKey);
  if (!storeId) {
    logger.info('unknown API key presented');
    throw new Error(UNAUTHORIZED);
  }
  const [arnPrefix, stage] = event.methodArn.split('/');
  return {
    principalId: storeId,
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: `${arnPrefix}/${stage}/*/*` }],
    },
    context: { storeId },
  };
}
