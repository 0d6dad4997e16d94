import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { buildProxyEvent, lambdaContext } from '../../local/api-gateway.js';
import { API_ROUTES } from '../../functions/routes.js';
import { principalContext, type Principal } from '../../shared/domain/access.js';

/** What the authorizer would put in the context for this caller. */
function authorizerContext(call: ApiCall): Record<string, string> | null {
  const principal: Principal | undefined =
    call.principal ?? (call.storeId ? { kind: 'store', storeId: call.storeId, keyId: 'key_test', storeState: 'active' } : undefined);
  if (!principal) return null;
  return { ...principalContext(principal), principalId: principal.kind === 'store' ? principal.storeId : `network:${principal.keyId}` };
}

type ProxyHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

export interface ApiCall {
  /** Authorizer context: the store the caller authenticated as (with an active store key); omit for public routes. */
  storeId?: string;
  /** The caller in full (a network key, a suspended store); takes precedence over storeId. */
  principal?: Principal;
  body?: unknown;
  /** Sent as-is when a string (to test malformed JSON). */
  rawBody?: string;
  headers?: Record<string, string>;
}

export interface ApiResult {
  status: number;
  headers: Record<string, string>;
  body: any;
}

/**
 * Builds the same API Gateway proxy event the local adapter builds for `METHOD /path?query` and
 * runs the route's real handler on it. The route's template decides the path parameters.
 */
export async function callApi(method: string, target: string, call: ApiCall = {}): Promise<ApiResult> {
  const url = new URL(target, 'http://localhost');
  for (const route of API_ROUTES) {
    if (route.method !== method) continue;
    const names: string[] = [];
    const pattern = new RegExp(`^${route.path.replace(/\{(\w+)\}/g, (_, n: string) => (names.push(n), '([^/]+)'))}$`);
    const match = pattern.exec(url.pathname);
    if (!match) continue;
    const pathParameters = names.length ? Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(match[i + 1] ?? '')])) : null;
    const body = call.rawBody ?? (call.body === undefined ? null : JSON.stringify(call.body));
    const headers = { 'content-type': 'application/json', ...call.headers };
    const event = buildProxyEvent(
      { method, url, headers, body },
      { route, pathParameters, authorizer: authorizerContext(call) },
    );
    const { handler } = (await import(`../../functions/api/${route.handler}.js`)) as { handler: ProxyHandler };
    const result = await handler(event, lambdaContext(route.handler));
    const resultHeaders = Object.fromEntries(Object.entries(result.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
    const isJson = /json/.test(resultHeaders['content-type'] ?? '');
    return { status: result.statusCode, headers: resultHeaders, body: isJson ? JSON.parse(result.body) : result.body };
  }
  throw new Error(`no route for ${method} ${url.pathname}`);
}

/** A valid create-order body; override any part. */
export function newRepairBody(overrides: Record<string, unknown> = {}) {
  return {
    channel: 'walk_in',
    customer: { name: 'Asha Rao', phone: '+919812345678', language: 'hi', smsOptIn: true },
    device: { brand: 'OPPO', model: 'A78', deviceId: '356938035643809', purchaseDate: '2026-03-01' },
    issue: { category: 'screen', description: 'Cracked screen after a drop' },
    ...overrides,
  };
}
