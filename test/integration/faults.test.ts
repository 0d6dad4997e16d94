import { DeleteItemCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { API_ROUTES } from '../../functions/routes.js';
import { callApi, newRepairBody } from '../support/api.js';
import { NETWORK_SCOPES, type Principal } from '../../shared/domain/access.js';

/**
 * Faults a client cannot cause, injected at the DynamoDB client (the one place this suite mocks
 * it): every route answers 503 problem+json with Retry-After — never a 500, never internals.
 */
const dynamo = mockClient(DynamoDBDocumentClient);
/** Powertools' idempotency records go through the raw client. */
const rawDynamo = mockClient(DynamoDBClient);
const STORE = 'store_faults';
const ORDER = '01JDFQ8Z3M4N5P6R7S8T9VWXYZ';

beforeAll(() => {
  process.env.TABLE_NAME = 'faults-table';
  // The photo functions require their bucket at init; the fault is met at DynamoDB first.
  process.env.PHOTOS_BUCKET = 'faults-photos';
});
afterAll(() => {
  dynamo.restore();
  rawDynamo.restore();
});
afterEach(() => {
  dynamo.reset();
  rawDynamo.reset();
});

function fault(name: string, extra: Record<string, unknown> = {}) {
  return Object.assign(new Error(`${name}: injected`), { name, $fault: 'server', $metadata: { httpStatusCode: 400 }, ...extra });
}

/** A request each route accepts, so the fault is met inside the use case, not in validation. */
function validCall(method: string, path: string) {
  const target = path
    .replace('{id}', path.includes('follow-ups') ? `${ORDER}-F1` : path.includes('escalations') ? `${ORDER}-E1` : path.includes('warranty-extensions') ? `wx_${ORDER}` : ORDER)
    .replace('{trackingCode}', 'K7Q-4M2X-P9H')
    .replace('{deviceId}', '356938035643809')
    .replace('{photoId}', '01JDFQ8Z3M4N5P6R7S8T9PHOTO')
    .replace('{phone}', encodeURIComponent('+919812345678'))
    .replace('{storeId}', 'store_01jdfq8z3m4n5p6r7s8t9vwxyz')
    .replace('{keyId}', 'key_01jdfq8z3m4n5p6r7s8t9vwxyz')
    .replace('{token}', 'AAAAAAAAAAAAAAAAAAAAAA')
    .replace('{action}', 'approve');
  const query: Record<string, string> = {
    '/v1/track/{trackingCode}': '?phoneLast4=5678',
    '/v1/metrics': '?from=2026-11-01&to=2026-11-30',
    '/v1/network/metrics': '?from=2026-11-01&to=2026-11-30',
    '/v1/network/quality': '?from=2026-11-01&to=2026-11-30',
  };
  const bodies: Record<string, unknown> = {
    'POST /v1/repairs': newRepairBody(),
    'POST /v1/repairs/{id}/status': { status: 'diagnosing' },
    'POST /v1/follow-ups/{id}/outcome': { reached: true, rating: 5 },
    'POST /v1/escalations/{id}/resolve': { resolution: 'Fixed' },
    'POST /v1/warranties': { deviceId: '356938035643809', kind: 'extended', startsAt: '2026-11-01', months: 12 },
    'PATCH /v1/store': { name: 'Renamed' },
    'POST /v1/store/keys': { label: 'rotation' },
    'POST /v1/network/stores': { name: 'New Store', country: 'IN', timezone: 'Asia/Kolkata' },
    'POST /v1/network/stores/{storeId}/keys': { label: 'rotation' },
    'POST /v1/repairs/{id}/photos': { stage: 'intake', contentType: 'image/jpeg', sizeBytes: 1_000 },
    'POST /v1/repairs/{id}/quote': {},
    'PUT /v1/network/prices': { items: [{ model: '*', category: 'screen', part: { amount: '3000.00', currency: 'INR' }, labour: { amount: '500.00', currency: 'INR' } }] },
    'POST /v1/network/programs': { kind: 'screen_discount', models: ['A78'], percentOff: 20, from: '2026-01-01', to: '2026-12-31' },
    'POST /v1/escalations/{id}/raise': { summary: 'Touch screen lags after the digitizer swap' },
    'POST /v1/network/escalations/{id}/resolve': { finding: 'Firmware 1.2.3 fixes the digitizer timing' },
    'PATCH /v1/network/settings': { rdSlaHours: 24 },
    'POST /v1/network/warranty-extensions': { expiringFrom: '2027-01-01', expiringTo: '2027-01-31', days: 30, reason: 'Service centres closed by floods' },
  };
  return { target: target + (query[path] ?? ''), body: bodies[`${method} ${path}`] };
}

/** The caller each route admits: the store, or a network key with every scope. */
function callerFor(method: string, path: string): { storeId: string } | { principal: Principal } {
  const route = API_ROUTES.find((r) => r.method === method && r.path === path)!;
  return typeof route.access === 'object' ? { principal: { kind: 'network', keyId: 'key_faults', scopes: [...NETWORK_SCOPES] } } : { storeId: STORE };
}

const routesUsingTheTable = API_ROUTES.filter((route) => route.tableAccess !== 'none');
const isPage = (route: { path: string }) => route.path.startsWith('/r/') || route.path === '/track';
const apiRoutes = routesUsingTheTable.filter((route) => !isPage(route));
const pageRoutes = routesUsingTheTable.filter(isPage);

describe.each([
  ['throttling', fault('ProvisionedThroughputExceededException')],
  ['a throttled transaction', fault('TransactionCanceledException', { CancellationReasons: [{ Code: 'ThrottlingError' }, { Code: 'None' }] })],
  ['DynamoDB briefly unavailable', fault('InternalServerError')],
])('%s', (_, error) => {
  test.each(apiRoutes.map((r) => [r.method, r.path] as const))('%s %s → 503 problem+json with Retry-After', async (method, path) => {
    dynamo.onAnyCommand().rejects(error);
    const { target, body } = validCall(method, path);
    const result = await callApi(method, target, { ...callerFor(method, path), body });

    expect(result.status).toBe(503);
    expect(result.headers['content-type']).toBe('application/problem+json');
    expect(result.headers['retry-after']).toMatch(/^\d+$/);
    expect(result.body).toMatchObject({ status: 503, type: expect.stringMatching(/\/temporarily-unavailable$/) });
    expect(JSON.stringify(result.body)).not.toMatch(/injected|Exception|at .*\.ts|node_modules/);
    expect(dynamo.calls().length).toBeGreaterThan(0);
  });

  // The customer page answers people: the same 503, as a page in their language, never JSON.
  test.each(pageRoutes.map((r) => [r.method, r.path] as const))('%s %s → 503 HTML page with Retry-After', async (method, path) => {
    dynamo.onAnyCommand().rejects(error);
    const { target } = validCall(method, path);
    const form = method === 'POST' ? { rawBody: 'code=K7Q-4M2X-P9H&last4=5678&csrf=x&lang=hi', headers: { 'content-type': 'application/x-www-form-urlencoded' } } : {};
    const result = await callApi(method, `${target}?lang=hi`, form);

    expect(result.status).toBe(503);
    expect(result.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(result.headers['retry-after']).toMatch(/^\d+$/);
    expect(result.body).toContain('<html lang="hi">');
    expect(result.body).toContain('कृपया फिर से कोशिश करें');
    expect(result.body).not.toMatch(/injected|Exception|at .*\.ts|node_modules/);
    expect(dynamo.calls().length).toBeGreaterThan(0);
  });
});

test('an unexpected storage error is a 500 problem with no internals in it', async () => {
  dynamo.onAnyCommand().rejects(fault('ValidationException'));
  const result = await callApi('GET', `/v1/repairs/${ORDER}`, { storeId: STORE });
  expect(result.status).toBe(500);
  expect(result.headers['content-type']).toBe('application/problem+json');
  expect(JSON.stringify(result.body)).not.toMatch(/injected|ValidationException|at .*\.ts|node_modules/);
});

describe('with an Idempotency-Key', () => {
  const creating = [['POST', '/v1/repairs'], ['POST', '/v1/warranties']] as const;
  const send = (method: string, path: string) => {
    const { target, body } = validCall(method, path);
    return callApi(method, target, { storeId: STORE, body, headers: { 'Idempotency-Key': 'fault-key' } });
  };
  const expectBusy = (result: Awaited<ReturnType<typeof callApi>>) => {
    expect(result.status).toBe(503);
    expect(result.headers['content-type']).toBe('application/problem+json');
    expect(result.headers['retry-after']).toMatch(/^\d+$/);
    expect(JSON.stringify(result.body)).not.toMatch(/injected|Exception|Idempotency|node_modules/);
  };

  test.each(creating)('%s %s: a throttled idempotency record write → 503 with Retry-After', async (method, path) => {
    dynamo.onAnyCommand().rejects(fault('ProvisionedThroughputExceededException'));
    rawDynamo.onAnyCommand().rejects(fault('ProvisionedThroughputExceededException'));
    expectBusy(await send(method, path));
    expect(rawDynamo.commandCalls(PutItemCommand).length).toBe(1);
  });

  test.each(creating)('%s %s: a throttled request whose record cannot be released either → still 503', async (method, path) => {
    dynamo.onAnyCommand().rejects(fault('ProvisionedThroughputExceededException'));
    rawDynamo.on(PutItemCommand).resolves({});
    rawDynamo.on(DeleteItemCommand).rejects(fault('ThrottlingException'));
    expectBusy(await send(method, path));
    expect(rawDynamo.commandCalls(DeleteItemCommand).length).toBe(1);
  });
});
