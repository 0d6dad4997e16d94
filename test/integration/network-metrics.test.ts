/**
 * The league table against a brute-force computation over the same orders: several stores and
 * days, counted by the aggregator's own use case into DynamoDB Local, read back through the real
 * handler. The network's median and p90 are over every store's repairs together; they come from
 * the days' turnaround histograms, so each must lie in the bucket of the exact nearest-rank value.
 */
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { callApi } from '../support/api.js';
import { createTestStore } from '../support/stores.js';
import { open } from '../unit/order-fixtures.js';
import { localDate } from '../../shared/domain/calendar.js';
import type { RepairOrder } from '../../shared/domain/order.js';
import type { Principal } from '../../shared/domain/access.js';
import { turnaroundBucket } from '../../shared/domain/turnaround-histogram.js';

const hq: Principal = { kind: 'network', keyId: 'key_insights', scopes: ['insights:read'] };
const ZONE = 'Asia/Kolkata';
const DAY = 86_400_000;
const FROM = '2026-06-02';
const TO = '2026-06-04';

let table: TestTable;
const stores: { id: string; name: string }[] = [];
const orders: { order: RepairOrder; completed: RepairOrder | null }[] = [];

/** Deterministic pseudo-random numbers, so a failure reproduces. */
function lcg(seed: number) {
  let state = seed;
  return () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

beforeAll(async () => {
  table = await createTestTable();
  const { aggregateOrderChange } = await import('../../shared/usecases/metrics.js');
  const { metrics, orders: orderRepository } = await import('../../shared/store/container.js');
  const { quality } = await import('../../shared/store/network-container.js');
  const deps = { metrics, quality, orders: orderRepository, timeZoneOf: async () => ZONE };
  const random = lcg(17);
  // Three stores of different sizes and speeds; orders over five days, the first and last outside the period.
  for (const [k, name] of ['Fast Store', 'Busy Store', 'Slow Store'].entries()) {
    const { storeId } = await createTestStore(name);
    stores.push({ id: storeId, name });
    const count = [6, 14, 4][k]!;
    for (let i = 0; i < count; i++) {
      const createdAt = new Date(Date.parse('2026-06-01T04:30:00Z') + Math.floor(random() * 5) * DAY + Math.floor(random() * 8) * 3_600_000);
      const order = { ...open('walk_in', createdAt), id: `LEAGUE${k}${String(i).padStart(3, '0')}`, storeId };
      await aggregateOrderChange(deps, { order, previousStatus: null });
      let completed: RepairOrder | null = null;
      if (random() < 0.8) {
        const minutes = Math.round((k + 1) * 60 + random() * 600 * (k + 1));
        completed = { ...order, status: 'completed', version: 2, updatedAt: new Date(createdAt.getTime() + minutes * 60_000).toISOString(), slaMet: random() < 0.7 };
        await aggregateOrderChange(deps, { order: completed, previousStatus: 'ready_for_pickup' });
      }
      orders.push({ order, completed });
    }
  }
});
afterAll(async () => {
  await table.drop();
});

/** Nearest-rank percentile, written again here on purpose. */
const nearestRank = (values: number[], p: number) => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil((p / 100) * sorted.length) - 1]!;
};
const inPeriod = (iso: string) => {
  const day = localDate(new Date(iso), ZONE);
  return day >= FROM && day <= TO;
};

/** The documented bound: in the same histogram bucket as the exact value (less than a bucket's width off). */
expect.extend({
  inBucketOf(actual: unknown, exact: number) {
    const bucket = turnaroundBucket(exact);
    const pass = typeof actual === 'number' && turnaroundBucket(actual).index === bucket.index;
    return { pass, message: () => `expected ${String(actual)} in the bucket [${bucket.from}, ${bucket.to ?? '∞'}) of the exact ${exact}` };
  },
});
const withinBucketOf = (exact: number | null) => (exact === null ? null : (expect as unknown as { inBucketOf(exact: number): unknown }).inBucketOf(exact));

