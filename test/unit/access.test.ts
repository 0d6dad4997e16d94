/**
 * Who may call what, below the HTTP layers: the access decision, the principal's trip through
 * API Gateway's string-only context, the authorizer's policy derived from the route table, and
 * the policy evaluation the local gateway does as API Gateway does.
 */
import { API_ROUTES } from '../../functions/routes.js';
import { policyAllows, policyFor, resourceMatches } from '../../functions/authorizer-policy.js';
import { decideAccess, NETWORK_SCOPES, principalContext, principalFromContext, type Principal } from '../../shared/domain/access.js';

const store: Principal = { kind: 'store', storeId: 'store_1', keyId: 'key_1', storeState: 'active' };
const network: Principal = { kind: 'network', keyId: 'key_2', scopes: ['stores:read', 'audit:read'] };
const STAGE_ARN = 'arn:aws:execute-api:ap-south-1:123456789012:abc123/prod';
const arn = (method: string, path: string) => `${STAGE_ARN}/${method}${path}`;

test('a principal survives the authorizer context (strings only, scopes comma-joined)', () => {
  for (const principal of [store, network, { ...store, storeState: 'suspended' as const }, { kind: 'network' as const, keyId: 'k', scopes: [] }]) {
    const context = principalContext(principal);
    for (const value of Object.values(context)) expect(typeof value).toBe('string');
    expect(principalFromContext(context)).toEqual(principal);
  }
  expect(principalContext(network).scopes).toBe('stores:read,audit:read');
});

test.each([
  ['no context', null],
  ['an old store-only context', { storeId: 'store_1' }],
  ['an unknown kind', { kind: 'admin', keyId: 'k' }],
  ['a store without its store', { kind: 'store', keyId: 'k', storeId: '' }],
])('%s is no principal (fail closed)', (_name, context) => {
  expect(principalFromContext(context)).toBeNull();
});

test('unknown scopes in a context are dropped, never granted', () => {
  expect(principalFromContext({ kind: 'network', keyId: 'k', scopes: 'stores:read,root,stores:write ' })).toEqual({ kind: 'network', keyId: 'k', scopes: ['stores:read'] });
});

test('the access decision', () => {
  expect(decideAccess('public', null)).toEqual({ allowed: true });
  expect(decideAccess('store', null)).toMatchObject({ allowed: false, status: 401 });
  expect(decideAccess('store', store)).toEqual({ allowed: true });
  expect(decideAccess('store', network)).toMatchObject({ status: 403, reason: 'wrong-kind' });
  expect(decideAccess('store', { ...store, storeState: 'suspended' })).toMatchObject({ status: 403, reason: 'store-suspended' });
  expect(decideAccess({ network: 'stores:read' }, network)).toEqual({ allowed: true });
  expect(decideAccess({ network: 'stores:write' }, network)).toMatchObject({ status: 403, reason: 'missing-scope' });
  expect(decideAccess({ network: 'stores:read' }, store)).toMatchObject({ status: 403, reason: 'wrong-kind' });
});

describe('the authorizer policy, from the route table', () => {
  test('a store key is allowed exactly the store routes; a network key exactly the routes its scopes reach', () => {
    const storePolicy = policyFor(store, arn('GET', '/v1/repairs'));
    const networkPolicy = policyFor(network, arn('GET', '/v1/repairs'));
    for (const route of API_ROUTES.filter((r) => r.access !== 'public')) {
      const target = arn(route.method, route.path.replace(/\{\w+\}/g, 'x1'));
      expect({ route: route.path, method: route.method, allowed: policyAllows(storePolicy, target) }).toEqual({ route: route.path, method: route.method, allowed: route.access === 'store' });
      const reach = typeof route.access === 'object' && (network as { scopes: string[] }).scopes.includes(route.access.network);
      expect({ route: route.path, method: route.method, allowed: policyAllows(networkPolicy, target) }).toEqual({ route: route.path, method: route.method, allowed: reach });
    }
  });

  test('the policy covers the whole stage (one cached answer per key serves every route), never another stage', () => {
    const policy = policyFor(store, arn('GET', '/v1/repairs'));
    expect(policyAllows(policy, arn('POST', '/v1/repairs/01J/status'))).toBe(true);
    expect(policyAllows(policy, arn('POST', '/v1/repairs/01J/status').replace('/prod/', '/dev/'))).toBe(false);
  });

  test('a key that reaches nothing gets an explicit Deny', () => {
    const policy = policyFor({ kind: 'network', keyId: 'k', scopes: [] }, arn('GET', '/v1/network/stores'));
    expect(policy.Statement).toEqual([{ Action: 'execute-api:Invoke', Effect: 'Deny', Resource: `${STAGE_ARN}/*/*` }]);
    expect(policyAllows(policy, arn('GET', '/v1/network/stores'))).toBe(false);
  });

  test('resource wildcards: * spans characters, everything else is literal', () => {
    expect(resourceMatches(`${STAGE_ARN}/GET/v1/repairs/*`, arn('GET', '/v1/repairs/01J'))).toBe(true);
    expect(resourceMatches(`${STAGE_ARN}/GET/v1/repairs`, arn('GET', '/v1/repairsX'))).toBe(false);
    expect(resourceMatches(`${STAGE_ARN}/GET/v1/openapi.json`, arn('GET', '/v1/openapiXjson'))).toBe(false);
  });

  test('every scope is reached by some route or reserved for the issues that add them', () => {
    const used = new Set(API_ROUTES.flatMap((r) => (typeof r.access === 'object' ? [r.access.network] : [])));
    expect([...used].every((scope) => NETWORK_SCOPES.includes(scope))).toBe(true);
    // Every scope is in use since issue 17.
    expect(NETWORK_SCOPES.filter((scope) => !used.has(scope))).toEqual([]);
  });
});
