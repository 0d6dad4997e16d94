import type middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { IdempotencyConfig } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { makeHandlerIdempotent } from '@aws-lambda-powertools/idempotency/middleware';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { TABLE } from '../store/table.js';
import { validationProblem } from './problem.js';

const KEY_HEADER = 'idempotency-key';

/**
 * `Idempotency-Key` on creating POSTs (API.md), with Powertools idempotency in the single table:
 * the key is scoped by the caller's store (two stores' keys never meet), the request body is
 * the payload that must match on replay (else 422), a replay returns the first response, a
 * retry while the first is still running gets 409, and records expire after 24 hours.
 * Requests without the header run normally.
 */
export function idempotencyKeyMiddlewares(
  tableName: string,
  client: DynamoDBClient,
): middy.MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult>[] {
  const persistenceStore = new DynamoDBPersistenceLayer({
    tableName,
    keyAttr: TABLE.partitionKey,
    sortKeyAttr: TABLE.sortKey,
    staticPkValue: 'IDEMPOTENCY',
    expiryAttr: TABLE.timeToLiveAttribute,
    awsSdkV3Client: client,
  });
  const config = new IdempotencyConfig({
    eventKeyJmesPath: `headers."${KEY_HEADER}" && [requestContext.authorizer.storeId, headers."${KEY_HEADER}"]`,
    payloadValidationJmesPath: 'body',
    expiresAfterSeconds: 24 * 60 * 60,
    throwOnNoIdempotencyKey: false,
  });
  const checkKey: middy.MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> = {
    before: async ({ event }) => {
      const key = event.headers?.[KEY_HEADER];
      if (key !== undefined && (key.length < 1 || key.length > 255)) {
        throw validationProblem([{ path: 'Idempotency-Key', message: 'must be 1–255 characters' }]);
      }
    },
  };
  return [checkKey, keepRecordOnRefusal(makeHandlerIdempotent({ persistenceStore, config }))];
}

/** Refusals Powertools raises about an existing record: the record belongs to the first request. */
const REFUSALS = new Set(['IdempotencyAlreadyInProgressError', 'IdempotencyValidationError', 'IdempotencyInconsistentStateError']);

/**
 * Powertools' onError deletes the idempotency record on any error, including its own refusals:
 * a retry refused with 409 (first still running) or 422 (other body) would delete the first
 * request's record, and the next retry would create a duplicate. Refusals leave it alone.
 */
function keepRecordOnRefusal(
  middleware: middy.MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult>,
): middy.MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> {
  return {
    ...middleware,
    onError: async (request) => {
      if (REFUSALS.has((request.error as Error | null)?.name ?? '')) return;
      await middleware.onError?.(request);
    },
  };
}