function bruteForce(storeIds: string[]) {
  const mine = orders.filter(({ order }) => storeIds.includes(order.storeId));
  const done = mine.flatMap(({ completed }) => (completed && inPeriod(completed.updatedAt) ? [completed] : []));
  const turnaround = done.map((o) => Math.round((Date.parse(o.updatedAt) - Date.parse(o.slaStartedAt ?? o.createdAt)) / 60_000));
  const met = done.filter((o) => o.slaMet).length;
  return {
    opened: mine.filter(({ order }) => inPeriod(order.createdAt)).length,
    completed: done.length,
    turnaroundMinutes: { median: withinBucketOf(nearestRank(turnaround, 50)), p90: withinBucketOf(nearestRank(turnaround, 90)) },
    slaMetPercent: done.length ? Math.round((met / done.length) * 1000) / 10 : null,
  };
}

test('every store and the network match a brute-force count over the same orders', async () => {
  const result = await callApi('GET', `/v1/network/metrics?from=${FROM}&to=${TO}&limit=10`, { principal: hq });
  expect(result.status).toBe(200);
  expect(result.body.stores).toHaveLength(3);
  for (const row of result.body.stores) {
    expect({ storeId: row.storeId, ...row }).toMatchObject({ storeId: row.storeId, storeName: stores.find((s) => s.id === row.storeId)!.name, ...bruteForce([row.storeId]) });
  }
  const network = bruteForce(stores.map((s) => s.id));
  expect(result.body.network).toMatchObject(network);
  // Not an average of the stores' medians (the data makes the two differ).
  const medians = result.body.stores.map((row: { turnaroundMinutes: { median: number } }) => row.turnaroundMinutes.median);
  expect(result.body.network.turnaroundMinutes.median).not.toBe(medians.reduce((a: number, b: number) => a + b, 0) / medians.length);
  // Default sort: most completed first.
  const completed = result.body.stores.map((row: { completed: number }) => row.completed);
  expect(completed).toEqual([...completed].sort((a, b) => b - a));
});

test('sorted by any KPI, paged with a cursor', async () => {
  const first = await callApi('GET', `/v1/network/metrics?from=${FROM}&to=${TO}&sort=turnaroundMedian&limit=2`, { principal: hq });
  expect(first.status).toBe(200);
  expect(first.body.stores).toHaveLength(2);
  expect(first.body.nextCursor).toEqual(expect.any(String));
  const second = await callApi('GET', `/v1/network/metrics?from=${FROM}&to=${TO}&sort=turnaroundMedian&limit=2&cursor=${first.body.nextCursor}`, { principal: hq });
  expect(second.body.stores).toHaveLength(1);
  expect(second.body.nextCursor).toBeNull();
  const medians = [...first.body.stores, ...second.body.stores].map((row: { turnaroundMinutes: { median: number } }) => row.turnaroundMinutes.median);
  expect(medians).toEqual([...medians].sort((a, b) => a - b));
  expect(new Set([...first.body.stores, ...second.body.stores].map((row: { storeId: string }) => row.storeId)).size).toBe(3);
  expect(second.body.network).toEqual(first.body.network);
  const descending = await callApi('GET', `/v1/network/metrics?from=${FROM}&to=${TO}&sort=-turnaroundMedian`, { principal: hq });
  expect(descending.body.stores.map((row: { turnaroundMinutes: { median: number } }) => row.turnaroundMinutes.median)).toEqual([...medians].reverse());
});

test('bad input names the field; the store key and other scopes are refused', async () => {
  const fieldsOf = async (query: string) => {
    const result = await callApi('GET', `/v1/network/metrics?${query}`, { principal: hq });
    expect(result.status).toBe(400);
    return result.body.errors.map((e: { path: string }) => e.path);
  };
  expect(await fieldsOf(`from=${TO}&to=${FROM}`)).toEqual(['to']);
  expect(await fieldsOf('from=2025-01-01&to=2026-06-01')).toEqual(['to']);
  expect(await fieldsOf(`from=${FROM}&to=${TO}&sort=revenue`)).toEqual(['sort']);
  expect(await fieldsOf(`from=${FROM}&to=${TO}&cursor=bm9wZQ`)).toEqual(['cursor']);
  expect((await callApi('GET', `/v1/network/metrics?from=${FROM}&to=${TO}`, { principal: { kind: 'network', keyId: 'k', scopes: ['stores:read'] } })).status).toBe(403);
});
