import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type {
  APIGatewayAuthorizerResult,
  APIGatewayProxyEvent,
  APIGatewayProxyResult,
  APIGatewayTokenAuthorizerEvent,
  Context,
} from 'aws-lambda';
import { API_ROUTES, AUTHORIZER_CACHE_TTL_SECONDS, type ApiRoute } from '../functions/routes.js';
import { problemResponse, toProblem } from '../shared/http/problem.js';
import { payloadTooLarge } from '../shared/http/request.js';
import { policyAllows } from '../functions/authorizer-policy.js';
import { asInvocation } from './invocation.js';

/**
 * A small stand-in for API Gateway (REST, v1 proxy integration): it matches the route table the
 * CDK stack deploys, runs the real TOKEN authorizer, builds the same proxy event and invokes the
 * same handler. Gateway-level refusals are problem+json, as the deployed gateway responses are.
 */
type ProxyHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;
type Authorizer = (event: APIGatewayTokenAuthorizerEvent) => Promise<APIGatewayAuthorizerResult>;

/**
 * Lambda's limit on a synchronous invocation (6 MB): a bigger body never reaches a function.
 * Deployed, the stage's web ACL refuses every body over 64 KB with 413 before API Gateway (which
 * would otherwise answer a 5xx when Lambda refuses the payload); the handlers refuse the same
 * bodies with the same 413. Here, bodies up to 6 MB reach the handler, which answers that 413,
 * and bigger ones get it from the gateway: one answer for any oversized body, as deployed.
 */
const MAX_LAMBDA_BODY_BYTES = 6 * 1024 * 1024;
const STAGE = 'local';

interface CompiledRoute {
  route: ApiRoute;
  params: string[];
  /** The path split at '/', a parameter's segment as null: matching compares segments, no regex per route. */
  segments: (string | null)[];
  handler: ProxyHandler;
}

export function compile(route: ApiRoute, handler: ProxyHandler): CompiledRoute {
  const params: string[] = [];
  const segments = route.path.split('/').map((segment) => {
    const param = /^\{(\w+)\}$/.exec(segment);
    if (!param) return segment;
    params.push(param[1]!);
    return null;
  });
  return { route, params, segments, handler };
}

/**
 * The route for this path and method with its parameters' raw values, or why there is none (404 or
 * 405). Literal segments match literally, as API Gateway's do ('.' in openapi.json is a dot).
 */
export function findRoute(routes: CompiledRoute[], pathname: string, method: string) {
  const parts = pathname.split('/');
  let pathKnown = false;
  for (const compiled of routes) {
    const values = matchSegments(compiled.segments, parts);
    if (!values) continue;
    if (compiled.route.method === method) return { compiled, values };
    pathKnown = true;
  }
  return pathKnown ? 'other method' : 'unknown path';
}

/** The parameters' raw values when `parts` (a path split at '/') fits the route's segments, else null. */
function matchSegments(segments: (string | null)[], parts: string[]): string[] | null {
  if (segments.length !== parts.length) return null;
  const values: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const segment = segments[i];
    const part = parts[i]!;
    if (segment === null) {
      if (part === '') return null; // a parameter is never empty
      values.push(part);
    } else if (segment !== part) return null;
  }
  return values;
}

/** Loads every handler up front, as Lambda's init would: config errors surface at start, not on a request. */
export async function loadApi(): Promise<{ routes: CompiledRoute[]; authorizer: Authorizer }> {
  // One at a time: jest's ESM loader races on modules shared by parallel dynamic imports.
  const routes: CompiledRoute[] = [];
  for (const route of API_ROUTES) {
    const module = (await import(`../functions/api/${route.handler}.js`)) as { handler: ProxyHandler };
    routes.push(compile(route, module.handler));
  }
  const { handler: authorizer } = (await import('../functions/authorizer.js')) as { handler: Authorizer };
  return { routes, authorizer };
}

export function lambdaContext(functionName: string): Context {
  const requestId = randomUUID();
  const started = Date.now();
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, 29_000 - (Date.now() - started)),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/**
 * The body, or 'too large'; an oversized body is still read to its end (and dropped), so the client
 * gets the answer rather than a reset. A request with neither Content-Length nor Transfer-Encoding
 * has no body (RFC 9112 §6.3): nothing to wait for.
 */
function readBody(req: IncomingMessage): Promise<string | null | 'too large'> {
  if (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined) {
    req.resume();
    return Promise.resolve(null);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_LAMBDA_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > MAX_LAMBDA_BODY_BYTES) resolve('too large');
      else resolve(chunks.length ? Buffer.concat(chunks).toString('utf8') : null);
    });
    req.on('error', reject);
    // Cut off before its end (the client went away): nothing more will come.
    req.on('close', () => {
      if (!req.complete) reject(new Error('request closed before its body ended'));
    });
  });
}

