import fc from 'fast-check';
import { ConflictError } from '../../shared/domain/errors.js';
import {
  MAX_CALL_ATTEMPTS,
  escalationReason,
  followUpId,
  parseFollowUpId,
  planCallback,
  planFollowUps,
  recordOutcome,
  type FollowUpOutcome,
  type FollowUpState,
  type FollowUpTask,
} from '../../shared/domain/follow-up.js';
import { escalationId } from '../../shared/domain/escalation.js';
import { eraseOrderCustomer } from '../../shared/domain/privacy.js';
import { newId } from '../../shared/domain/ids.js';
import { DEFAULT_FOLLOW_UP_DAYS } from '../../shared/domain/store-settings.js';
import { errorOf } from './helpers.js';
import { ORDER_ID, TRACKING_CODE, due, notReached, reached, repairOrder } from './domain-fixtures.js';
import { STORE_ID, testStore } from './order-fixtures.js';

const COMPLETED_AT = new Date('2026-11-22T20:00:00.000Z');
const order = repairOrder();

describe('planFollowUps', () => {
  test('the built-in default is +3 and +90 days', () => {
    expect(DEFAULT_FOLLOW_UP_DAYS).toEqual([3, 90]);
    expect(testStore().followUpDays).toEqual([3, 90]);
  });

  test('plans one call per offset with the default, due exactly N×24 h after completion', () => {
    const tasks = planFollowUps(order, COMPLETED_AT, [3, 90]);
    expect(tasks).toEqual<FollowUpTask[]>([
      {
        id: `${ORDER_ID}-F1`,
        orderId: ORDER_ID,
        storeId: STORE_ID,
        trackingCode: TRACKING_CODE,
        kind: 'follow_up',
        seq: 1,
        attempt: 1,
        dueAt: '2026-11-25T20:00:00.000Z',
        state: 'planned',
        customer: { name: 'Asha Rao', phone: '+919812345678', language: 'hi' },
        device: { brand: 'OPPO', model: 'A78' },
        outcome: null,
        attempts: [],
      },
      {
        id: `${ORDER_ID}-F2`,
        orderId: ORDER_ID,
        storeId: STORE_ID,
        trackingCode: TRACKING_CODE,
        kind: 'follow_up',
        seq: 2,
        attempt: 1,
        dueAt: '2027-02-20T20:00:00.000Z',
        state: 'planned',
        customer: { name: 'Asha Rao', phone: '+919812345678', language: 'hi' },
        device: { brand: 'OPPO', model: 'A78' },
        outcome: null,
        attempts: [],
      },
    ]);
  });

  test('copies no more of the customer than the call center needs (no opt-in flag)', () => {
    const [first] = planFollowUps(order, COMPLETED_AT, [3]);
    expect(first?.customer).not.toHaveProperty('smsOptIn');
    expect(first?.device).not.toHaveProperty('deviceId');
  });

  test('no calls for a customer whose personal data was erased before completion (no number to dial)', () => {
    expect(planFollowUps(eraseOrderCustomer(order, COMPLETED_AT), COMPLETED_AT, [3, 90])).toEqual([]);
  });

  test('a store override [2, 30, 180] gives three calls', () => {
    const tasks = planFollowUps(order, COMPLETED_AT, [2, 30, 180]);
    expect(tasks.map((t) => [t.id, t.seq, t.dueAt])).toEqual([
      [`${ORDER_ID}-F1`, 1, '2026-11-24T20:00:00.000Z'],
      [`${ORDER_ID}-F2`, 2, '2026-12-22T20:00:00.000Z'],
      [`${ORDER_ID}-F3`, 3, '2027-05-21T20:00:00.000Z'],
    ]);
    expect(tasks.every((t) => t.state === 'planned' && t.attempt === 1 && t.kind === 'follow_up')).toBe(true);
  });

  test('unsorted offsets are planned in time order, and the caller’s array is left alone', () => {
    const days = Object.freeze([180, 2, 30]);
    const tasks = planFollowUps(order, COMPLETED_AT, days);
    expect(tasks.map((t) => [t.seq, t.dueAt])).toEqual([
      [1, '2026-11-24T20:00:00.000Z'],
      [2, '2026-12-22T20:00:00.000Z'],
      [3, '2027-05-21T20:00:00.000Z'],
    ]);
    expect(days).toEqual([180, 2, 30]);
  });

  test('offsets are whole 24 h periods, keeping the millisecond of completion', () => {
    const [task] = planFollowUps(order, new Date('2026-12-30T23:59:59.123Z'), [3]);
    expect(task?.dueAt).toBe('2027-01-02T23:59:59.123Z');
  });

  test('no offsets, no calls', () => {
    expect(planFollowUps(order, COMPLETED_AT, [])).toEqual([]);
  });
});

