/**
 * The network API end to end on the local stack (real authorizer, the gateway's 300 s cache, the
 * SDK's FlushStageAuthorizersCache answered by the local endpoint): onboarding, rotation without a
 * failed request, revocation and suspension taking effect on the next request, the last key, the
 * audit log, and a store from before key ids migrating on its first request.
 */
import { createHash, randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { NETWORK_SCOPES } from '../../shared/domain/access.js';
import { newApiKey } from '../../shared/domain/api-key.js';
import { startLocalStack, type LocalStack } from '../../local/stack.js';
import { newRepairBody } from '../support/api.js';
import { call, networkKey, STORE_BODY } from '../support/network.js';
import { LOCAL_AWS_ENV } from '../../local/dynamodb-local.js';

let stack: LocalStack;
let hq: { keyId: string; apiKey: string };
const secrets: string[] = [];

const onboard = async (name: string) => {
  const created = await call(stack, 'POST', '/v1/network/stores', { key: hq.apiKey, body: { ...STORE_BODY, name } });
  expect(created.status).toBe(201);
  secrets.push(created.body.apiKey);
  return created.body as { store: { id: string; state: string }; keyId: string; apiKey: string };
};

beforeAll(async () => {
  const dynamoEndpoint = process.env.TEST_DYNAMO_ENDPOINT;
  if (!dynamoEndpoint) throw new Error('TEST_DYNAMO_ENDPOINT is not set: run the tests through jest');
  process.env.POWERTOOLS_LOG_LEVEL = 'WARN';
  stack = await startLocalStack({ port: 0, dataDir: null, dynamoEndpoint, tableName: `network-${randomUUID()}`, dropTableOnStop: true, schedules: false });
  hq = await networkKey(stack, 'HQ operations', ['stores:read', 'stores:write', 'audit:read']);
  secrets.push(hq.apiKey);
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

describe('bootstrap and bad input', () => {
  test('a network key needs known scopes and a label: 400 naming the field', async () => {
    const unknown = await call(stack, 'POST', '/_local/network-keys', { body: { label: 'x', scopes: ['stores:read', 'stores:delete'] } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors.map((e: { path: string }) => e.path)).toEqual(['scopes.1']);
    const empty = await call(stack, 'POST', '/_local/network-keys', { body: { label: '  ', scopes: ['stores:read'] } });
    expect(empty.status).toBe(400);
    expect(empty.body.errors.map((e: { path: string }) => e.path)).toEqual(['label']);
    const phone = await call(stack, 'POST', '/_local/network-keys', { body: { label: 'Ravi +91 98123 45678', scopes: ['stores:read'] } });
    expect(phone.status).toBe(400);
    expect(phone.body.errors.map((e: { path: string }) => e.path)).toEqual(['label']);
  });

  test('a store body is checked by the rules of PATCH /v1/store', async () => {
    const bad = await call(stack, 'POST', '/v1/network/stores', { key: hq.apiKey, body: { ...STORE_BODY, followUpDays: [3, 3], timezone: 'Mars/Olympus' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['followUpDays', 'timezone']);
    const missing = await call(stack, 'POST', '/v1/network/stores', { key: hq.apiKey, body: { name: 'No Country' } });
    expect(missing.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['country', 'timezone']);
    const badLabel = await call(stack, 'POST', '/v1/network/stores/store_00000000000000000000000000/keys', { key: hq.apiKey, body: { label: '' } });
    expect(badLabel.status).toBe(400);
    expect(badLabel.body.errors[0].path).toBe('label');
  });
});

describe('onboarding', () => {
  test('creates the store with its settings and first key; list newest first, paged; get one', async () => {
    const created = await call(stack, 'POST', '/v1/network/stores', { key: hq.apiKey, body: { ...STORE_BODY, name: 'Adyar', languages: ['ta', 'en'], followUpDays: [2] } });
    expect(created.status).toBe(201);
    expect(created.body.store).toMatchObject({ name: 'Adyar', languages: ['ta', 'en'], followUpDays: [2], state: 'active' });
    expect(created.body.apiKey).toMatch(/^rt_/);
    secrets.push(created.body.apiKey);
    const own = await call(stack, 'GET', '/v1/store', { key: created.body.apiKey });
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ id: created.body.store.id, languages: ['ta', 'en'] });
    const second = await onboard('Besant Nagar');

    const first = await call(stack, 'GET', '/v1/network/stores?limit=1', { key: hq.apiKey });
    expect(first.body.items.map((s: { id: string }) => s.id)).toEqual([second.store.id]);
    const next = await call(stack, 'GET', `/v1/network/stores?limit=1&cursor=${first.body.nextCursor}`, { key: hq.apiKey });
    expect(next.body.items.map((s: { id: string }) => s.id)).toEqual([created.body.store.id]);

    const one = await call(stack, 'GET', `/v1/network/stores/${second.store.id}`, { key: hq.apiKey });
    expect(one.body).toMatchObject({ id: second.store.id, name: 'Besant Nagar', state: 'active' });
    expect((await call(stack, 'GET', '/v1/network/stores/store_00000000000000000000000000', { key: hq.apiKey })).status).toBe(404);
  });
});

describe('keys', () => {
  test('rotation: new key, clients move, old key revoked; not one request fails in between; then the old key is 401 at once', async () => {
    const store = await onboard('Rotating Store');
    let current = store.apiKey;
    let stop = false;
    const statuses: number[] = [];
    // A client that keeps calling with whichever key it was last given.
    const client = (async () => {
      while (!stop) statuses.push((await call(stack, 'GET', '/v1/store', { key: current })).status);
    })();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const issued = await call(stack, 'POST', '/v1/store/keys', { key: store.apiKey, body: { label: 'rotation 2026-12' } });
    expect(issued.status).toBe(201);
    secrets.push(issued.body.apiKey);
    current = issued.body.apiKey;
    await new Promise((resolve) => setTimeout(resolve, 100));
    // The old key was used a moment ago, so the gateway holds its answer in its cache.
    expect((await call(stack, 'GET', '/v1/store', { key: store.apiKey })).status).toBe(200);
    const revoked = await call(stack, 'DELETE', `/v1/store/keys/${store.keyId}`, { key: issued.body.apiKey });
    expect(revoked.status).toBe(204);
    const revokedAt = performance.now();
    const after = await call(stack, 'GET', '/v1/store', { key: store.apiKey });
    const delayMs = performance.now() - revokedAt;
    expect(after.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 100));
    stop = true;
    await client;
    expect(statuses.length).toBeGreaterThan(5);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    // The measured delay is the next request's own round trip: there is no window in which the key still works.
    console.info(`revocation → 401 on the next request, ${delayMs.toFixed(1)} ms after the DELETE answered`);

    const list = await call(stack, 'GET', '/v1/store/keys', { key: issued.body.apiKey });
    expect(list.body.items).toEqual(
      expect.arrayContaining([
        { keyId: store.keyId, label: 'first key', prefix: store.apiKey.slice(0, 9), state: 'revoked', createdAt: expect.any(String), lastUsedAt: expect.any(String) },
        { keyId: issued.body.keyId, label: 'rotation 2026-12', prefix: issued.body.apiKey.slice(0, 9), state: 'active', createdAt: expect.any(String), lastUsedAt: expect.any(String) },
      ]),
    );
    expect(list.text).not.toContain(issued.body.apiKey);
    expect(list.text).not.toContain(createHash('sha256').update(issued.body.apiKey).digest('hex'));
  });

  test('the last active key cannot be revoked (409); another store’s key is 404, to the store and through HQ', async () => {
    const a = await onboard('Only One Key');
    const b = await onboard('Another Store');
    const last = await call(stack, 'DELETE', `/v1/store/keys/${a.keyId}`, { key: a.apiKey });
    expect(last.status).toBe(409);
    expect((await call(stack, 'DELETE', `/v1/network/stores/${a.store.id}/keys/${a.keyId}`, { key: hq.apiKey })).status).toBe(409);
    expect((await call(stack, 'DELETE', `/v1/store/keys/${b.keyId}`, { key: a.apiKey })).status).toBe(404);
    expect((await call(stack, 'DELETE', `/v1/network/stores/${a.store.id}/keys/${b.keyId}`, { key: hq.apiKey })).status).toBe(404);
    // Both keys still work.
    expect((await call(stack, 'GET', '/v1/store', { key: a.apiKey })).status).toBe(200);
    expect((await call(stack, 'GET', '/v1/store', { key: b.apiKey })).status).toBe(200);
  });

  test('HQ issues and revokes a store’s keys', async () => {
    const store = await onboard('HQ Managed');
    const issued = await call(stack, 'POST', `/v1/network/stores/${store.store.id}/keys`, { key: hq.apiKey, body: {} });
    expect(issued.status).toBe(201);
    secrets.push(issued.body.apiKey);
    expect((await call(stack, 'GET', '/v1/store', { key: issued.body.apiKey })).status).toBe(200);
    expect((await call(stack, 'DELETE', `/v1/network/stores/${store.store.id}/keys/${issued.body.keyId}`, { key: hq.apiKey })).status).toBe(204);
    expect((await call(stack, 'GET', '/v1/store', { key: issued.body.apiKey })).status).toBe(401);
    const keys = await call(stack, 'GET', `/v1/network/stores/${store.store.id}/keys`, { key: hq.apiKey });
    expect(keys.body.items.map((k: { keyId: string; state: string }) => [k.keyId, k.state]).sort()).toEqual(
      [[store.keyId, 'active'], [issued.body.keyId, 'revoked']].sort(),
    );
  });
});

describe('suspension', () => {
  test('a suspended store’s keys are 403 store-suspended at once; its customers still track; resume restores it', async () => {
    const store = await onboard('Suspended Later');
    const repair = await call(stack, 'POST', '/v1/repairs', { key: store.apiKey, body: newRepairBody() });
    expect(repair.status).toBe(201);
    const code = repair.body.trackingCode as string;

    const suspended = await call(stack, 'POST', `/v1/network/stores/${store.store.id}/suspend`, { key: hq.apiKey });
    expect(suspended.status).toBe(200);
    expect(suspended.body).toMatchObject({ id: store.store.id, state: 'suspended' });
    const refused = await call(stack, 'GET', `/v1/repairs/${repair.body.id}`, { key: store.apiKey });
    expect(refused.status).toBe(403);
    expect(refused.body.type).toMatch(/\/store-suspended$/);
    expect((await call(stack, 'GET', `/v1/track/${code}?phoneLast4=5678`)).status).toBe(200);
    expect((await call(stack, 'GET', `/v1/network/stores/${store.store.id}`, { key: hq.apiKey })).body.state).toBe('suspended');
    // A key issued while suspended is suspended too.
    const during = await call(stack, 'POST', `/v1/network/stores/${store.store.id}/keys`, { key: hq.apiKey, body: { label: 'during' } });
    expect((await call(stack, 'GET', '/v1/store', { key: during.body.apiKey })).body.type).toMatch(/\/store-suspended$/);

    const resumed = await call(stack, 'POST', `/v1/network/stores/${store.store.id}/resume`, { key: hq.apiKey });
    expect(resumed.body.state).toBe('active');
    expect((await call(stack, 'GET', `/v1/repairs/${repair.body.id}`, { key: store.apiKey })).status).toBe(200);
    expect((await call(stack, 'GET', '/v1/store', { key: during.body.apiKey })).status).toBe(200);
    expect((await call(stack, 'POST', '/v1/network/stores/store_00000000000000000000000000/suspend', { key: hq.apiKey })).status).toBe(404);
  });
});

test('a suspended store’s jobs keep running: its calls fall due meanwhile and are there on resume', async () => {
  const store = await onboard('Jobs While Suspended');
  const created = await call(stack, 'POST', '/v1/repairs', { key: store.apiKey, body: newRepairBody({ customer: { name: 'Lakshmi Iyer', phone: '+919845000001', language: 'en', smsOptIn: false } }) });
  for (const status of ['diagnosing', 'in_repair', 'quality_check', 'ready_for_pickup', 'completed']) {
    expect((await call(stack, 'POST', `/v1/repairs/${created.body.id}/status`, { key: store.apiKey, body: { status } })).status).toBe(200);
  }
  const completedAt = Date.now();
  expect((await call(stack, 'POST', `/v1/network/stores/${store.store.id}/suspend`, { key: hq.apiKey })).status).toBe(200);
  const run = await call(stack, 'POST', '/_local/schedules/followups/run', { body: { time: new Date(completedAt + 3 * 86_400_000 + 60_000).toISOString() } });
  expect(run.body).toMatchObject({ examined: 1, changed: 1, failed: 0 });
  expect((await call(stack, 'GET', '/v1/follow-ups?state=due', { key: store.apiKey })).status).toBe(403);
  expect((await call(stack, 'POST', `/v1/network/stores/${store.store.id}/resume`, { key: hq.apiKey })).status).toBe(200);
  const due = await call(stack, 'GET', '/v1/follow-ups?state=due', { key: store.apiKey });
  expect(due.body.items.map((task: { id: string }) => task.id)).toEqual([`${created.body.id}-F1`]);
});

describe('a store from before key ids', () => {
  test('its one key keeps working, joins the key list and the store the network list on first use', async () => {
    const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: stack.dynamoEndpoint, region: LOCAL_AWS_ENV.AWS_REGION, credentials: { accessKeyId: LOCAL_AWS_ENV.AWS_ACCESS_KEY_ID, secretAccessKey: LOCAL_AWS_ENV.AWS_SECRET_ACCESS_KEY } }));
    const storeId = `store_${randomUUID().replace(/-/g, '').slice(0, 26)}`;
    const apiKey = newApiKey();
    const hash = createHash('sha256').update(apiKey).digest('hex');
    // Exactly what createStore wrote before this change.
    await doc.send(new PutCommand({ TableName: stack.tableName, Item: { pk: `STORE#${storeId}`, sk: 'STORE', type: 'store', id: storeId, name: 'Old Store', country: 'IN', timezone: 'Asia/Kolkata', languages: ['en'], followUpDays: [3, 90], manufacturerWarrantyMonths: 12, sms: {}, sla: { default: { hours: 48 } }, repairWarrantyDays: { default: 90 } } }));
    await doc.send(new PutCommand({ TableName: stack.tableName, Item: { pk: `APIKEY#${hash}`, sk: 'APIKEY', type: 'apiKey', storeId, usageKey: 'u'.repeat(64), createdAt: '2026-01-01T00:00:00.000Z' } }));
    doc.destroy();
    expect((await call(stack, 'GET', '/v1/store', { key: apiKey })).status).toBe(200);
    const keys = await call(stack, 'GET', '/v1/store/keys', { key: apiKey });
    expect(keys.body.items).toEqual([expect.objectContaining({ label: 'original key', prefix: apiKey.slice(0, 9), state: 'active' })]);
    // Its last key, now counted: 409.
    expect((await call(stack, 'DELETE', `/v1/store/keys/${keys.body.items[0].keyId}`, { key: apiKey })).status).toBe(409);
    const all = await call(stack, 'GET', '/v1/network/stores?limit=100', { key: hq.apiKey });
    expect(all.body.items.map((s: { id: string }) => s.id)).toContain(storeId);
  });
});

