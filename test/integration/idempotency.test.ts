import { jest } from '@jest/globals';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { callApi, newRepairBody } from '../support/api.js';
import { createTestStore } from '../support/stores.js';

let table: TestTable;
const fileStartedAt = Math.floor(Date.now() / 1000);
beforeAll(async () => {
  table = await createTestTable();
});
afterAll(() => table.drop());

const create = (storeId: string, key: string | undefined, body: unknown = newRepairBody()) =>
  callApi('POST', '/v1/repairs', { storeId, body, headers: key === undefined ? {} : { 'Idempotency-Key': key } });

async function orderCount(storeId: string): Promise<number> {
  const list = await callApi('GET', '/v1/repairs?limit=100', { storeId });
  return list.body.items.length;
}

let deviceSeq = 0;
const warrantyBody = (overrides: Record<string, unknown> = {}) => ({ deviceId: `35693803564${String(++deviceSeq).padStart(4, '0')}`, kind: 'extended', startsAt: '2026-11-01', months: 12, ...overrides });
const register = (storeId: string, key: string, body: unknown) =>
  callApi('POST', '/v1/warranties', { storeId, body, headers: { 'Idempotency-Key': key } });
const warrantyCount = async (storeId: string, deviceId: string) => (await callApi('GET', `/v1/warranties/${deviceId}`, { storeId })).body.items.length;

test('a replay with the same key and body returns the first response and creates nothing', async () => {
  const { storeId } = await createTestStore();
  const first = await create(storeId, 'intake-0001');
  const replay = await create(storeId, 'intake-0001');

  expect(first.status).toBe(201);
  expect(replay.status).toBe(201);
  expect(replay.body).toEqual(first.body);
  expect(replay.headers.location).toBe(first.headers.location);
  expect(await orderCount(storeId)).toBe(1);
});

test('the same key with another body is refused with 422 and creates nothing', async () => {
  const { storeId } = await createTestStore();
  await create(storeId, 'intake-0002');
  const other = await create(storeId, 'intake-0002', newRepairBody({ issue: { category: 'battery', description: 'Swollen battery' } }));

  expect(other.status).toBe(422);
  expect(other.headers['content-type']).toBe('application/problem+json');
  expect(other.body.type).toMatch(/\/idempotency-key-reused$/);
  expect(await orderCount(storeId)).toBe(1);
});

test('a refused replay does not forget the first request: the original body still replays', async () => {
  const { storeId } = await createTestStore();
  const first = await create(storeId, 'intake-0004');
  const refused = await create(storeId, 'intake-0004', newRepairBody({ issue: { category: 'camera', description: 'Blurry photos' } }));
  const replay = await create(storeId, 'intake-0004');

  expect(refused.status).toBe(422);
  expect(replay.status).toBe(201);
  expect(replay.body.id).toBe(first.body.id);
  expect(await orderCount(storeId)).toBe(1);
});

test('two stores using the same key never see each other', async () => {
  const a = await createTestStore('A');
  const b = await createTestStore('B');
  const fromA = await create(a.storeId, 'shared-key');
  const fromB = await create(b.storeId, 'shared-key');

  expect(fromA.status).toBe(201);
  expect(fromB.status).toBe(201);
  expect(fromB.body.id).not.toBe(fromA.body.id);
  expect(fromB.body.storeId).toBe(b.storeId);
});

test('concurrent retries of one request create exactly one order; the others replay it or get 409', async () => {
  const { storeId } = await createTestStore();
  const results = await Promise.all(Array.from({ length: 6 }, () => create(storeId, 'intake-burst')));

  const created = results.filter((r) => r.status === 201);
  const inProgress = results.filter((r) => r.status === 409);
  expect(created.length + inProgress.length).toBe(6);
  expect(new Set(created.map((r) => r.body.id)).size).toBe(1);
  for (const refused of inProgress) expect(refused.body.type).toMatch(/\/idempotency-in-progress$/);
  expect(await orderCount(storeId)).toBe(1);
});

test('a refused request is not remembered: fixing the body under the same key succeeds', async () => {
  const { storeId } = await createTestStore();
  const bad = await create(storeId, 'intake-0003', newRepairBody({ channel: 'teleport' }));
  const good = await create(storeId, 'intake-0003');

  expect(bad.status).toBe(400);
  expect(good.status).toBe(201);
});

test('keys outside 1–255 characters are a 400 naming Idempotency-Key', async () => {
  const { storeId } = await createTestStore();
  const tooLong = await create(storeId, 'k'.repeat(256));

  expect(tooLong.status).toBe(400);
  expect(tooLong.body.errors).toEqual([{ path: 'Idempotency-Key', message: 'must be 1–255 characters' }]);
  expect(await orderCount(storeId)).toBe(0);
});

test('records are kept for 24 hours and hold no phone number', async () => {
  const { storeId } = await createTestStore();
  await create(storeId, 'intake-ttl');
  const after = Math.floor(Date.now() / 1000);
  const records = await table.doc.send(
    new QueryCommand({ TableName: table.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'IDEMPOTENCY' } }),
  );
  const items = records.Items ?? [];
  expect(items.length).toBeGreaterThan(0);
  for (const item of items) {
    // Every record of this file was written after it started and before `after`.
    expect(item.expiresAt).toBeGreaterThanOrEqual(fileStartedAt + 86_400 - 1);
    expect(item.expiresAt).toBeLessThanOrEqual(after + 86_400 + 1);
    expect(JSON.stringify(item)).not.toContain('9812345678');
  }
});

