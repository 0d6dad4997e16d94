import {
  firstTimeFixPercent, followUpContribution, METRIC_COUNTERS, orderContribution, pageRatingContribution, percentileOf, reworkContribution, summarize,
  type DayAggregate, type DayContribution,
} from '../../shared/domain/metrics.js';
import type { RepairOrder } from '../../shared/domain/order.js';
import type { FollowUpTask } from '../../shared/domain/follow-up.js';
import { aggregateOrderChange, type AggregateDeps } from '../../shared/usecases/metrics.js';
import type { MetricsRepository, OrderRepository } from '../../shared/usecases/ports.js';
import { TurnaroundHistogram } from '../../shared/domain/turnaround-histogram.js';

const day = (values: Partial<DayAggregate>): DayAggregate => ({
  opened: 0, completed: 0, cancelled: 0, slaEligible: 0, slaMet: 0, reworked: 0, responses: 0, rated: 0, ratingSum: 0,
  satisfiedAnswered: 0, satisfied: 0, pageRated: 0, pageRatingSum: 0, turnaround: TurnaroundHistogram.empty(), ...values,
});

test('percentiles are nearest-rank over the samples', () => {
  const samples = [50, 10, 40, 20, 30, 100, 90, 80, 70, 60];
  expect(percentileOf(samples, 50)).toBe(50);
  expect(percentileOf(samples, 90)).toBe(90);
  expect(percentileOf([42], 90)).toBe(42);
  expect(percentileOf([], 50)).toBeNull();
});

test('a period sums its days and derives the shares', () => {
  const result = summarize('2026-11-01', '2026-11-30', [
    day({ opened: 10, completed: 6, cancelled: 1, slaEligible: 6, slaMet: 5, reworked: 1, turnaround: TurnaroundHistogram.of([45, 55, 300]) }),
    day({ opened: 5, completed: 4, slaEligible: 3, slaMet: 3, turnaround: TurnaroundHistogram.of([50, 60, 65, 4000]), responses: 3, rated: 3, ratingSum: 11, satisfiedAnswered: 2, satisfied: 1 }),
  ]);
  expect(result).toEqual({
    from: '2026-11-01',
    to: '2026-11-30',
    opened: 15,
    completed: 10,
    cancelled: 1,
    // Exact nearest rank: 60 and 4000. The histogram places the rank inside its bucket: 60 is the
    // 1st of 2 in 60–69 min (→ 62), 4000 the only one in 66–72 h (3960–4319 min → its middle, 4140).
    turnaroundMinutes: { median: 62, p90: 4140 },
    slaMetPercent: 88.9,
    firstTimeFixPercent: 90,
    csat: { meanRating: 3.67, satisfiedPercent: 50, responses: 3, calls: { meanRating: 3.67, responses: 3 }, page: { meanRating: null, responses: 0 } },
  });
});

test('customer-page ratings count in CSAT with the calls, and apart', () => {
  const rating = pageRatingContribution({ storeId: 'S1', rating: 2, at: '2026-11-21T19:30:00.000Z' }, 'Asia/Kolkata');
  // 19:30 UTC is 01:00 the next day in Kolkata.
  expect(rating).toEqual({ storeId: 'S1', day: '2026-11-22', counts: { responses: 1, rated: 1, ratingSum: 2, pageRated: 1, pageRatingSum: 2 } });
  const result = summarize('2026-11-01', '2026-11-30', [
    day({ responses: 2, rated: 2, ratingSum: 9 }), // two calls: 4 and 5
    day({ responses: 2, rated: 2, ratingSum: 6, pageRated: 2, pageRatingSum: 6 }), // two page ratings: 2 and 4
  ]);
  expect(result.csat).toEqual({ meanRating: 3.75, satisfiedPercent: null, responses: 4, calls: { meanRating: 4.5, responses: 2 }, page: { meanRating: 3, responses: 2 } });
});

const order = (overrides: Partial<RepairOrder>): RepairOrder =>
  ({
    id: 'O1', storeId: 'S1', status: 'completed', createdAt: '2026-11-21T18:00:00.000Z', updatedAt: '2026-11-21T19:30:00.000Z',
    slaStartedAt: '2026-11-21T18:00:00.000Z', promisedBy: '2026-11-21T19:00:00.000Z', slaMet: false,
    device: { brand: 'OPPO', model: 'A78', deviceId: null, purchaseDate: null }, issue: { category: 'screen', description: 'Cracked' }, ...overrides,
  }) as RepairOrder;

test("a completion counts on the store's calendar day, with turnaround from when the store had the device", () => {
  // 19:30 UTC is already the next day in Kolkata (01:00 IST).
  expect(orderContribution(order({}), 'ready_for_pickup', 'Asia/Kolkata')).toEqual({
    storeId: 'S1', day: '2026-11-22', counts: { completed: 1, slaEligible: 1, slaMet: 0 }, turnaroundMinutes: 90,
  });
  // A mailed device: the clock starts on receipt, not when the order was opened.
  const mailIn = order({ createdAt: '2026-11-18T10:00:00.000Z', slaStartedAt: '2026-11-20T10:00:00.000Z', updatedAt: '2026-11-21T10:00:00.000Z' });
  expect(orderContribution(mailIn, 'shipped', 'UTC')?.turnaroundMinutes).toBe(24 * 60);
  expect(orderContribution(order({ status: 'in_repair' }), 'diagnosing', 'UTC')).toBeNull();
  expect(orderContribution(order({ status: 'cancelled' }), 'received', 'UTC')?.counts).toEqual({ cancelled: 1 });
  expect(orderContribution(order({ status: 'received' }), null, 'Asia/Kolkata')).toEqual({ storeId: 'S1', day: '2026-11-21', counts: { opened: 1 } });
});