describe('audit log', () => {
  test('every network action and key change, newest first, with actor and target, never a secret; from/to and paging', async () => {
    const started = new Date().toISOString();
    const store = await onboard('Audited Store');
    const issued = await call(stack, 'POST', '/v1/store/keys', { key: store.apiKey, body: { label: 'by the store' } });
    await call(stack, 'DELETE', `/v1/store/keys/${store.keyId}`, { key: issued.body.apiKey });
    await call(stack, 'POST', `/v1/network/stores/${store.store.id}/suspend`, { key: hq.apiKey });
    await call(stack, 'POST', `/v1/network/stores/${store.store.id}/resume`, { key: hq.apiKey });
    secrets.push(issued.body.apiKey);

    const log = await call(stack, 'GET', `/v1/network/audit?from=${encodeURIComponent(started)}`, { key: hq.apiKey });
    expect(log.status).toBe(200);
    const hqActor = { keyId: hq.keyId, label: 'HQ operations' };
    expect(log.body.items.map(({ at: _at, ...rest }: { at: string }) => rest)).toEqual([
      { actor: hqActor, action: 'store.resume', target: { storeId: store.store.id } },
      { actor: hqActor, action: 'store.suspend', target: { storeId: store.store.id } },
      { actor: { keyId: issued.body.keyId, label: 'by the store' }, action: 'key.revoke', target: { storeId: store.store.id, keyId: store.keyId } },
      { actor: { keyId: store.keyId, label: 'first key' }, action: 'key.issue', target: { storeId: store.store.id, keyId: issued.body.keyId } },
      { actor: hqActor, action: 'key.issue', target: { storeId: store.store.id, keyId: store.keyId } },
      { actor: hqActor, action: 'store.create', target: { storeId: store.store.id } },
    ]);
    const ats = log.body.items.map((e: { at: string }) => e.at);
    expect([...ats].sort().reverse()).toEqual(ats);

    const paged = await call(stack, 'GET', `/v1/network/audit?from=${encodeURIComponent(started)}&limit=4`, { key: hq.apiKey });
    expect(paged.body.items).toHaveLength(4);
    const rest = await call(stack, 'GET', `/v1/network/audit?from=${encodeURIComponent(started)}&limit=4&cursor=${paged.body.nextCursor}`, { key: hq.apiKey });
    expect([...paged.body.items, ...rest.body.items]).toEqual(log.body.items);
    expect(rest.body.nextCursor).toBeNull();
    const before = await call(stack, 'GET', `/v1/network/audit?to=${encodeURIComponent(started)}`, { key: hq.apiKey });
    expect(before.body.items.every((e: { at: string }) => e.at <= started)).toBe(true);

    const everything = await call(stack, 'GET', '/v1/network/audit?limit=100', { key: hq.apiKey });
    expect(everything.body.items.some((e: { action: string }) => e.action === 'network-key.create')).toBe(true);
    for (const secret of secrets) {
      expect(everything.text).not.toContain(secret);
      expect(everything.text).not.toContain(createHash('sha256').update(secret).digest('hex'));
    }
    expect((await call(stack, 'GET', '/v1/network/audit?from=yesterday', { key: hq.apiKey })).body.errors[0].path).toBe('from');
  });
});

test('all network scopes are the contract’s seven', () => {
  expect([...NETWORK_SCOPES].sort()).toEqual(['audit:read', 'escalations:write', 'insights:read', 'prices:write', 'stores:read', 'stores:write', 'warranties:write']);
});