test('the body is compared as JSON: other spacing and key order replay, they are the same request', async () => {
  const { storeId } = await createTestStore();
  const body = newRepairBody();
  const first = await create(storeId, 'intake-json', body);
  const reordered = { issue: body.issue, device: body.device, customer: { smsOptIn: true, language: 'hi', phone: '+919812345678', name: 'Asha Rao' }, channel: body.channel };
  const replay = await callApi('POST', '/v1/repairs', { storeId, rawBody: JSON.stringify(reordered, null, 2), headers: { 'Idempotency-Key': 'intake-json' } });

  expect(first.status).toBe(201);
  expect(replay.status).toBe(201);
  expect(replay.body.id).toBe(first.body.id);
  expect(await orderCount(storeId)).toBe(1);
});

test('a body with one key more is another body, even when that key is "__proto__": 422', async () => {
  const { storeId } = await createTestStore();
  const body = newRepairBody();
  await create(storeId, 'intake-proto', body);
  const withProto = JSON.stringify(body).replace(/}$/, ',"__proto__":{"channel":"mail_in"}}');
  const other = await callApi('POST', '/v1/repairs', { storeId, rawBody: withProto, headers: { 'Idempotency-Key': 'intake-proto' } });

  expect(other.status).toBe(422);
  expect(await orderCount(storeId)).toBe(1);
});

test('a body that is not JSON is a 400 under a key too, and the key stays free', async () => {
  const { storeId } = await createTestStore();
  const broken = await callApi('POST', '/v1/repairs', { storeId, rawBody: '{"channel": "walk_in",', headers: { 'Idempotency-Key': 'intake-broken' } });
  expect(broken.status).toBe(400);
  expect(broken.body.errors).toEqual([{ path: 'body', message: 'is not valid JSON' }]);
  expect((await create(storeId, 'intake-broken')).status).toBe(201);
});

test('a body nested thousands of levels deep is a 400 naming body under a key too (its payload hash would overflow the stack), and creates nothing', async () => {
  const { storeId } = await createTestStore();
  const deep = '['.repeat(5_000) + ']'.repeat(5_000);
  for (const key of ['intake-deep', undefined]) {
    const refused = await callApi('POST', '/v1/repairs', { storeId, rawBody: deep, headers: key === undefined ? {} : { 'Idempotency-Key': key } });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([{ path: 'body', message: 'nests deeper than 32 levels' }]);
  }
  expect((await callApi('GET', '/v1/repairs?limit=100', { storeId })).body.items).toEqual([]);
  expect((await create(storeId, 'intake-deep')).status).toBe(201);
});

test('one key on both creating routes: each route has its own record', async () => {
  const { storeId } = await createTestStore();
  const order = await create(storeId, 'same-key-both-routes');
  const warranty = await register(storeId, 'same-key-both-routes', warrantyBody());

  expect(order.status).toBe(201);
  expect(warranty.status).toBe(201);
  expect(warranty.body.kind).toBe('extended');
});

test('a retry while the first request is still running gets 409 with Retry-After; then one order exists', async () => {
  const { storeId } = await createTestStore();
  const { repairDeps } = await import('../../shared/store/container.js');
  const write = repairDeps.orders.create.bind(repairDeps.orders);
  let entered!: () => void;
  let release!: () => void;
  const inside = new Promise<void>((resolve) => (entered = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  // The first request waits inside its use case, holding its in-progress record, until released.
  const held = jest.spyOn(repairDeps.orders, 'create').mockImplementationOnce(async (...args) => {
    entered();
    await released;
    return write(...args);
  });
  try {
    const first = create(storeId, 'intake-held');
    await inside;
    const retry = await create(storeId, 'intake-held');
    expect(retry.status).toBe(409);
    expect(retry.headers['content-type']).toBe('application/problem+json');
    expect(retry.headers['retry-after']).toMatch(/^\d+$/);
    expect(retry.body.type).toMatch(/\/idempotency-in-progress$/);

    release();
    const answered = await first;
    expect(answered.status).toBe(201);
    const replay = await create(storeId, 'intake-held');
    expect(replay.status).toBe(201);
    expect(replay.body.id).toBe(answered.body.id);
  } finally {
    held.mockRestore();
  }
  expect(await orderCount(storeId)).toBe(1);
});

test('POST /v1/warranties: a replay returns the first response and registers nothing more', async () => {
  const { storeId } = await createTestStore();
  const body = warrantyBody();
  const first = await register(storeId, 'warranty-0001', body);
  const replay = await register(storeId, 'warranty-0001', body);

  expect(first.status).toBe(201);
  expect(replay.status).toBe(201);
  expect(replay.body).toEqual(first.body);
  expect(replay.headers.location).toBe(first.headers.location);
  expect(await warrantyCount(storeId, body.deviceId)).toBe(1);
});

test('POST /v1/warranties: the same key with another body is refused with 422 and registers nothing', async () => {
  const { storeId } = await createTestStore();
  const body = warrantyBody();
  await register(storeId, 'warranty-0002', body);
  const other = await register(storeId, 'warranty-0002', { ...body, months: 24 });

  expect(other.status).toBe(422);
  expect(other.headers['content-type']).toBe('application/problem+json');
  expect(other.body.type).toMatch(/\/idempotency-key-reused$/);
  expect(await warrantyCount(storeId, body.deviceId)).toBe(1);
});
