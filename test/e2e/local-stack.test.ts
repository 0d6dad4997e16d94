/**
 * End to end over real HTTP: the local stack (API Gateway stand-in + the real handlers + the
 * real authorizer) on a free port, against the run's DynamoDB Local. startLocalStack sets
 * process.env and imports the handlers, so it lives in a file of its own. The API flows go through
 * the partner stores' typed client, which checks every response against the published document;
 * raw fetch only where the client cannot go (unknown routes, bodies that are not the schema's).
 */
import { randomUUID } from 'node:crypto';
import type { CreateRepair, MoveRepair, RepairClient, RepairOrder } from '../../clients/typescript/index.js';
import { startLocalStack, type LocalStack } from '../../local/stack.js';
import { checkedClient } from '../support/openapi-contract.js';

const PHONE = '+919812345678';
const NAME = 'Meenakshi Sundaram';

let stack: LocalStack;
let apiKey: string;
let storeId: string;
/** The partner stores' typed client (clients/typescript), each response checked against the document. */
let store: RepairClient;
let anonymous: RepairClient;

interface HttpResult {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

async function http(method: string, path: string, options: { key?: string | null; body?: unknown; rawBody?: string; ifMatch?: string } = {}): Promise<HttpResult> {
  const headers: Record<string, string> = {};
  const key = options.key === undefined ? apiKey : options.key;
  if (key !== null) headers.authorization = `Bearer ${key}`;
  if (options.ifMatch !== undefined) headers['if-match'] = options.ifMatch;
  let body: string | undefined;
  if (options.rawBody !== undefined) body = options.rawBody;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${stack.url}${path}`, { method, headers, body });
  const text = await response.text();
  const isJson = /json/.test(response.headers.get('content-type') ?? '');
  return { status: response.status, headers: response.headers, body: isJson && text ? JSON.parse(text) : text, text };
}

function expectProblem(result: HttpResult, status: number) {
  expect(result.status).toBe(status);
  expect(result.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(result.body.status).toBe(status);
  expect(typeof result.body.type).toBe('string');
  expect(typeof result.body.title).toBe('string');
}

const orderBody = (channel: 'walk_in' | 'mail_in'): CreateRepair => ({
  channel,
  customer: { name: NAME, phone: PHONE, language: 'ta', smsOptIn: true },
  device: { brand: 'OPPO', model: 'Reno 12', deviceId: '356938035643809' },
  issue: { category: channel === 'walk_in' ? 'screen' : 'water_damage', description: 'Phone fell in a bucket' },
});

type Step = Pick<MoveRepair, 'status' | 'estimate'>;

/** Walks an order through `steps`, each with the ETag of the previous response as If-Match. */
async function walk(from: { data: RepairOrder; etag: string | null }, steps: Step[]) {
  const id = from.data.id;
  let { etag, data: last } = from;
  for (const step of steps) {
    expect(etag).toBe(`"${last.version}"`);
    const moved = await store.POST('/v1/repairs/{id}/status', {
      params: { path: { id }, header: { 'if-match': etag! } },
      body: { ...step, note: `to ${step.status}` },
    });
    expect({ step: step.status, status: moved.response.status }).toEqual({ step: step.status, status: 200 });
    expect(moved.data!.status).toBe(step.status);
    expect(moved.data!.version).toBe(last.version + 1);
    expect(moved.data!.customer.phone).toBe('+91••••••5678');
    expect(JSON.stringify(moved.data)).not.toContain(PHONE);
    etag = moved.response.headers.get('etag');
    last = moved.data!;
  }
  return { data: last, etag };
}

/** A created order; the test fails here unless the create answered 201. */
async function create(channel: 'walk_in' | 'mail_in') {
  const { data, response } = await store.POST('/v1/repairs', { body: orderBody(channel) });
  expect(response.status).toBe(201);
  return { data: data!, response, etag: response.headers.get('etag') };
}

beforeAll(async () => {
  const dynamoEndpoint = process.env.TEST_DYNAMO_ENDPOINT;
  if (!dynamoEndpoint) throw new Error('TEST_DYNAMO_ENDPOINT is not set: run the tests through jest');
  // The notifier logs every status change at INFO; keep the test output to warnings and errors.
  process.env.POWERTOOLS_LOG_LEVEL = 'WARN';
  stack = await startLocalStack({ port: 0, dataDir: null, dynamoEndpoint, tableName: `e2e-${randomUUID()}`, dropTableOnStop: true });
  const response = await fetch(`${stack.url}/_local/stores`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Anna Nagar Service Center', country: 'IN', timezone: 'Asia/Kolkata' }),
  });
  expect(response.status).toBe(201);
  ({ apiKey, storeId } = (await response.json()) as { storeId: string; apiKey: string });
  expect(apiKey).toMatch(/^rt_/);
  store = checkedClient({ baseUrl: stack.url, apiKey });
  anonymous = checkedClient({ baseUrl: stack.url });
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

test('walk-in lifecycle: received → … → completed, with ETag / If-Match at every step', async () => {
  const created = await create('walk_in');
  expect(created.response.headers.get('location')).toBe(`/v1/repairs/${created.data.id}`);
  expect(created.response.headers.get('etag')).toBe('"1"');
  expect(created.data).toMatchObject({ status: 'received', version: 1, storeId, customer: { phone: '+91••••••5678' } });
  expect(JSON.stringify(created.data)).not.toContain(PHONE);

  const estimate = { amount: '3499.00', currency: 'INR' };
  const { data: done } = await walk(created, [
    { status: 'diagnosing' },
    { status: 'awaiting_approval', estimate },
    { status: 'in_repair' },
    { status: 'quality_check' },
    { status: 'ready_for_pickup' },
    { status: 'completed' },
  ]);
  expect(done.estimate).toEqual(estimate);

  const read = await store.GET('/v1/repairs/{id}', { params: { path: { id: created.data.id } } });
  expect(read.response.status).toBe(200);
  expect(read.response.headers.get('etag')).toBe('"7"');
  expect(read.data!.history!.map((e) => [e.from, e.to])).toEqual([
    [null, 'received'],
    ['received', 'diagnosing'],
    ['diagnosing', 'awaiting_approval'],
    ['awaiting_approval', 'in_repair'],
    ['in_repair', 'quality_check'],
    ['quality_check', 'ready_for_pickup'],
    ['ready_for_pickup', 'completed'],
  ]);
  expect(read.data!.estimate).toEqual(estimate);

  // Terminal: a further move is refused with the allowed list (empty).
  const again = await store.POST('/v1/repairs/{id}/status', { params: { path: { id: created.data.id }, header: { 'if-match': '"7"' } }, body: { status: 'in_repair' } });
  expect(again.response.status).toBe(409);
  expect(again.error!.type).toMatch(/\/invalid-transition$/);
  expect(again.error!.allowed).toEqual([]);
});

test('mail-in lifecycle: awaiting_device → received → … → shipped → completed', async () => {
  const created = await create('mail_in');
  expect(created.data).toMatchObject({ status: 'awaiting_device', promisedBy: null });

  const { data: received, etag } = await walk(created, [{ status: 'received' }]);
  expect(typeof received.promisedBy).toBe('string');
  expect(Date.parse(received.promisedBy!)).toBeGreaterThan(Date.parse(received.updatedAt));

  const { data: done } = await walk({ data: received, etag }, [
    { status: 'diagnosing' },
    { status: 'in_repair' },
    { status: 'quality_check' },
    { status: 'shipped' },
    { status: 'completed' },
  ]);
  expect(done.promisedBy).toBe(received.promisedBy);
  expect(done.history!.map((e) => e.to)).toEqual(['awaiting_device', 'received', 'diagnosing', 'in_repair', 'quality_check', 'shipped', 'completed']);

  const list = await store.GET('/v1/repairs', { params: { query: { status: 'completed' } } });
  expect(list.response.status).toBe(200);
  expect(list.data!.items.map((o) => o.id)).toContain(created.data.id);
  expect(JSON.stringify(list.data)).not.toContain(PHONE);
});

test('a stale If-Match over HTTP → 412 problem+json', async () => {
  const created = await create('walk_in');
  await walk(created, [{ status: 'diagnosing' }]);
  const stale = await store.POST('/v1/repairs/{id}/status', { params: { path: { id: created.data.id }, header: { 'if-match': '"1"' } }, body: { status: 'in_repair' } });
  expect(stale.response.status).toBe(412);
  expect(stale.response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(stale.error!.status).toBe(412);
  const read = await store.GET('/v1/repairs/{id}', { params: { path: { id: created.data.id } } });
  expect(read.data).toMatchObject({ status: 'diagnosing', version: 2 });
});

test('tracking: wrong last 4 → 404; right → 200 without phone or name; no key needed', async () => {
  const created = await create('walk_in');
  const code = created.data.trackingCode;

  const wrong = await anonymous.GET('/v1/track/{trackingCode}', { params: { path: { trackingCode: code }, query: { phoneLast4: '0000' } } });
  expect(wrong.response.status).toBe(404);
  expect(wrong.error!.status).toBe(404);

  const right = await anonymous.GET('/v1/track/{trackingCode}', { params: { path: { trackingCode: code.toLowerCase() }, query: { phoneLast4: '5678' } } });
  expect(right.response.status).toBe(200);
  expect(right.data).toMatchObject({ trackingCode: code, status: 'received', storeName: 'Anna Nagar Service Center', promisedBy: created.data.promisedBy });
  expect(right.data!.timeline).toEqual([{ at: created.data.createdAt, status: 'received' }]);
  const text = JSON.stringify(right.data);
  expect(text).not.toContain(PHONE);
  expect(text).not.toContain('9812345678');
  expect(text).not.toContain('Meenakshi');
  expect(text).not.toContain('Sundaram');
  expect((right.data as Record<string, unknown>).customer).toBeUndefined();
});

test('GET /v1/openapi.json needs no key', async () => {
  const result = await anonymous.GET('/v1/openapi.json');
  expect(result.response.status).toBe(200);
  expect(result.data!.openapi).toMatch(/^3\.1/);
});

describe('gateway refusals are problem+json', () => {
  test.each([
    ['no key', null],
    ['an unknown key', `rt_${'x'.repeat(43)}`],
    ['a malformed key', 'abc'],
  ])('%s → 401', async (_name, key) => {
    const client = checkedClient({ baseUrl: stack.url, ...(key === null ? {} : { apiKey: key }) });
    const list = await client.GET('/v1/repairs');
    expect(list.response.status).toBe(401);
    expect(list.error!.status).toBe(401);
    const created = await client.POST('/v1/repairs', { body: orderBody('walk_in') });
    expect(created.response.status).toBe(401);
    expect(created.response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  test('a refused create writes nothing', async () => {
    const before = await store.GET('/v1/repairs', { params: { query: { limit: '100' } } });
    expect((await anonymous.POST('/v1/repairs', { body: orderBody('walk_in') })).response.status).toBe(401);
    const after = await store.GET('/v1/repairs', { params: { query: { limit: '100' } } });
    expect(after.data!.items).toHaveLength(before.data!.items.length);
  });

  test.each(['/v1/nope', '/v2/repairs', '/', '/v1/repairs/abc/status/extra'])('unknown route %s → 404', async (path) => {
    expectProblem(await http('GET', path), 404);
  });

  test('a bad body over HTTP → 400 naming the field; a too-long field within the size limit too; 1 MB → 413', async () => {
    const body = orderBody('walk_in');
    const bad = await http('POST', '/v1/repairs', { body: { ...body, customer: { ...body.customer, phone: '98123' } } });
    expectProblem(bad, 400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toContain('customer.phone');
    const long = await http('POST', '/v1/repairs', { body: { ...body, issue: { category: 'screen', description: 'x'.repeat(10_000) } } });
    expectProblem(long, 400);
    expect(long.body.errors.map((e: { path: string }) => e.path)).toContain('issue.description');
    const huge = await http('POST', '/v1/repairs', { body: { ...body, issue: { category: 'screen', description: 'x'.repeat(1024 * 1024) } } });
    expectProblem(huge, 413);
    expect(huge.body.type).toMatch(/\/payload-too-large$/);
    const notJson = await http('POST', '/v1/repairs', { rawBody: '{oops' });
    expectProblem(notJson, 400);
    expect(notJson.body.errors.map((e: { path: string }) => e.path)).toEqual(['body']);
  });
});
