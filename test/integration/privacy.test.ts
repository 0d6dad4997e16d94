import { createHash } from 'node:crypto';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { callApi, newRepairBody } from '../support/api.js';
import { createTestStore } from '../support/stores.js';
import { scanTable } from '../support/table-items.js';
import { lambdaContext } from '../../local/api-gateway.js';
import { scheduledEvent } from '../../local/scheduler.js';
import { SCHEDULED_JOBS } from '../../functions/schedules.js';

let table: TestTable;
beforeAll(async () => {
  table = await createTestTable();
});
afterAll(() => table.drop());

const PHONE = '+919876501234';
const NAME = 'Meera Iyer';
const DAY = 86_400_000;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const erase = (storeId: string, phone: string) => callApi('DELETE', `/v1/customers/${encodeURIComponent(phone)}/personal-data`, { storeId });

function intake() {
  return newRepairBody({ customer: { name: NAME, phone: PHONE, language: 'ta', smsOptIn: true }, device: { brand: 'OPPO', model: 'F25', deviceId: `IMEI${Math.random().toString().slice(2, 14)}` } });
}

async function lifecycle(storeId: string, options: { note?: string; idempotencyKey?: string; body?: unknown } = {}) {
  const created = await callApi('POST', '/v1/repairs', {
    storeId,
    body: options.body ?? intake(),
    headers: options.idempotencyKey ? { 'Idempotency-Key': options.idempotencyKey } : {},
  });
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  for (const status of ['diagnosing', 'in_repair', 'quality_check', 'ready_for_pickup', 'completed']) {
    await callApi('POST', `/v1/repairs/${id}/status`, { storeId, body: { status, ...(status === 'in_repair' && options.note ? { note: options.note } : {}) } });
  }
  return id;
}

/** The follow-up job's real handler, run as its rule would run it at `time`: planned calls become due. */
async function runFollowUpJob(time: Date) {
  const job = SCHEDULED_JOBS.find((j) => j.name === 'followups')!;
  const { handler } = (await import('../../functions/jobs/followups.js')) as { handler: (event: ScheduledEvent, context: Context) => Promise<unknown> };
  await handler(scheduledEvent(job, time), { ...lambdaContext('followups'), getRemainingTimeInMillis: () => 300_000 });
}

test("erasure removes name and phone from the store's orders, calls, notes and idempotency records; statistics and other stores stay", async () => {
  const { storeId } = await createTestStore('Privacy Store');
  const other = await createTestStore('Other Store');
  const firstBody = intake();
  const first = await lifecycle(storeId, { note: `Customer asked to call ${PHONE} after 6 pm`, idempotencyKey: 'privacy-intake-1', body: firstBody });
  const second = await lifecycle(storeId);
  const foreign = await lifecycle(other.storeId);

  // An unanswered call whose notes hold the number: it stays among the task's earlier attempts.
  await runFollowUpJob(new Date(Date.now() + 3 * DAY + 60_000));
  const unanswered = await callApi('POST', `/v1/follow-ups/${first}-F1/outcome`, { storeId, body: { reached: false, notes: `Rang ${PHONE}, no answer` } });
  expect(unanswered.status).toBe(200);
  expect(unanswered.body.state).toBe('planned');

  const result = await erase(storeId, PHONE);
  expect(result.status).toBe(200);
  expect(result.body).toEqual({ erasedOrders: 2 });

  for (const id of [first, second]) {
    const read = await callApi('GET', `/v1/repairs/${id}`, { storeId });
    expect(read.body.customer).toEqual({ name: null, phone: null, language: 'ta', smsOptIn: false, whatsappOptIn: false });
    expect(read.body.personalDataErasedAt).toEqual(expect.any(String));
    expect(read.body.status).toBe('completed'); // the repair itself stays
    expect(read.body.history).toHaveLength(6);
  }
  const calls = (await callApi('GET', '/v1/follow-ups?state=unreachable&limit=100', { storeId })).body.items;
  expect(calls.filter((c: { orderId: string }) => [first, second].includes(c.orderId))).toHaveLength(4);

  // Nothing in the table holds the phone, its plain hash or the name, except the other store's own order.
  const items = await scanTable(table.doc, table.tableName);
  const holding = items.filter((item) => {
    const text = JSON.stringify(item);
    return text.includes(PHONE) || text.includes(PHONE.slice(1)) || text.includes(sha256(PHONE)) || text.includes(NAME);
  });
  expect(holding.map((item) => item.orderId ?? item.id ?? item.pk).every((id) => id === foreign || String(id).includes(other.storeId) || String(id).includes(foreign))).toBe(true);
  expect(holding.length).toBeGreaterThan(0);

  const foreignRead = await callApi('GET', `/v1/repairs/${foreign}`, { storeId: other.storeId });
  expect(foreignRead.body.customer.name).toBe(NAME);
  expect((await callApi('GET', `/v1/warranties/${foreignRead.body.device.deviceId}`, { storeId })).body.items).toHaveLength(1);

  // A replay of the first request after erasure answers with the order as it is now, without the name.
  const replay = await callApi('POST', '/v1/repairs', { storeId, body: firstBody, headers: { 'Idempotency-Key': 'privacy-intake-1' } });
  expect(replay.status).toBe(201);
  expect(replay.body.id).toBe(first);
  expect(replay.body.customer).toEqual({ name: null, phone: null, language: 'ta', smsOptIn: false, whatsappOptIn: false });
  const afterReplay = (await scanTable(table.doc, table.tableName)).filter((item) => JSON.stringify(item).includes(NAME));
  expect(afterReplay.map((item) => item.orderId ?? item.id)).toEqual(afterReplay.map(() => foreign));
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
