/**
 * OWASP API5 (broken function-level authorization): every route of the route table × every kind
 * of caller, through the local gateway (the real authorizer, its policy from the table, the
 * gateway's cache) and again at the function alone (a forged authorizer context), so each layer
 * is shown to enforce the table by itself. A route added to functions/routes.ts is in this matrix
 * without anyone writing a test for it.
 */
import { randomUUID } from 'node:crypto';
import { API_ROUTES, type ApiRoute } from '../../functions/routes.js';
import { NETWORK_SCOPES, type NetworkScope, type Principal } from '../../shared/domain/access.js';
import { startLocalStack, type LocalStack } from '../../local/stack.js';
import { callApi } from '../support/api.js';
import { call, networkKey, STORE_BODY } from '../support/network.js';

type Caller = 'no key' | 'revoked key' | 'store key' | 'suspended store key' | 'network key with the scope' | 'network key without the scope';
const CALLERS: Caller[] = ['no key', 'revoked key', 'store key', 'suspended store key', 'network key with the scope', 'network key without the scope'];

/** What the table says this caller must get: allowed (any answer but 401/403), or the refusal. */
function expected(route: ApiRoute, caller: Caller): 'allowed' | 401 | 403 | 'store-suspended' {
  const { access } = route;
  if (access === 'public') return 'allowed';
  if (caller === 'no key' || caller === 'revoked key') return 401;
  if (access === 'store') {
    if (caller === 'store key') return 'allowed';
    if (caller === 'suspended store key') return 'store-suspended';
    return 403;
  }
  if (typeof access.network !== 'string' || !NETWORK_SCOPES.includes(access.network)) throw new Error(`${route.method} ${route.path} declares no known access`);
  return caller === 'network key with the scope' ? 'allowed' : 403;
}

/** Path parameters filled with values that exist nowhere: an admitted caller changes nothing (400 or 404). */
const target = (route: ApiRoute) => route.path.replace(/\{(\w+)\}/g, (_, name: string) => (name === 'storeId' ? 'store_00000000000000000000000000' : name === 'keyId' ? 'key_00000000000000000000000000' : 'x'));

let stack: LocalStack;
const keys = {} as Record<Exclude<Caller, 'no key' | 'network key with the scope' | 'network key without the scope'>, string>;
/** A key with every scope, and per scope a key with every scope but that one. */
let allScopes: string;
const allBut = {} as Record<NetworkScope, { keyId: string; apiKey: string }>;
let allScopesId: string;

beforeAll(async () => {
  const dynamoEndpoint = process.env.TEST_DYNAMO_ENDPOINT;
  if (!dynamoEndpoint) throw new Error('TEST_DYNAMO_ENDPOINT is not set: run the tests through jest');
  process.env.POWERTOOLS_LOG_LEVEL = 'WARN';
  stack = await startLocalStack({ port: 0, dataDir: null, dynamoEndpoint, tableName: `matrix-${randomUUID()}`, dropTableOnStop: true, schedules: false });
  const hq = await networkKey(stack, 'HQ all scopes', NETWORK_SCOPES);
  allScopes = hq.apiKey;
  allScopesId = hq.keyId;
  for (const scope of NETWORK_SCOPES) allBut[scope] = await networkKey(stack, `HQ without ${scope}`, NETWORK_SCOPES.filter((s) => s !== scope));

  const active = await call(stack, 'POST', '/v1/network/stores', { key: allScopes, body: STORE_BODY });
  expect(active.status).toBe(201);
  keys['store key'] = active.body.apiKey;
  // A second key, then the first one revoked: the revoked key is the store's former key.
  const second = await call(stack, 'POST', `/v1/network/stores/${active.body.store.id}/keys`, { key: allScopes, body: { label: 'second' } });
  expect(second.status).toBe(201);
  expect((await call(stack, 'DELETE', `/v1/network/stores/${active.body.store.id}/keys/${active.body.keyId}`, { key: allScopes })).status).toBe(204);
  keys['revoked key'] = active.body.apiKey;
  keys['store key'] = second.body.apiKey;

  const suspended = await call(stack, 'POST', '/v1/network/stores', { key: allScopes, body: { ...STORE_BODY, name: 'Suspended Store' } });
  keys['suspended store key'] = suspended.body.apiKey;
  expect((await call(stack, 'POST', `/v1/network/stores/${suspended.body.store.id}/suspend`, { key: allScopes })).status).toBe(200);
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

function keyFor(route: ApiRoute, caller: Caller): string | undefined {
  if (caller === 'no key') return undefined;
  if (caller === 'network key with the scope') return allScopes;
  if (caller === 'network key without the scope') {
    // For a store or public route any key lacking one scope will do; for a network route, the one lacking its scope.
    return typeof route.access === 'object' ? allBut[route.access.network].apiKey : allBut['stores:read'].apiKey;
  }
  return keys[caller];
}

/** The caller as the authorizer would describe it, for the function-only layer; null when the authorizer admits nobody. */
function principalFor(route: ApiRoute, caller: Caller): Principal | null {
  switch (caller) {
    case 'no key':
    case 'revoked key':
      return null;
    case 'store key':
      return { kind: 'store', storeId: 'store_00000000000000000000000001', keyId: 'key_a', storeState: 'active' };
    case 'suspended store key':
      return { kind: 'store', storeId: 'store_00000000000000000000000002', keyId: 'key_b', storeState: 'suspended' };
    case 'network key with the scope':
      return { kind: 'network', keyId: allScopesId, scopes: [...NETWORK_SCOPES] };
    case 'network key without the scope': {
      const missing: NetworkScope = typeof route.access === 'object' ? route.access.network : 'stores:read';
      return { kind: 'network', keyId: allBut[missing].keyId, scopes: NETWORK_SCOPES.filter((s) => s !== missing) };
    }
  }
}

function check(answer: { status: number; body: any }, want: ReturnType<typeof expected>) {
  if (want === 'allowed') {
    expect([401, 403]).not.toContain(answer.status);
    expect(answer.status).toBeLessThan(500);
  } else if (want === 'store-suspended') {
    expect(answer.status).toBe(403);
    expect(answer.body.type).toMatch(/\/store-suspended$/);
  } else {
    expect(answer.status).toBe(want);
    expect(answer.body.type).toMatch(/^https:\/\/problems\.repair-api\.example\//);
  }
}

const matrix = API_ROUTES.flatMap((route) => CALLERS.map((caller) => [`${route.method} ${route.path}`, caller, route] as const));

test.each(matrix)('%s × %s: the gateway and the function each enforce the route table', async (_name, caller, route) => {
  const want = expected(route, caller);
  const path = target(route);
  const key = keyFor(route, caller);
  const viaGateway = await call(stack, route.method, path, key ? { key } : {});
  check(viaGateway, want);

  const principal = principalFor(route, caller);
  const viaFunction = await callApi(route.method, path, principal ? { principal } : {});
  check(viaFunction, want);
});

test('every route declares its access in one of the three forms', () => {
  for (const route of API_ROUTES) {
    const { access } = route;
    const known = access === 'public' || access === 'store' || (typeof access === 'object' && NETWORK_SCOPES.includes(access.network));
    expect({ route: `${route.method} ${route.path}`, known }).toEqual({ route: `${route.method} ${route.path}`, known: true });
  }
});
