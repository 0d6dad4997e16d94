import middy from '@middy/core';
import httpEventNormalizer from '@middy/http-event-normalizer';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import type { z } from 'zod';
import { logger } from '../observability/logger.js';
import { toProblem } from './problem.js';
import { authorizedStoreId, parseJsonBody, parseWith } from './request.js';

export interface HttpResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

interface RouteSchemas<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType> {
  body?: B;
  query?: Q;
  path?: P;
  /** Public routes (tracking, OpenAPI) have no store; every other route requires one. */
  public?: boolean;
  /** Route-specific middlewares (e.g. Idempotency-Key), run after the error mapper is in place. */
  middlewares?: middy.MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult>[];
}

export interface ParsedRequest<B, Q, P> {
  body: B;
  query: Q;
  path: P;
  storeId: string;
  headers: Record<string, string | undefined>;
  event: APIGatewayProxyEvent;
}

/**
 * One line per request for operations: the route template (never the path, which can carry a
 * phone number, as in /v1/customers/{phone}/…), method, status, store and duration.
 */
const requestLog = (): middy.MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> => {
  const log = (request: middy.Request<APIGatewayProxyEvent, APIGatewayProxyResult>) => {
    const started = (request.internal as { startedAt?: number }).startedAt ?? Date.now();
    logger.info('request', {
      route: request.event?.resource,
      method: request.event?.httpMethod,
      status: request.response?.statusCode,
      storeId: request.event?.requestContext?.authorizer?.storeId,
      durationMs: Date.now() - started,
    });
  };
  return {
    before: async (request) => {
      (request.internal as { startedAt?: number }).startedAt = Date.now();
    },
    after: async (request) => log(request),
    onError: async (request) => log(request),
  };
};

/** Turns problems into problem+json; logs only faults of ours (never the request body). */
const problemErrors = (): middy.MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> => ({
  onError: async (request) => {
    const { response, unexpected } = toProblem(request.error, request.event?.path);
    if (unexpected) logger.error('unhandled error', { error: request.error as Error });
    request.response = response;
  },
});

/**
 * The REST pipeline every API function shares (middy's recommended order):
 * context logging → header/event normalizers → validation inside the handler → problem+json on error.
 * A handler only says what it accepts and which use case answers.
 */
export function apiHandler<B extends z.ZodType = z.ZodUndefined, Q extends z.ZodType = z.ZodType, P extends z.ZodType = z.ZodType>(
  schemas: RouteSchemas<B, Q, P>,
  run: (request: ParsedRequest<z.output<B>, z.output<Q>, z.output<P>>) => Promise<HttpResponse>,
) {
  return middy<APIGatewayProxyEvent, APIGatewayProxyResult, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(requestLog())
    .use(httpHeaderNormalizer())
    .use(httpEventNormalizer())
    .use(problemErrors())
    .use(schemas.middlewares ?? [])
    .handler(async (event) => {
      const storeId = schemas.public ? '' : authorizedStoreId(event);
      const request = {
        storeId,
        event,
        headers: event.headers as Record<string, string | undefined>,
        path: schemas.path ? parseWith(schemas.path, event.pathParameters ?? {}) : undefined,
        query: schemas.query ? parseWith(schemas.query, event.queryStringParameters ?? {}) : undefined,
        body: schemas.body ? parseWith(schemas.body, parseJsonBody(event)) : undefined,
      } as ParsedRequest<z.output<B>, z.output<Q>, z.output<P>>;
      const result = await run(request);
      return {
        statusCode: result.status,
        headers: { 'content-type': 'application/json', ...result.headers },
        body: JSON.stringify(result.body),
      };
    });
}