/**
 * Sent with Content-Length, as API Gateway answers: no chunked framing, and a text body leaves
 * together with the head in one write.
 */
function send(res: ServerResponse, result: APIGatewayProxyResult): void {
  const body = result.isBase64Encoded ? Buffer.from(result.body, 'base64') : (result.body ?? '');
  const headers: Record<string, string> = {};
  let hasLength = false;
  for (const name in result.headers) {
    headers[name] = String(result.headers[name]);
    if (name.toLowerCase() === 'content-length') hasLength = true;
  }
  if (!hasLength) headers['content-length'] = String(typeof body === 'string' ? Buffer.byteLength(body) : body.length);
  res.writeHead(result.statusCode, headers);
  res.end(body);
}

const gatewayProblem = (status: number, slug: string, title: string, detail: string) =>
  problemResponse(status, slug, title, detail);

export function buildProxyEvent(
  req: { method: string; url: URL; headers: IncomingMessage['headers']; body: string | null },
  match: { route: ApiRoute; pathParameters: Record<string, string> | null; authorizer: Record<string, string> | null },
): APIGatewayProxyEvent {
  const headers: Record<string, string> = Object.create(null) as Record<string, string>;
  const multiValueHeaders: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    headers[name] = values.join(',');
    multiValueHeaders[name] = values;
  }
  // No prototype: a query key such as __proto__ or constructor is just a key.
  const query: Record<string, string> = Object.create(null) as Record<string, string>;
  const multiQuery: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  let hasQuery = false;
  // url.search is empty when there is no query: searchParams (an object of its own) is only built for one.
  if (req.url.search) {
    for (const [name, value] of req.url.searchParams) {
      query[name] = value; // like API Gateway: the last value wins in the single-value map
      (multiQuery[name] ??= []).push(value);
      hasQuery = true;
    }
  }
  const now = Date.now();
  return {
    resource: match.route.path,
    path: req.url.pathname,
    httpMethod: req.method,
    headers,
    multiValueHeaders,
    queryStringParameters: hasQuery ? query : null,
    multiValueQueryStringParameters: hasQuery ? multiQuery : null,
    pathParameters: match.pathParameters,
    stageVariables: null,
    body: req.body,
    isBase64Encoded: false,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      authorizer: match.authorizer,
      httpMethod: req.method,
      identity: { sourceIp: '127.0.0.1', userAgent: headers['user-agent'] ?? null } as APIGatewayProxyEvent['requestContext']['identity'],
      path: `/${STAGE}${req.url.pathname}`,
      protocol: 'HTTP/1.1',
      requestId: randomUUID(),
      requestTimeEpoch: now,
      resourceId: 'local',
      resourcePath: match.route.path,
      stage: STAGE,
    },
  };
}

type Policy = APIGatewayAuthorizerResult['policyDocument'];
type Authorization = { context: Record<string, string>; policy: Policy; denied?: undefined } | { denied: APIGatewayProxyResult; context?: undefined };

const methodArn = (method: string, route: ApiRoute) => `arn:aws:execute-api:local:000000000000:local/${STAGE}/${method}${route.path}`;
const accessDenied = () => gatewayProblem(403, 'forbidden', 'Forbidden', 'This API key may not call this route');

/**
 * Runs the authorizer the way API Gateway does for a TOKEN authorizer on the Authorization header,
 * answers included: an allowing decision is kept per token for `cacheTtlMs` (the deployed stage's
 * result cache), so a key's later requests skip the authorizer, as they do on AWS.
 */
function tokenAuthorizer(authorizer: Authorizer, cacheTtlMs: number, now: () => number) {
  const allowed = new Map<string, { context: Record<string, string>; policy: Policy; expiresAt: number }>();
  const decide = async (token: string | undefined, route: ApiRoute, method: string): Promise<Authorization> => {
    if (!token) return { denied: gatewayProblem(401, 'unauthorized', 'Unauthorized', 'Send Authorization: Bearer <your store API key>') };
    const cached = allowed.get(token);
    if (cached && cached.expiresAt > now()) return { context: { ...cached.context }, policy: cached.policy };
    const outcome = await authorize(authorizer, token, route, method);
    if (outcome.context && cacheTtlMs > 0) {
      if (allowed.size >= MAX_CACHED_TOKENS) allowed.clear(); // a bound, not a policy: keys are few
      allowed.set(token, { context: { ...outcome.context }, policy: outcome.policy, expiresAt: now() + cacheTtlMs });
    }
    return outcome;
  };
  /** As API Gateway does: the (cached) policy is evaluated against each request's method ARN. */
  const check = async (token: string | undefined, route: ApiRoute, method: string): Promise<Authorization> => {
    const outcome = await decide(token, route, method);
    if (outcome.denied || policyAllows(outcome.policy, methodArn(method, route))) return outcome;
    return { denied: accessDenied() };
  };
  /** FlushStageAuthorizersCache: every cached answer is dropped. */
  return Object.assign(check, { flush: () => allowed.clear() });
}
const MAX_CACHED_TOKENS = 10_000;

