import middy from '@middy/core';
import httpEventNormalizer from '@middy/http-event-normalizer';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import type { z } from 'zod';
import { logger } from '../observability/logger.js';
import { toProblem } from './problem.js';
import { assertBodyWithinLimit, authorizeRequest, parseJsonBody, parseWith } from './request.js';
import { maskPhonesInText } from '../domain/phone.js';
import type { Principal } from '../domain/access.js';

export interface HttpResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

interface RouteSchemas<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType> {
  body?: B;
  query?: Q;
  path?: P;
  /** Route-specific middlewares (e.g. Idempotency-Key), run after the error mapper is in place. */
  middlewares?: middy.MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult>[];
}

export interface ParsedRequest<B, Q, P> {
  body: B;
  query: Q;
  path: P;
  /** The caller's store on a store route (from the authorizer, never the request); '' elsewhere. */
  storeId: string;
  /** The caller as the authorizer established it; null on a public route. */
  principal: Principal | null;
  /** The calling key as the audit log names it (id and label, never the key); null on a public route. */
  actor: { keyId: string; label: string } | null;
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
      keyId: request.event?.requestContext?.authorizer?.keyId,
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

/**
 * The problem's `instance`: the request path, with any phone number in it masked (the erasure
 * route carries one: /v1/customers/%2B91…/personal-data), so no response echoes a full number.
 */
export function problemInstance(path: string | undefined): string | undefined {
  if (!path) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    decoded = path;
  }
  const masked = maskPhonesInText(decoded);
  return masked === decoded ? path : masked;
}

/** Turns problems into problem+json; logs only faults of ours (never the request body). */
const problemErrors = (): middy.MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> => ({
  onError: async (request) => {
    const { response, unexpected } = toProblem(request.error, problemInstance(request.event?.path));
    if (unexpected) logger.error('unhandled error', { error: request.error as Error });
    request.response = response;
  },
});

/** The caller of each request in flight, as routeAccess established it (the handler reads it back). */
const principals = new WeakMap<APIGatewayProxyEvent, Principal | null>();

/**
 * The route's access declaration, checked before any other step (size, Idempotency-Key,
 * validation) so a caller the route does not admit learns nothing and leaves nothing behind.
 */
const routeAccess = (): middy.MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> => ({
  before: async (request) => {
    principals.set(request.event, authorizeRequest(request.event));
  },
});

function keyLabel(event: APIGatewayProxyEvent): string | undefined {
  const label = event.requestContext?.authorizer?.keyLabel;
  return typeof label === 'string' && label !== '' ? label : undefined;
}

/** An oversized body is refused before the route's own steps (Idempotency-Key) hash or store it. */
const bodySizeLimit = (): middy.MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> => ({
  before: async (request) => assertBodyWithinLimit(request.event),
});

/**
 * The REST pipeline every API function shares (middy's recommended order):
 * context logging → header/event normalizers → route access (functions/routes.ts) → body size → validation inside the handler → problem+json on error.
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
    .use(routeAccess())
    .use(bodySizeLimit())
    .use(schemas.middlewares ?? [])
    .handler(async (event) => {
      const principal = principals.get(event) ?? null;
      const request = {
        storeId: principal?.kind === 'store' ? principal.storeId : '',
        principal,
        actor: principal ? { keyId: principal.keyId, label: keyLabel(event) ?? principal.keyId } : null,
        event,
        headers: event.headers as Record<string, string | undefined>,
        path: schemas.path ? parseWith(schemas.path, event.pathParameters ?? {}) : undefined,
        query: schemas.query ? parseWith(schemas.query, event.queryStringParameters ?? {}) : undefined,
        body: schemas.body ? parseWith(schemas.body, parseJsonBody(event)) : undefined,
      } as ParsedRequest<z.output<B>, z.output<Q>, z.output<P>>;
      const result = await run(request);
      // 204 No Content has no body, so no content type either.
      if (result.status === 204) return { statusCode: 204, headers: { ...result.headers }, body: '' };
      return {
        statusCode: result.status,
        headers: { 'content-type': 'application/json', ...result.headers },
        body: JSON.stringify(result.body),
      };
    });
}
