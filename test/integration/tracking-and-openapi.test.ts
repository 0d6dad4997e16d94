/**
 * The two public routes: customer tracking (no personal data, code + last 4 digits required)
 * and the OpenAPI document.
 */
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { callApi, newRepairBody, type ApiResult } from '../support/api.js';
import { createTestStore } from '../support/stores.js';
import { API_ROUTES } from '../../functions/routes.js';

const NAME = 'Zephyrine Quillfeather';
const PHONE = '+919876504321';
const STORE_NAME = 'Koramangala Service Point';

let table: TestTable;
let storeId: string;
let order: { id: string; trackingCode: string; promisedBy: string };

beforeAll(async () => {
  table = await createTestTable();
  ({ storeId } = await createTestStore(STORE_NAME));
  const created = await callApi('POST', '/v1/repairs', {
    storeId,
    body: newRepairBody({ customer: { name: NAME, phone: PHONE, language: 'ta', smsOptIn: true } }),
  });
  expect(created.status).toBe(201);
  order = created.body;
  const moved = await callApi('POST', `/v1/repairs/${order.id}/status`, { storeId, body: { status: 'diagnosing', note: `Called ${NAME} on ${PHONE}` } });
  expect(moved.status).toBe(200);
});
afterAll(() => table.drop());

const track = (code: string, query = '?phoneLast4=4321') => callApi('GET', `/v1/track/${encodeURIComponent(code)}${query}`);

