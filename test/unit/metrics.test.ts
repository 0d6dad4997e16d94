import { followUpContribution, orderContribution, percentileOf, summarize, type DayAggregate } from '../../shared/domain/metrics.js';
import type { RepairOrder } from '../../shared/domain/order.js';
import type { FollowUpTask } from '../../shared/domain/follow-up.js';

const day = (values: Partial<DayAggregate>): DayAggregate => ({
  opened: 0, completed: 0, cancelled: 0, slaEligible: 0, slaMet: 0, reworked: 0, responses: 0, rated: 0, ratingSum: 0,
  satisfiedAnswered: 0, satisfied: 0, turnaroundMinutes: [], ...values,
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
    day({ opened: 10, completed: 6, cancelled: 1, slaEligible: 6, slaMet: 5, reworked: 1, turnaroundMinutes: [45, 55, 300] }),
    day({ opened: 5, completed: 4, slaEligible: 3, slaMet: 3, turnaroundMinutes: [50, 60, 65, 4000], responses: 3, rated: 3, ratingSum: 11, satisfiedAnswered: 2, satisfied: 1 }),
  ]);
  expect(result).toEqual({
    from: '2026-11-01',
    to: '2026-11-30',
    opened: 15,
    completed: 10,
    cancelled: 1,
    turnaroundMinutes: { median: 60, p90: 4000 },
    slaMetPercent: 88.9,
    firstTimeFixPercent: 90,
    csat: { meanRating: 3.67, satisfiedPercent: 50, responses: 3 },
  });
});

const order = (overrides: Partial<RepairOrder>): RepairOrder =>
  ({
    id: 'O1', storeId: 'S1', status: 'completed', createdAt: '2026-11-21T18:00:00.000Z', updatedAt: '2026-11-21T19:30:00.000Z',
    slaStartedAt: '2026-11-21T18:00:00.000Z', promisedBy: '2026-11-21T19:00:00.000Z', slaMet: false, ...overrides,
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