test('only a reached call adds a survey response; unanswered questions are not counted as answers', () => {
  const task = (outcome: FollowUpTask['outcome'], state: FollowUpTask['state'] = 'done') => ({ storeId: 'S1', state, outcome }) as FollowUpTask;
  const at = '2026-11-22T05:00:00.000Z';
  expect(followUpContribution(task({ reached: true, rating: 4, recordedAt: at }), 'UTC')?.counts).toEqual({ responses: 1, rated: 1, ratingSum: 4 });
  expect(followUpContribution(task({ reached: true, satisfied: false, recordedAt: at }), 'UTC')?.counts).toEqual({ responses: 1, satisfiedAnswered: 1, satisfied: 0 });
  expect(followUpContribution(task({ reached: false, recordedAt: at }, 'unreachable'), 'UTC')).toBeNull();
});

test('first-time fix is the share of completed repairs never reworked, within 0–100, null with nothing completed', () => {
  expect(firstTimeFixPercent(4, 1)).toBe(75);
  expect(firstTimeFixPercent(3, 0)).toBe(100);
  expect(firstTimeFixPercent(3, 3)).toBe(0);
  // More reworked repairs than completions counted in the period: 0, never negative.
  expect(firstTimeFixPercent(2, 5)).toBe(0);
  expect(firstTimeFixPercent(0, 1)).toBeNull();
  expect(summarize('2026-11-01', '2026-11-01', [day({ completed: 1, reworked: 2 })]).firstTimeFixPercent).toBe(0);
});

test('a rework counts against the completed repair it redoes, on that repair’s day and store; anything else is not a rework', () => {
  expect(reworkContribution(order({ storeId: 'S9' }), 'Asia/Kolkata')).toEqual({ storeId: 'S9', day: '2026-11-22', counts: { reworked: 1 } });
  expect(reworkContribution(order({ status: 'cancelled' }), 'UTC')).toBeNull();
  expect(reworkContribution(order({ status: 'in_repair' }), 'UTC')).toBeNull();
});

/** In memory, as the DynamoDB adapter behaves: a contribution is added once per marker. */
function memoryMetrics(): MetricsRepository & { markers: Set<string> } {
  const markers = new Set<string>();
  const days = new Map<string, DayAggregate>();
  return {
    markers,
    addOnce: async (marker: { orderId: string; tag: string }, contribution: DayContribution) => {
      const key = `${marker.orderId}#${marker.tag}`;
      if (markers.has(key)) return false;
      markers.add(key);
      const current = days.get(contribution.day) ?? day({});
      for (const [name, value] of Object.entries(contribution.counts)) current[name as (typeof METRIC_COUNTERS)[number]] += value;
      if (contribution.turnaroundMinutes !== undefined) current.turnaround.add(contribution.turnaroundMinutes);
      days.set(contribution.day, current);
      return true;
    },
    days: async (_storeId: string, from: string, to: string) => [...days].filter(([d]) => d >= from && d <= to).map(([, aggregate]) => aggregate),
  };
}

test('a repair reworked twice (one rework cancelled, then another) counts once against first-time fix', async () => {
  const metrics = memoryMetrics();
  const original = order({ id: 'ORIGINAL', version: 6 });
  const orders = { get: async (id: string) => (id === original.id ? { order: original, history: [] } : null) } as unknown as OrderRepository;
  const deps: AggregateDeps = { metrics, quality: { addOnce: async () => true, day: async () => [] }, orders, timeZoneOf: async () => 'Asia/Kolkata' };
  const rework = (id: string, overrides: Partial<RepairOrder> = {}) =>
    order({ id, status: 'received', version: 1, reworkOf: original.id, createdAt: '2026-12-01T05:00:00.000Z', updatedAt: '2026-12-01T05:00:00.000Z', ...overrides });

  await aggregateOrderChange(deps, { order: original, previousStatus: 'ready_for_pickup' });
  await aggregateOrderChange(deps, { order: rework('REWORK1'), previousStatus: null });
  await aggregateOrderChange(deps, { order: rework('REWORK1', { status: 'cancelled', version: 2 }), previousStatus: 'received' });
  await aggregateOrderChange(deps, { order: rework('REWORK2'), previousStatus: null });
  // A redelivered record adds nothing either.
  await aggregateOrderChange(deps, { order: rework('REWORK2'), previousStatus: null });

  const november = summarize('2026-11-22', '2026-11-22', await metrics.days('S1', '2026-11-22', '2026-11-22'));
  expect(november).toMatchObject({ completed: 1, firstTimeFixPercent: 0 });
  const [completionDay] = await metrics.days('S1', '2026-11-22', '2026-11-22');
  expect(completionDay?.reworked).toBe(1);
  const december = summarize('2026-12-01', '2026-12-01', await metrics.days('S1', '2026-12-01', '2026-12-01'));
  expect(december).toMatchObject({ opened: 2, cancelled: 1, completed: 0, firstTimeFixPercent: null });
});