function expectNotFound(result: ApiResult) {
  expect(result.status).toBe(404);
  expect(result.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(result.body.type).toMatch(/\/not-found$/);
  expect(JSON.stringify(result.body)).not.toContain('diagnosing');
}

describe('GET /v1/track/{code}', () => {
  test('right code and last 4 → 200 with status, timeline, store name, promisedBy; no auth needed', async () => {
    const result = await track(order.trackingCode);
    expect(result.status).toBe(200);
    expect(result.headers['content-type']).toMatch(/^application\/json/);
    expect(result.body).toMatchObject({
      trackingCode: order.trackingCode,
      status: 'diagnosing',
      storeName: STORE_NAME,
      promisedBy: order.promisedBy,
    });
    expect(result.body.timeline).toEqual([
      { at: expect.any(String), status: 'received' },
      { at: expect.any(String), status: 'diagnosing' },
    ]);
  });

  test('the tracking view carries no personal data', async () => {
    const result = await track(order.trackingCode);
    expect(result.status).toBe(200);
    const text = JSON.stringify(result.body);
    expect(text).not.toContain(PHONE);
    expect(text).not.toContain('9876504321');
    expect(text).not.toContain('••');
    expect(text).not.toContain('Zephyrine');
    expect(text).not.toContain('Quillfeather');
    expect(result.body.customer).toBeUndefined();
    expect(result.body.phone).toBeUndefined();
    // Notes are written by staff and may quote the customer: they stay out of the public view.
    expect(text).not.toContain('Called');
  });

  test('wrong last 4 → 404', async () => {
    expectNotFound(await track(order.trackingCode, '?phoneLast4=1234'));
  });

  test('wrong last 4 and unknown code answer alike', async () => {
    const wrongDigits = await track(order.trackingCode, '?phoneLast4=1234');
    const unknown = await track('ZZZ-ZZZZ-ZZZ');
    expect({ ...wrongDigits.body, detail: undefined, instance: undefined }).toEqual({ ...unknown.body, detail: undefined, instance: undefined });
  });

  test.each(['ZZZ-ZZZZ-ZZZ', '222-2222-222', 'NOT-A-CODE', 'abc'])('unknown code %p → 404', async (code) => {
    expectNotFound(await track(code));
  });

  test.each([
    ['lower case', (c: string) => c.toLowerCase()],
    ['without dashes', (c: string) => c.replace(/-/g, '')],
    ['lower case without dashes', (c: string) => c.replace(/-/g, '').toLowerCase()],
  ])('code typed in %s is accepted', async (_name, typed) => {
    const result = await track(typed(order.trackingCode));
    expect(result.status).toBe(200);
    expect(result.body.trackingCode).toBe(order.trackingCode);
  });

  test.each([
    ['missing phoneLast4', ''],
    ['phoneLast4 with letters', '?phoneLast4=43a1'],
    ['phoneLast4 with 3 digits', '?phoneLast4=321'],
    ['phoneLast4 with 5 digits', '?phoneLast4=04321'],
  ])('%s → 400 naming phoneLast4', async (_name, query) => {
    const result = await track(order.trackingCode, query);
    expect(result.status).toBe(400);
    expect(result.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((result.body.errors as { path: string }[]).map((e) => e.path)).toContain('phoneLast4');
  });
});

describe('GET /v1/openapi.json', () => {
  test('→ 200, OpenAPI 3.1, every route of functions/routes.ts with its method', async () => {
    const result = await callApi('GET', '/v1/openapi.json');
    expect(result.status).toBe(200);
    expect(result.headers['content-type']).toMatch(/^application\/json/);
    const doc = result.body as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi.startsWith('3.1')).toBe(true);
    expect(API_ROUTES.length).toBeGreaterThan(0);
    for (const route of API_ROUTES) {
      expect(Object.keys(doc.paths)).toContain(route.path);
      expect(Object.keys(doc.paths[route.path] ?? {})).toContain(route.method.toLowerCase());
    }
  });

  test('public routes declare no security; store routes the store key; network routes the network key with their scope', async () => {
    const result = await callApi('GET', '/v1/openapi.json');
    const doc = result.body as { security?: unknown[]; paths: Record<string, Record<string, { security?: unknown[] }>> };
    expect(doc.security).toEqual([{ storeApiKey: [] }]);
    for (const route of API_ROUTES) {
      const operation = doc.paths[route.path]?.[route.method.toLowerCase()];
      if (route.access === 'public') expect(operation?.security).toEqual([]);
      else if (route.access === 'store') expect(operation?.security).toBeUndefined();
      else expect(operation?.security).toEqual([{ networkApiKey: [route.access.network] }]);
    }
  });
});

describe('the OpenAPI document declares what the handlers answer', () => {
  type Doc = {
    paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    components: { schemas: Record<string, { properties: Record<string, unknown>; required?: string[] }> };
  };
  let doc: Doc;
  beforeAll(async () => {
    doc = (await callApi('GET', '/v1/openapi.json')).body as Doc;
  });

  test.each([
    ['/v1/repairs', 'post'],
    ['/v1/warranties', 'post'],
  ])('%s %s (Idempotency-Key): 409 while the first request runs, 422 for the key with another body', (path, method) => {
    expect(Object.keys(doc.paths[path]?.[method]?.responses ?? {})).toEqual(expect.arrayContaining(['201', '400', '409', '413', '422']));
  });

  test('every route may answer 429 (gateway throttling, usage plans, the firewall), and every store route 401 and 403', () => {
    for (const route of API_ROUTES) {
      const statuses = Object.keys(doc.paths[route.path]?.[route.method.toLowerCase()]?.responses ?? {});
      expect(statuses).toContain('429');
      if (route.access !== 'public') expect(statuses).toEqual(expect.arrayContaining(['401', '403']));
    }
  });

  test('every route with a body may answer 413', () => {
    for (const route of API_ROUTES.filter((r) => r.method === 'POST' || r.method === 'PATCH')) {
      expect(Object.keys(doc.paths[route.path]?.[route.method.toLowerCase()]?.responses ?? {})).toContain('413');
    }
  });

  test('Problem names every extension member the handlers send', () => {
    expect(Object.keys(doc.components.schemas.Problem?.properties ?? {})).toEqual(
      expect.arrayContaining(['type', 'title', 'status', 'detail', 'instance', 'errors', 'currentStatus', 'requestedStatus', 'allowed', 'currentVersion', 'currentState']),
    );
  });

  test('RepairOrder names slaStartedAt and personalDataErasedAt, and allows an erased (null) name and phone', () => {
    const order = doc.components.schemas.RepairOrder!;
    expect(order.required).toEqual(expect.arrayContaining(['slaStartedAt', 'personalDataErasedAt']));
    const customer = order.properties.customer as { properties: Record<string, { type: unknown }> };
    expect(customer.properties.name?.type).toEqual(['string', 'null']);
    expect(customer.properties.phone?.type).toEqual(['string', 'null']);
  });
});
