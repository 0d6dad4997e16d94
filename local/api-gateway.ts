import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type {
  APIGatewayAuthorizerResult,
  APIGatewayProxyEvent,
  APIGatewayProxyResult,
  APIGatewayTokenAuthorizerEvent,
  Context,
} from 'aws-lambda';
import { API_ROUTES, type ApiRoute } from '../functions/routes.js';
import { problemResponse, toProblem } from '../shared/http/problem.js';
import { payloadTooLarge } from '../shared/http/request.js';

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
  pattern: RegExp;
  params: string[];
  handler: ProxyHandler;
}

export function compile(route: ApiRoute, handler: ProxyHandler): CompiledRoute {
  const params: string[] = [];
  const source = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    params.push(name);
    return '([^/]+)';
  });
  return { route, pattern: new RegExp(`^${source}$`), params, handler };
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

/** The body, or 'too large'; an oversized body is still read to its end (and dropped), so the client gets the answer rather than a reset. */
async function readBody(req: IncomingMessage): Promise<string | null | 'too large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size <= MAX_LAMBDA_BODY_BYTES) chunks.push(chunk as Buffer);
  }
  if (size > MAX_LAMBDA_BODY_BYTES) return 'too large';
  return chunks.length ? Buffer.concat(chunks).toString('utf8') : null;
}

function send(res: ServerResponse, result: APIGatewayProxyResult): void {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(result.headers ?? {})) headers[name] = String(value);
  res.writeHead(result.statusCode, headers);
  res.end(result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body);
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
  for (const [name, value] of req.url.searchParams) {
    query[name] = value; // like API Gateway: the last value wins in the single-value map
    (multiQuery[name] ??= []).push(value);
  }
  const hasQuery = Object.keys(query).length > 0;
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

/** Runs the authorizer the way API Gateway does for a TOKEN authorizer on the Authorization header. */
async function authorize(authorizer: Authorizer, token: string | undefined, route: ApiRoute, method: string) {
  if (!token) return { denied: gatewayProblem(401, 'unauthorized', 'Unauthorized', 'Send Authorization: Bearer <your store API key>') };
  try {
    const result = await authorizer({
      type: 'TOKEN',
      authorizationToken: token,
      methodArn: `arn:aws:execute-api:local:000000000000:local/${STAGE}/${method}${route.path}`,
    });
    const allowed = result.policyDocument.Statement.some((s) => s.Effect === 'Allow');
    if (!allowed) return { denied: gatewayProblem(403, 'forbidden', 'Forbidden', 'This API key may not call this route') };
    return { context: { ...(result.context as Record<string, string>), principalId: result.principalId } };
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

export function apiGateway(api: { routes: CompiledRoute[]; authorizer: Authorizer }) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = requestUrl(req);
    if (!url) return send(res, gatewayProblem(400, 'bad-request', 'Bad request', 'The request target is not a valid path'));
    const method = req.method ?? 'GET';
    const candidates = api.routes.filter((r) => r.pattern.test(url.pathname));
    if (candidates.length === 0) return send(res, gatewayProblem(404, 'not-found', 'Not found', `No route ${url.pathname}`));
    const compiled = candidates.find((r) => r.route.method === method);
    if (!compiled) {
      return send(res, gatewayProblem(405, 'method-not-allowed', 'Method not allowed', `${method} is not supported on ${url.pathname}`));
    }
    let body: string | null;
    try {
      const read = await readBody(req);
      if (read === 'too large') return send(res, toProblem(payloadTooLarge()).response);
      body = read;
    } catch {
      return send(res, gatewayProblem(400, 'bad-request', 'Bad request', 'The body could not be read'));
    }
    const values = compiled.pattern.exec(url.pathname)?.slice(1) ?? [];
    let pathParameters: Record<string, string> | null = null;
    try {
      if (compiled.params.length) pathParameters = Object.fromEntries(compiled.params.map((name, i) => [name, decodeURIComponent(values[i] ?? '')]));
    } catch {
      return send(res, gatewayProblem(400, 'bad-request', 'Bad request', 'The path is not validly percent-encoded'));
    }
    let authorizer: Record<string, string> | null = null;
    if (!compiled.route.public) {
      const outcome = await authorize(api.authorizer, req.headers.authorization, compiled.route, method);
      if (outcome.denied) return send(res, outcome.denied);
      authorizer = outcome.context;
    }
    const event = buildProxyEvent({ method, url, headers: req.headers, body }, { route: compiled.route, pathParameters, authorizer });
    try {
      send(res, await compiled.handler(event, lambdaContext(compiled.route.handler)));
    } catch {
      // What API Gateway answers when the integration itself fails.
      send(res, gatewayProblem(502, 'bad-gateway', 'Bad gateway', 'The function failed; try again'));
    }
  };
}
