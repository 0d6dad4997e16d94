import { jest } from '@jest/globals';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent, ScheduledEvent } from 'aws-lambda';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { callApi, newRepairBody } from '../support/api.js';
import { createTestStore } from '../support/stores.js';
import { streamReader } from '../support/stream.js';
import { lambdaContext } from '../../local/api-gateway.js';
import { scheduledEvent } from '../../local/scheduler.js';
import { SCHEDULED_JOBS } from '../../functions/schedules.js';
import { localDate, zonedInstant } from '../../shared/domain/calendar.js';
import { REWORKED_TAG } from '../../shared/usecases/metrics.js';
import { orderPartition } from '../support/table-items.js';

type StreamHandler = (event: DynamoDBStreamEvent, context: Context) => Promise<DynamoDBBatchResponse>;
type JobHandler = (event: ScheduledEvent, context: Context) => Promise<unknown>;

let table: TestTable;
let stream: Awaited<ReturnType<typeof streamReader>>;
let aggregator: StreamHandler;
let followUpsJob: JobHandler;
const DAY = 86_400_000;
const MINUTE = 60_000;

beforeAll(async () => {
  table = await createTestTable();
  aggregator = ((await import('../../functions/aggregator.js')) as unknown as { handler: StreamHandler }).handler;
  followUpsJob = ((await import('../../functions/jobs/followups.js')) as unknown as { handler: JobHandler }).handler;
  stream = await streamReader(table.tableName);
});
afterAll(async () => {
  await stream.stop();
  await table.drop();
});
afterEach(() => jest.useRealTimers());

/** The handlers' clock (only Date: timers and the SDK's own waits run as usual), set to `at`. */
function clockAt(at: number): void {
  jest.useFakeTimers({ doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] });
  jest.setSystemTime(at);
}

const move = async (storeId: string, id: string, ...statuses: string[]) => {
  for (const status of statuses) {
    const body = status === 'cancelled' ? { status, reason: 'Customer changed their mind' } : { status };
    expect((await callApi('POST', `/v1/repairs/${id}/status`, { storeId, body })).status).toBe(200);
  }
};
const open = async (storeId: string, deviceId: string) =>
  (await callApi('POST', '/v1/repairs', { storeId, body: newRepairBody({ device: { brand: 'OPPO', model: 'A78', deviceId } }) })).body.id as string;
const deliverTwice = async (records: DynamoDBRecord[]) => {
  const first = await aggregator({ Records: records }, lambdaContext('aggregator'));
  const second = await aggregator({ Records: records }, lambdaContext('aggregator'));
  expect(first.batchItemFailures).toEqual([]);
  expect(second.batchItemFailures).toEqual([]);
};