describe('planCallback', () => {
  test('is a callback due 24 h after the escalation was resolved, with the given seq', () => {
    const callback = planCallback(order, 101, new Date('2026-11-26T15:45:00.000Z'));
    expect(callback).toEqual<FollowUpTask>({
      id: `${ORDER_ID}-F101`,
      orderId: ORDER_ID,
      storeId: STORE_ID,
      trackingCode: TRACKING_CODE,
      kind: 'callback',
      seq: 101,
      attempt: 1,
      dueAt: '2026-11-27T15:45:00.000Z',
      state: 'planned',
      customer: { name: 'Asha Rao', phone: '+919812345678', language: 'hi' },
      device: { brand: 'OPPO', model: 'A78' },
      outcome: null,
      attempts: [],
    });
  });

  test('crosses month and year ends', () => {
    expect(planCallback(order, 101, new Date('2026-12-31T10:00:00.000Z')).dueAt).toBe('2027-01-01T10:00:00.000Z');
  });
});

describe('recordOutcome: calls that do not reach the customer', () => {
  const firstCall = (): FollowUpTask => {
    const [task] = planFollowUps(order, COMPLETED_AT, [3]);
    if (!task) throw new Error('no task planned');
    return due(task);
  };

  test(`attempt 1 → 2 → 3 → unreachable, each retry due 24 h after the recorded attempt (max ${MAX_CALL_ATTEMPTS})`, () => {
    expect(MAX_CALL_ATTEMPTS).toBe(3);
    const o1 = notReached('2026-11-25T20:05:00.000Z');
    const o2 = notReached('2026-11-26T21:10:30.000Z');
    const o3 = notReached('2026-11-27T09:00:00.000Z');

    const r1 = recordOutcome(firstCall(), o1);
    expect(r1.escalate).toBeNull();
    expect(r1.task).toMatchObject({ attempt: 2, state: 'planned', dueAt: '2026-11-26T20:05:00.000Z', outcome: null, attempts: [o1] });

    const r2 = recordOutcome(due(r1.task), o2);
    expect(r2.escalate).toBeNull();
    expect(r2.task).toMatchObject({ attempt: 3, state: 'planned', dueAt: '2026-11-27T21:10:30.000Z', outcome: null, attempts: [o1, o2] });

    const r3 = recordOutcome(due(r2.task), o3);
    expect(r3.escalate).toBeNull();
    expect(r3.task).toMatchObject({ attempt: 3, state: 'unreachable', outcome: o3, attempts: [o1, o2, o3] });
    // identity is kept through the retries
    expect(r3.task).toMatchObject({ id: `${ORDER_ID}-F1`, seq: 1, kind: 'follow_up', orderId: ORDER_ID });
  });

  test('the retry is due 24 h after the attempt was recorded, not after the original due time', () => {
    const late = notReached('2026-11-28T12:00:00.000Z');
    expect(recordOutcome(firstCall(), late).task.dueAt).toBe('2026-11-29T12:00:00.000Z');
  });

  test('an unreachable customer is never escalated, whatever else the form says', () => {
    const unhappy: FollowUpOutcome = { reached: false, satisfied: false, rating: 1, resolved: false, recordedAt: '2026-11-25T20:05:00.000Z' };
    let task = firstCall();
    for (let attempt = 1; attempt <= 3; attempt++) {
      const result = recordOutcome(task, { ...unhappy, recordedAt: `2026-11-2${4 + attempt}T20:05:00.000Z` });
      expect(result.escalate).toBeNull();
      task = due(result.task);
    }
    expect(task.attempts).toHaveLength(3);
  });

  test('reaching the customer on a later attempt finishes the task and keeps the missed attempts', () => {
    const o1 = notReached('2026-11-25T20:05:00.000Z');
    const retry = recordOutcome(firstCall(), o1).task;
    const answer = reached('2026-11-26T20:10:00.000Z', { satisfied: true, rating: 5, resolved: true, notes: 'all good' });
    const result = recordOutcome(due(retry), answer);
    expect(result.escalate).toBeNull();
    expect(result.task).toMatchObject({ state: 'done', attempt: 2, outcome: answer, attempts: [o1] });
  });

  test('does not change the task it was given', () => {
    const task = firstCall();
    const snapshot = structuredClone(task);
    recordOutcome(task, notReached('2026-11-25T20:05:00.000Z'));
    expect(task).toEqual(snapshot);
  });
});