async function authorize(authorizer: Authorizer, token: string, route: ApiRoute, method: string): Promise<Authorization> {
  try {
    const result = await asInvocation(lambdaContext('authorizer'), () =>
      authorizer({
        type: 'TOKEN',
        authorizationToken: token,
        methodArn: methodArn(method, route),
      }),
    );
    return { context: { ...(result.context as Record<string, string>), principalId: result.principalId }, policy: result.policyDocument };
  } catch (error) {
    if ((error as Error).message === 'Unauthorized') {
      return { denied: gatewayProblem(401, 'unauthorized', 'Unauthorized', 'The API key is not valid') };
    }
    // API Gateway's AUTHORIZER_FAILURE response, as the deployed stage renders it.
    return {
      denied: problemResponse(503, 'temporarily-unavailable', 'Service temporarily unavailable', 'The request could not be authorized just now; retry after a short wait', {
        headers: { 'retry-after': '1' },
      }),
    };
  }
}

/**
 * The request target as a path on this host. Prefixing the origin (rather than resolving against
 * it) keeps a target like //evil/v1/repairs a path — unknown, so 404 — instead of a host name.
 */
export function requestUrl(req: IncomingMessage): URL | null {
  try {
    return new URL(`http://localhost${(req.url ?? '/').startsWith('/') ? '' : '/'}${req.url ?? ''}`);
  } catch {
    return null;
  }
}

interface GatewayOptions {
  routes: CompiledRoute[];
  authorizer: Authorizer;
  /** The authorizer result cache; the deployed stage's TTL unless a test says otherwise. */
  authorizerCacheTtlMs?: number;
  /** The cache's clock (tests move it). */
  now?: () => number;
}

export function apiGateway(api: GatewayOptions) {
  const authorize = tokenAuthorizer(api.authorizer, api.authorizerCacheTtlMs ?? AUTHORIZER_CACHE_TTL_SECONDS * 1000, api.now ?? Date.now);
  const serve = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = requestUrl(req);
    if (!url) return send(res, gatewayProblem(400, 'bad-request', 'Bad request', 'The request target is not a valid path'));
    const method = req.method ?? 'GET';
    const found = findRoute(api.routes, url.pathname, method);
    if (found === 'unknown path') return send(res, gatewayProblem(404, 'not-found', 'Not found', `No route ${url.pathname}`));
    if (found === 'other method') {
      return send(res, gatewayProblem(405, 'method-not-allowed', 'Method not allowed', `${method} is not supported on ${url.pathname}`));
    }
    const { compiled, values } = found;
    let body: string | null;
    try {
      const read = await readBody(req);
      if (read === 'too large') return send(res, toProblem(payloadTooLarge()).response);
      body = read;
    } catch {
      return send(res, gatewayProblem(400, 'bad-request', 'Bad request', 'The body could not be read'));
    }
    let pathParameters: Record<string, string> | null = null;
    try {
      if (compiled.params.length) pathParameters = Object.fromEntries(compiled.params.map((name, i) => [name, decodeURIComponent(values[i] ?? '')]));
    } catch {
      return send(res, gatewayProblem(400, 'bad-request', 'Bad request', 'The path is not validly percent-encoded'));
    }
    let authorizer: Record<string, string> | null = null;
    if (compiled.route.access !== 'public') {
      const outcome = await authorize(req.headers.authorization, compiled.route, method);
      if (outcome.denied) return send(res, outcome.denied);
      authorizer = outcome.context;
    }
    const event = buildProxyEvent({ method, url, headers: req.headers, body }, { route: compiled.route, pathParameters, authorizer });
    try {
      const context = lambdaContext(compiled.route.handler);
      send(res, await asInvocation(context, () => compiled.handler(event, context)));
    } catch {
      // What API Gateway answers when the integration itself fails.
      send(res, gatewayProblem(502, 'bad-gateway', 'Bad gateway', 'The function failed; try again'));
    }
  };
  /** What FlushStageAuthorizersCache does to the deployed stage: local/admin.ts answers that SDK call with it. */
  return Object.assign(serve, { flushAuthorizerCache: authorize.flush });
}
