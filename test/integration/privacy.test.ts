import { createHash } from 'node:crypto';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { callApi, newRepairBody } from '../support/api.js';
import { createTestStore } from '../support/stores.js';
import { scanTable } from '../support/table-items.js';

let table: TestTable;
beforeAll(async () => {
  table = await createTestTable();
});
afterAll(() => table.drop());

const PHONE = '+919876501234';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const erase = (storeId: string, phone: string) => callApi('DELETE', `/v1/customers/${encodeURIComponent(phone)}/personal-data`, { storeId });

async function lifecycle(storeId: string, note?: string) {
  const created = await callApi('POST', '/v1/repairs', {
    storeId,
    body: newRepairBody({ customer: { name: 'Meera Iyer', phone: PHONE, language: 'ta', smsOptIn: true }, device: { brand: 'OPPO', model: 'F25', deviceId: `IMEI${Math.random().toString().slice(2, 14)}` } }),
  });
  const id = created.body.id as string;
  for (const status of ['diagnosing', 'in_repair', 'quality_check', 'ready_for_pickup', 'completed']) {
    await callApi('POST', `/v1/repairs/${id}/status`, { storeId, body: { status, ...(status === 'in_repair' && note ? { note } : {}) } });
  }
  return id;
}

test("erasure removes name and phone from the store's orders, calls and notes; statistics and other stores stay", async () => {
  const { storeId } = await createTestStore('Privacy Store');
  const other = await createTestStore('Other Store');
  const first = await lifecycle(storeId, `Customer asked to call ${PHONE} after 6 pm`);
  const second = await lifecycle(storeId);
  const foreign = await lifecycle(other.storeId);

  const result = await erase(storeId, PHONE);
  expect(result.status).toBe(200);
  expect(result.body).toEqual({ erasedOrders: 2 });

  for (const id of [first, second]) {
    const read = await callApi('GET', `/v1/repairs/${id}`, { storeId });
    expect(read.body.customer).toEqual({ name: null, phone: null, language: 'ta', smsOptIn: false });
    expect(read.body.personalDataErasedAt).toEqual(expect.any(String));
    expect(read.body.status).toBe('completed'); // the repair itself stays
    expect(read.body.history).toHaveLength(6);
  }
  const calls = (await callApi('GET', '/v1/follow-ups?state=unreachable&limit=100', { storeId })).body.items;
  expect(calls.filter((c: { orderId: string }) => [first, second].includes(c.orderId))).toHaveLength(4);

  // Nothing in the table holds the phone or its plain hash, except the other store's own order.
  const items = await scanTable(table.doc, table.tableName);
  const holding = items.filter((item) => {
    const text = JSON.stringify(item);
    return text.includes(PHONE) || text.includes(PHONE.slice(1)) || text.includes(sha256(PHONE));
  });
  expect(holding.map((item) => item.orderId ?? item.id ?? item.pk).every((id) => id === foreign || String(id).includes(other.storeId) || String(id).includes(foreign))).toBe(true);
  expect(holding.length).toBeGreaterThan(0);

  const foreignRead = await callApi('GET', `/v1/repairs/${foreign}`, { storeId: other.storeId });
  expect(foreignRead.body.customer.name).toBe('Meera Iyer');
  expect((await callApi('GET', `/v1/warranties/${foreignRead.body.device.deviceId}`, { storeId })).body.items).toHaveLength(1);
});

test('erasure is idempotent and the tracking page no longer opens with the old digits', async () => {
  const { storeId } = await createTestStore('Idempotent Store');
  const id = await lifecycle(storeId);
  const { trackingCode } = (await callApi('GET', `/v1/repairs/${id}`, { storeId })).body;

  expect((await erase(storeId, PHONE)).body).toEqual({ erasedOrders: 1 });
  expect((await erase(storeId, PHONE)).body).toEqual({ erasedOrders: 0 });
  expect((await callApi('GET', `/v1/track/${trackingCode}?phoneLast4=1234`)).status).toBe(404);
});

test('a phone that is not E.164 is a 400 naming the phone; unknown numbers erase nothing', async () => {
  const { storeId } = await createTestStore('Validation Store');
  const bad = await erase(storeId, '98765');
  expect(bad.status).toBe(400);
  expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'phone' })]);
  expect((await erase(storeId, '+14155550000')).body).toEqual({ erasedOrders: 0 });
});

test('handler log lines are captured in every test file and none holds a phone number', () => {
  const lines = (globalThis as { capturedLogLines?: string[] }).capturedLogLines ?? [];
  expect(lines.length).toBeGreaterThan(0);
  expect(lines.filter((line) => /\+[1-9]\d{6,14}/.test(line))).toEqual([]);
});