describe('recordOutcome: only a due call takes an outcome', () => {
  const base = (): FollowUpTask => {
    const [task] = planFollowUps(order, COMPLETED_AT, [3]);
    if (!task) throw new Error('no task planned');
    return task;
  };

  // The brief said RuleViolationError; the domain now throws ConflictError (HTTP 409 with currentState).
  test.each<FollowUpState>(['planned', 'done', 'unreachable'])('a %s call is refused with a ConflictError naming its state', (state) => {
    const task: FollowUpTask = { ...base(), state };
    for (const outcome of [notReached('2026-11-25T20:05:00.000Z'), reached('2026-11-25T20:05:00.000Z', { satisfied: false })]) {
      const error = errorOf(() => recordOutcome(task, outcome), ConflictError);
      expect(error.currentState).toBe(state);
      expect(error.message).toContain(state);
    }
  });

  test('a task that became unreachable cannot take a fourth attempt', () => {
    let task = due(base());
    for (const at of ['2026-11-25T20:05:00.000Z', '2026-11-26T20:05:00.000Z', '2026-11-27T20:05:00.000Z']) {
      const next = recordOutcome(task, notReached(at)).task;
      task = next.state === 'planned' ? due(next) : next;
    }
    expect(task.state).toBe('unreachable');
    errorOf(() => recordOutcome(task, notReached('2026-11-28T20:05:00.000Z')), ConflictError);
  });

  test('a finished task cannot be answered twice', () => {
    const done = recordOutcome(due(base()), reached('2026-11-25T20:05:00.000Z', { satisfied: true })).task;
    expect(done.state).toBe('done');
    errorOf(() => recordOutcome(done, reached('2026-11-25T21:00:00.000Z', { satisfied: false })), ConflictError);
  });
});

