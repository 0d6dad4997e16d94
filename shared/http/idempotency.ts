import { createHash } from 'node:crypto';
import type middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { IdempotencyConfig } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { makeHandlerIdempotent } from '@aws-lambda-powertools/idempotency/middleware';
import { PowertoolsFunctions } from '@aws-lambda-powertools/jmespath/functions';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { TemporarilyUnavailableError } from '../domain/errors.js';
import { logger } from '../observability/logger.js';
import { translateStorageError } from '../store/errors.js';
import { keys } from '../store/keys.js';
import { TABLE } from '../store/table.js';
import type { IdempotencyClaim } from '../usecases/ports.js';
import { validationProblem } from './problem.js';
import { parseJsonBody } from './request.js';

type Middleware = middy.MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult>;

const KEY_HEADER = 'idempotency-key';
const KEPT_SECONDS = 24 * 60 * 60;
/** Set on the request once its own in-progress record is written: only then is the record this request's to release. */
const HOLDS_RECORD = 'repairApi.holdsIdempotencyRecord';
/** Set on a request with the header: Powertools' steps are run for it (see releasingOnlyItsOwnRecord). */
const RAN = 'repairApi.idempotencyRan';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** JSON with object keys sorted at every depth: one text per value, whatever the client's key order or spacing. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The request body as one canonical text; a replay is the same request when this is the same. */
const canonicalBody = (event: APIGatewayProxyEvent) => canonicalJson(parseJsonBody(event));

/**
 * JMESPath `canonical_body(@)` for Powertools' payload check. Its own `powertools_json(body)` goes
 * through deepSort, which silently drops a "__proto__" key, so such a body would replay instead
 * of being refused as another body.
 */
class RequestFunctions extends PowertoolsFunctions {
  funcCanonicalBody(args: unknown[]): string {
    return canonicalBody(args[0] as APIGatewayProxyEvent);
  }
}

/** Powertools' DynamoDB layer, telling the key of the record it keeps for a request. */
class NamedRecordPersistenceLayer extends DynamoDBPersistenceLayer {
  recordKeyOf(event: APIGatewayProxyEvent): string {
    return this.getHashedIdempotencyKey(event as never);
  }
}

export interface IdempotencyKeySupport {
  /** For the route's `middlewares`. */
  middlewares: Middleware[];
  /** The claim the use case writes with what it creates; undefined when the request has no key. */
  claimOf(event: APIGatewayProxyEvent): IdempotencyClaim | undefined;
}

/**
 * `Idempotency-Key` on creating POSTs (API.md), in two layers:
 * - Powertools idempotency in the single table keeps the first response for 24 hours: a replay
 *   returns it, a retry while the first is still running gets 409, another body gets 422. The
 *   record's key is the caller's store, the route (locally all functions share one record prefix,
 *   on AWS it is the function's name) and the key; the body is compared parsed (canonical_body),
 *   so spacing and key order do not make another request.
 * - The claim (see claimOf) makes the creation itself idempotent: it is written in the creating
 *   transaction, so a key never creates twice, even when Powertools' record was lost (its
 *   completion write failed after the order was written) or erased with the customer's data.
 * Requests without the header run normally.
 */
export function idempotencyKeySupport(tableName: string, client: DynamoDBClient): IdempotencyKeySupport {
  const persistenceStore = new NamedRecordPersistenceLayer({
    tableName,
    keyAttr: TABLE.partitionKey,
    sortKeyAttr: TABLE.sortKey,
    staticPkValue: keys.idempotencyRecords,
    expiryAttr: TABLE.timeToLiveAttribute,
    awsSdkV3Client: client,
  });
  const config = new IdempotencyConfig({
    eventKeyJmesPath: `headers."${KEY_HEADER}" && [requestContext.authorizer.storeId, resource, headers."${KEY_HEADER}"]`,
    payloadValidationJmesPath: 'canonical_body(@)',
    // Powertools idempotency 2.35 bundles its own jmespath (2.35); the class is the same, the types differ.
    jmesPathOptions: new RequestFunctions() as unknown as ConstructorParameters<typeof IdempotencyConfig>[0]['jmesPathOptions'],
    expiresAfterSeconds: KEPT_SECONDS,
    throwOnNoIdempotencyKey: false,
  });
  const checkKey: Middleware = {
    before: async ({ event }) => {
      const key = event.headers?.[KEY_HEADER];
      if (key === undefined) return;
      if (key.length < 1 || key.length > 255) {
        throw validationProblem([{ path: 'Idempotency-Key', message: 'must be 1–255 characters' }]);
      }
      // Powertools parses the body to compare it: a body that is not JSON is the client's 400 first.
      parseJsonBody(event);
    },
  };
  return {
    middlewares: [checkKey, releasingOnlyItsOwnRecord(makeHandlerIdempotent({ persistenceStore, config }))],
    claimOf: (event) => {
      const key = event.headers?.[KEY_HEADER];
      if (key === undefined) return undefined;
      return {
        keyHash: sha256(JSON.stringify([event.resource, key])),
        payloadHash: sha256(canonicalBody(event)),
        recordKey: persistenceStore.recordKeyOf(event),
        expiresAt: Math.floor(Date.now() / 1000) + KEPT_SECONDS,
      };
    },
  };
}

/**
 * Powertools' steps, run only for requests with the header: without it Powertools skips the
 * request anyway (its key expression is null), but only after building a handler and evaluating
 * JMESPath on the event, on every request of the route.
 *
 * Powertools' onError deletes the record for the request's key on any error. Two cases must not:
 * - its own refusals (409 first still running, 422 other body) and failed record writes happen
 *   before this request wrote a record: the record there is the first request's, and deleting it
 *   would let the next retry run again. Only a request that wrote its record releases it.
 * - a failed release (throttled delete) must not replace the error being answered: the record then
 *   lapses with its in-progress expiry, and the claim still keeps the key from creating twice.
 * Storage that is busy under Powertools (its errors carry the SDK error as `cause`) is a 503 with
 * Retry-After, like every other throttled write.
 */
function releasingOnlyItsOwnRecord(middleware: Middleware): Middleware {
  const state = (request: middy.Request<APIGatewayProxyEvent, APIGatewayProxyResult>) => request.internal as Record<string, unknown>;
  return {
    before: async (request) => {
      if (request.event.headers?.[KEY_HEADER] == null) return undefined;
      state(request)[RAN] = true;
      const early = await middleware.before?.(request);
      if (early === undefined) state(request)[HOLDS_RECORD] = true;
      return early;
    },
    after: async (request) => {
      if (state(request)[RAN]) await middleware.after?.(request);
    },
    onError: async (request) => {
      if (state(request)[HOLDS_RECORD]) {
        try {
          await middleware.onError?.(request);
        } catch (releaseFailure) {
          logger.warn('idempotency record not released; it lapses with its in-progress expiry', { error: (releaseFailure as Error).name });
        }
      }
      request.error = busyAsUnavailable(request.error) as Error;
    },
  };
}

/** The error, or a TemporarilyUnavailableError when it (or what it wraps) is storage being busy. */
function busyAsUnavailable(error: unknown): unknown {
  let cause = error;
  for (let depth = 0; depth < 4 && cause instanceof Error; depth++, cause = cause.cause) {
    try {
      translateStorageError(cause);
    } catch (translated) {
      if (translated instanceof TemporarilyUnavailableError) return translated;
    }
  }
  return error;
}
