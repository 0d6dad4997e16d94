/**
 * End to end over real HTTP: the local stack (API Gateway stand-in + the real handlers + the
 * real authorizer) on a free port, against the run's DynamoDB Local. startLocalStack sets
 * process.env and imports the handlers, so it lives in a file of its own.
 */
import { randomUUID } from 'node:crypto';
import { startLocalStack, type LocalStack } from '../../local/stack.js';

const PHONE = '+919812345678';
const NAME = 'Meenakshi Sundaram';

let stack: LocalStack;
let apiKey: string;
let storeId: string;

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

const orderBody = (channel: 'walk_in' | 'mail_in') => ({
  channel,
  customer: { name: NAME, phone: PHONE, language: 'ta', smsOptIn: true },
  device: { brand: 'OPPO', model: 'Reno 12', deviceId: '356938035643809' },
  issue: { category: channel === 'walk_in' ? 'screen' : 'water_damage', description: 'Phone fell in a bucket' },
});

/** Walks an order through `steps`, each with the ETag of the previous response as If-Match. */
async function walk(created: HttpResult, steps: { status: string; estimate?: { amount: string; currency: string } }[]) {
  const id = created.body.id as string;
  let etag = created.headers.get('etag');
  let version = created.body.version as number;
  let last = created;
  for (const step of steps) {
    expect(etag).toBe(`"${version}"`);
    const moved = await http('POST', `/v1/repairs/${id}/status`, { body: { ...step, note: `to ${step.status}` }, ifMatch: etag! });
    expect({ step: step.status, status: moved.status }).toEqual({ step: step.status, status: 200 });
    expect(moved.body.status).toBe(step.status);
    expect(moved.body.version).toBe(version + 1);
    expect(moved.body.customer.phone).toBe('+91••••••5678');
    expect(moved.text).not.toContain(PHONE);
    etag = moved.headers.get('etag');
    version = moved.body.version;
    last = moved;
  }
  return last;
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
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

test('walk-in lifecycle: received → … → completed, with ETag / If-Match at every step', async () => {
  const created = await http('POST', '/v1/repairs', { body: orderBody('walk_in') });
  expect(created.status).toBe(201);
  expect(created.headers.get('location')).toBe(`/v1/repairs/${created.body.id}`);
  expect(created.headers.get('etag')).toBe('"1"');
  expect(created.body).toMatchObject({ status: 'received', version: 1, storeId, customer: { phone: '+91••••••5678' } });
  expect(created.text).not.toContain(PHONE);

  const estimate = { amount: '3499.00', currency: 'INR' };
  const done = await walk(created, [
    { status: 'diagnosing' },
    { status: 'awaiting_approval', estimate },
    { status: 'in_repair' },
    { status: 'quality_check' },
    { status: 'ready_for_pickup' },
    { status: 'completed' },
  ]);
  expect(done.body.estimate).toEqual(estimate);

  const read = await http('GET', `/v1/repairs/${created.body.id}`);
  expect(read.status).toBe(200);
  expect(read.headers.get('etag')).toBe('"7"');
  expect(read.body.history.map((e: { from: string | null; to: string }) => [e.from, e.to])).toEqual([
    [null, 'received'],
    ['received', 'diagnosing'],
    ['diagnosing', 'awaiting_approval'],
    ['awaiting_approval', 'in_repair'],
    ['in_repair', 'quality_check'],
    ['quality_check', 'ready_for_pickup'],
    ['ready_for_pickup', 'completed'],
  ]);
  expect(read.body.estimate).toEqual(estimate);

  // Terminal: a further move is refused with the allowed list (empty).
  const again = await http('POST', `/v1/repairs/${created.body.id}/status`, { body: { status: 'in_repair' }, ifMatch: '"7"' });
  expectProblem(again, 409);
  expect(again.body.type).toMatch(/\/invalid-transition$/);
  expect(again.body.allowed).toEqual([]);
});

test('mail-in lifecycle: awaiting_device → received → … → shipped → completed', async () => {
  const created = await http('POST', '/v1/repairs', { body: orderBody('mail_in') });
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ status: 'awaiting_device', promisedBy: null });

  const received = await walk(created, [{ status: 'received' }]);
  expect(typeof received.body.promisedBy).toBe('string');
  expect(Date.parse(received.body.promisedBy)).toBeGreaterThan(Date.parse(received.body.updatedAt));

  const done = await walk(received, [
    { status: 'diagnosing' },
    { status: 'in_repair' },
    { status: 'quality_check' },
    { status: 'shipped' },
    { status: 'completed' },
  ]);
  expect(done.body.promisedBy).toBe(received.body.promisedBy);
  expect(done.body.history.map((e: { to: string }) => e.to)).toEqual([
    'awaiting_device', 'received', 'diagnosing', 'in_repair', 'quality_check', 'shipped', 'completed',
  ]);

  const list = await http('GET', '/v1/repairs?status=completed');
  expect(list.status).toBe(200);
  expect(list.body.items.map((o: { id: string }) => o.id)).toContain(created.body.id);
  expect(list.text).not.toContain(PHONE);
});