describe('escalation triggers', () => {
  const AT = '2026-11-25T20:05:00.000Z';
  const dueTask = (): FollowUpTask => {
    const [task] = planFollowUps(order, COMPLETED_AT, [3]);
    if (!task) throw new Error('no task planned');
    return due(task);
  };
  const escalateFor = (answers: Omit<FollowUpOutcome, 'reached' | 'recordedAt'>) => recordOutcome(dueTask(), reached(AT, answers)).escalate;

  test.each<[string, Omit<FollowUpOutcome, 'reached' | 'recordedAt'>]>([
    ['no answers at all', {}],
    ['all good', { satisfied: true, rating: 5, resolved: true }],
    ['rating 3 alone', { rating: 3 }],
    ['rating 3, satisfied, resolved', { satisfied: true, rating: 3, resolved: true }],
    ['rating 4', { rating: 4 }],
    ['satisfied true only', { satisfied: true }],
    ['resolved true only', { resolved: true }],
    ['notes only', { notes: 'customer was in a hurry' }],
    ['engineer discourteous (not a trigger)', { satisfied: true, engineerCourteous: false }],
  ])('%s → no escalation', (_name, answers) => {
    expect(escalateFor(answers)).toBeNull();
  });

  test('not satisfied alone escalates', () => {
    expect(escalateFor({ satisfied: false })).toMatch(/satisf/i);
  });

  test('rating 2 alone escalates, and names the rating', () => {
    const reason = escalateFor({ rating: 2 });
    expect(reason).not.toBeNull();
    expect(reason).toContain('2');
  });

  test('rating 1 alone escalates', () => {
    expect(escalateFor({ rating: 1 })).toContain('1');
  });

  test('problem not resolved alone escalates', () => {
    expect(escalateFor({ resolved: false })).toMatch(/resolved/i);
  });

  test('a trigger escalates even when the other answers are good', () => {
    expect(escalateFor({ satisfied: false, rating: 5, resolved: true })).not.toBeNull();
    expect(escalateFor({ satisfied: true, rating: 2, resolved: true })).not.toBeNull();
    expect(escalateFor({ satisfied: true, rating: 5, resolved: false })).not.toBeNull();
  });

  test('combinations name every trigger', () => {
    const satisfiedReason = escalateFor({ satisfied: false }) ?? '';
    const ratingReason = escalateFor({ rating: 2 }) ?? '';
    const resolvedReason = escalateFor({ resolved: false }) ?? '';
    expect(new Set([satisfiedReason, ratingReason, resolvedReason]).size).toBe(3);

    const all = escalateFor({ satisfied: false, rating: 2, resolved: false });
    for (const part of [satisfiedReason, ratingReason, resolvedReason]) expect(all).toContain(part);

    const two = escalateFor({ satisfied: false, resolved: false });
    expect(two).toContain(satisfiedReason);
    expect(two).toContain(resolvedReason);
    expect(two).not.toContain(ratingReason);
  });

  test('the escalated task is still done, with its outcome', () => {
    const outcome = reached(AT, { satisfied: false, rating: 1, resolved: false, notes: 'screen flickers again' });
    const result = recordOutcome(dueTask(), outcome);
    expect(result.escalate).not.toBeNull();
    expect(result.task).toMatchObject({ state: 'done', outcome });
  });

  test('escalationReason agrees with recordOutcome for reached calls, for any answers', () => {
    const answers = fc.record(
      {
        satisfied: fc.boolean(),
        rating: fc.integer({ min: 1, max: 5 }),
        resolved: fc.boolean(),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(answers, (a) => {
        const expectEscalation = a.satisfied === false || (a.rating !== undefined && a.rating <= 2) || a.resolved === false;
        const fromTask = recordOutcome(dueTask(), reached(AT, a)).escalate;
        expect(fromTask !== null).toBe(expectEscalation);
        expect(escalationReason(reached(AT, a))).toBe(fromTask);
      }),
    );
  });
});

describe('follow-up ids', () => {
  test('name their order and position', () => {
    expect(followUpId(ORDER_ID, 1)).toBe(`${ORDER_ID}-F1`);
    expect(followUpId(ORDER_ID, 101)).toBe(`${ORDER_ID}-F101`);
    expect(parseFollowUpId(`${ORDER_ID}-F2`)).toEqual({ orderId: ORDER_ID, seq: 2 });
    expect(parseFollowUpId(`${ORDER_ID}-F101`)).toEqual({ orderId: ORDER_ID, seq: 101 });
  });

  test('round-trip for any ULID and seq 1–9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Date.UTC(2100, 0, 1) }), fc.integer({ min: 1, max: 9999 }), (time, seq) => {
        const orderId = newId(time);
        expect(parseFollowUpId(followUpId(orderId, seq))).toEqual({ orderId, seq });
      }),
    );
  });

  test('every planned task’s id parses back to its order and seq', () => {
    for (const task of [...planFollowUps(order, COMPLETED_AT, [2, 30, 180]), planCallback(order, 101, COMPLETED_AT)]) {
      expect(parseFollowUpId(task.id)).toEqual({ orderId: task.orderId, seq: task.seq });
    }
  });

  test.each([
    '',
    'garbage',
    ORDER_ID,
    `${ORDER_ID}-F`,
    `${ORDER_ID}-Fx`,
    `${ORDER_ID}-F-1`,
    `${ORDER_ID}-F1.5`,
    `${ORDER_ID}-F10000`,
    `${ORDER_ID}-F0`,
    `${ORDER_ID}-F01`,
    `${ORDER_ID}-f1`,
    `${ORDER_ID}-F1 `,
    ` ${ORDER_ID}-F1`,
    `${ORDER_ID}-F1/../x`,
    `x${ORDER_ID}-F1`,
    `${ORDER_ID.slice(1)}-F1`,
    `${ORDER_ID.toLowerCase()}-F1`,
    '01JDTESTORDER0000000000000-F1', // 'O' is not Crockford base32
    '01JDFQ8Z3M4N5P6R7S8T9VWXYI-F1', // nor is 'I'
    escalationId(ORDER_ID, 1),
  ])('%p → null', (id) => {
    expect(parseFollowUpId(id)).toBeNull();
  });
});