test('KPIs come from daily aggregates kept by the stream, each change counted once; erasing a customer leaves them as they were', async () => {
  // 09:30 today in the store's zone: everything below happens on one calendar day there.
  const today = localDate(new Date(), 'Asia/Kolkata');
  const opening = zonedInstant(today, 9 * 60 + 30, 'Asia/Kolkata').getTime();
  clockAt(opening);
  const { storeId } = await createTestStore('Metrics Store');
  const other = await createTestStore('Other Store');
  const [a, b, c, d] = [await open(storeId, 'DEVA00001'), await open(storeId, 'DEVB00001'), await open(storeId, 'DEVC00001'), await open(storeId, 'DEVD00001')];
  // Known turnarounds, both within the 60-minute walk-in promise: A in 40 minutes, B in 55.
  clockAt(opening + 40 * MINUTE);
  await move(storeId, a, 'diagnosing', 'in_repair', 'quality_check', 'ready_for_pickup', 'completed');
  clockAt(opening + 55 * MINUTE);
  await move(storeId, b, 'diagnosing', 'in_repair', 'quality_check', 'shipped', 'completed');
  await move(storeId, c, 'cancelled');
  // A's device comes back to another store under its repair warranty: a rework against A.
  const rework = await callApi('POST', '/v1/repairs', { storeId: other.storeId, body: newRepairBody({ device: { brand: 'OPPO', model: 'A78', deviceId: 'DEVA00001' } }) });
  expect(rework.body.reworkOf).toBe(a);
  await deliverTwice(await stream.next());
  // The repair counts as redone for good: a second rework months later must not count again.
  const reworked = (await orderPartition(table.doc, table.tableName, a)).find((item) => item.sk === `AGG#${REWORKED_TAG}`);
  expect(reworked).toBeDefined();
  expect(reworked).not.toHaveProperty('expiresAt');

  // Follow-up calls: A's customer is happy (5), B's is not (2).
  const job = SCHEDULED_JOBS.find((j) => j.name === 'followups')!;
  await followUpsJob(scheduledEvent(job, new Date(opening + 55 * MINUTE + 3 * DAY + MINUTE)), { ...lambdaContext('followups'), getRemainingTimeInMillis: () => 300_000 });
  await callApi('POST', `/v1/follow-ups/${a}-F1/outcome`, { storeId, body: { reached: true, satisfied: true, rating: 5 } });
  await callApi('POST', `/v1/follow-ups/${b}-F1/outcome`, { storeId, body: { reached: true, satisfied: false, rating: 2, resolved: true } });
  await deliverTwice(await stream.next());

  const result = await callApi('GET', `/v1/metrics?from=${today}&to=${today}`, { storeId });
  expect(result.status).toBe(200);
  expect(result.body).toEqual({
    from: today,
    to: today,
    opened: 4,
    completed: 2,
    cancelled: 1,
    // Nearest rank over [40, 55]: the median is the 1st sample, p90 the 2nd — each alone in its
    // 10-minute bucket (40–49, 50–59), so each reads as its bucket's middle.
    turnaroundMinutes: { median: 45, p90: 55 },
    slaMetPercent: 100,
    firstTimeFixPercent: 50,
    csat: { meanRating: 3.5, satisfiedPercent: 50, responses: 2, calls: { meanRating: 3.5, responses: 2 }, page: { meanRating: null, responses: 0 } },
  });
  expect(d).toEqual(expect.any(String));

  const otherStore = await callApi('GET', `/v1/metrics?from=${today}&to=${today}`, { storeId: other.storeId });
  expect(otherStore.body).toMatchObject({ opened: 1, completed: 0, firstTimeFixPercent: null, slaMetPercent: null, csat: { meanRating: null, responses: 0 } });

  // The customer (the same phone on all four orders) asks to be forgotten: the statistics stay.
  const erased = await callApi('DELETE', `/v1/customers/${encodeURIComponent(newRepairBody().customer.phone)}/personal-data`, { storeId });
  expect(erased.body).toEqual({ erasedOrders: 4 });
  await deliverTwice(await stream.next());
  expect((await callApi('GET', `/v1/metrics?from=${today}&to=${today}`, { storeId })).body).toEqual(result.body);
  expect((await callApi('GET', `/v1/metrics?from=${today}&to=${today}`, { storeId: other.storeId })).body).toEqual(otherStore.body);
});

test('a period without activity has zero counts and null shares', async () => {
  const { storeId } = await createTestStore('Quiet Store');
  const result = await callApi('GET', '/v1/metrics?from=2026-01-01&to=2026-01-31', { storeId });
  expect(result.body).toEqual({
    from: '2026-01-01', to: '2026-01-31', opened: 0, completed: 0, cancelled: 0,
    turnaroundMinutes: { median: null, p90: null }, slaMetPercent: null, firstTimeFixPercent: null,
    csat: { meanRating: null, satisfiedPercent: null, responses: 0, calls: { meanRating: null, responses: 0 }, page: { meanRating: null, responses: 0 } },
  });
});

test.each([
  ['from=2026-02-30&to=2026-03-01', 'from'],
  ['from=2026-03-01', 'to'],
  ['from=2026-03-02&to=2026-03-01', 'to'],
  ['from=2025-01-01&to=2026-03-01', 'to'],
  ['from=2026-03-01&to=2026-03-02&store=x', 'store'],
])('bad periods are a 400 naming the field: %s', async (query, field) => {
  const { storeId } = await createTestStore('Bad Period Store');
  const result = await callApi('GET', `/v1/metrics?${query}`, { storeId });
  expect(result.status).toBe(400);
  expect(result.body.errors.map((e: { path: string }) => e.path)).toContain(field);
});