test('a stale If-Match over HTTP → 412 problem+json', async () => {
  const created = await http('POST', '/v1/repairs', { body: orderBody('walk_in') });
  await walk(created, [{ status: 'diagnosing' }]);
  const stale = await http('POST', `/v1/repairs/${created.body.id}/status`, { body: { status: 'in_repair' }, ifMatch: '"1"' });
  expectProblem(stale, 412);
  const read = await http('GET', `/v1/repairs/${created.body.id}`);
  expect(read.body).toMatchObject({ status: 'diagnosing', version: 2 });
});

test('tracking: wrong last 4 → 404; right → 200 without phone or name; no key needed', async () => {
  const created = await http('POST', '/v1/repairs', { body: orderBody('walk_in') });
  const code = created.body.trackingCode as string;

  const wrong = await http('GET', `/v1/track/${code}?phoneLast4=0000`, { key: null });
  expectProblem(wrong, 404);

  const right = await http('GET', `/v1/track/${code.toLowerCase()}?phoneLast4=5678`, { key: null });
  expect(right.status).toBe(200);
  expect(right.body).toMatchObject({ trackingCode: code, status: 'received', storeName: 'Anna Nagar Service Center', promisedBy: created.body.promisedBy });
  expect(right.body.timeline).toEqual([{ at: created.body.createdAt, status: 'received' }]);
  expect(right.text).not.toContain(PHONE);
  expect(right.text).not.toContain('9812345678');
  expect(right.text).not.toContain('Meenakshi');
  expect(right.text).not.toContain('Sundaram');
  expect(right.body.customer).toBeUndefined();
});

test('GET /v1/openapi.json needs no key', async () => {
  const result = await http('GET', '/v1/openapi.json', { key: null });
  expect(result.status).toBe(200);
  expect(result.body.openapi).toMatch(/^3\.1/);
});

describe('gateway refusals are problem+json', () => {
  test.each([
    ['no key', null],
    ['an unknown key', `rt_${'x'.repeat(43)}`],
    ['a malformed key', 'abc'],
  ])('%s → 401', async (_name, key) => {
    const list = await http('GET', '/v1/repairs', { key });
    expectProblem(list, 401);
    const create = await http('POST', '/v1/repairs', { key, body: orderBody('walk_in') });
    expectProblem(create, 401);
  });

  test('a refused create writes nothing', async () => {
    const before = await http('GET', '/v1/repairs?limit=100');
    await http('POST', '/v1/repairs', { key: null, body: orderBody('walk_in') });
    const after = await http('GET', '/v1/repairs?limit=100');
    expect(after.body.items).toHaveLength(before.body.items.length);
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
