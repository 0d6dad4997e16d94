import fc from 'fast-check';
import { moveOrder, type RepairOrder } from '../../shared/domain/order.js';
import { AT_RISK_FRACTION, atRiskAt, nextSlaCheck, slaFlagAt, slaMet, type SlaClock, type SlaFlag } from '../../shared/domain/sla-watch.js';
import type { RepairStatus } from '../../shared/domain/status.js';
import { open, testStore } from './order-fixtures.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const iso = (date: Date | null) => date?.toISOString() ?? null;
const at = (value: string) => new Date(value);

/** A screen walk-in opened at 09:50Z: the default 60-minute promise. */
const WALK_IN: SlaClock = { startedAt: '2026-11-22T09:50:00.000Z', promisedBy: '2026-11-22T10:50:00.000Z' };

test('an order is at risk once three quarters of its time has passed', () => {
  expect(AT_RISK_FRACTION).toBe(0.75);
});

describe('a 60-minute walk-in clock', () => {
  test('is at risk from +45 min', () => {
    expect(iso(atRiskAt(WALK_IN))).toBe('2026-11-22T10:35:00.000Z');
  });

  test.each<[string, SlaFlag | null]>([
    ['2026-11-22T09:40:00.000Z', null], // before the clock even started
    ['2026-11-22T09:50:00.000Z', null],
    ['2026-11-22T10:20:00.000Z', null],
    ['2026-11-22T10:34:59.999Z', null],
    ['2026-11-22T10:35:00.000Z', 'at_risk'],
    ['2026-11-22T10:42:00.000Z', 'at_risk'],
    ['2026-11-22T10:49:59.999Z', 'at_risk'],
    ['2026-11-22T10:50:00.000Z', 'breached'],
    ['2026-11-22T10:50:00.001Z', 'breached'],
    ['2026-11-23T10:50:00.000Z', 'breached'],
  ])('at %s the flag is %p', (now, expected) => {
    expect(slaFlagAt(WALK_IN, at(now))).toBe(expected);
  });
});

describe('other promises', () => {
  test.each<[string, SlaClock, string]>([
    ['240-minute walk-in', { startedAt: '2026-11-22T09:50:00.000Z', promisedBy: '2026-11-22T13:50:00.000Z' }, '2026-11-22T12:50:00.000Z'],
    ['24 h on-site', { startedAt: '2026-11-22T09:50:00.000Z', promisedBy: '2026-11-23T09:50:00.000Z' }, '2026-11-23T03:50:00.000Z'],
    ['72 h mail-in, from receipt', { startedAt: '2026-11-20T06:00:00.000Z', promisedBy: '2026-11-23T06:00:00.000Z' }, '2026-11-22T12:00:00.000Z'],
    ['72 h across a month end', { startedAt: '2026-11-29T18:00:00.000Z', promisedBy: '2026-12-02T18:00:00.000Z' }, '2026-12-02T00:00:00.000Z'],
  ])('%s is at risk at %s', (_name, clock, expected) => {
    expect(iso(atRiskAt(clock))).toBe(expected);
    expect(slaFlagAt(clock, new Date(Date.parse(expected) - 1))).toBeNull();
    expect(slaFlagAt(clock, at(expected))).toBe('at_risk');
    expect(slaFlagAt(clock, at(clock.promisedBy))).toBe('breached');
  });

  test('for any whole-minute promise the flag follows elapsed/total against 3/4 and 1', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2035, 0, 1) }),
        fc.integer({ min: 1, max: 14 * 24 * 60 }),
        fc.integer({ min: -HOUR, max: 15 * 24 * HOUR }),
        (start, minutes, elapsed) => {
          const total = minutes * MINUTE;
          const clock = { startedAt: new Date(start).toISOString(), promisedBy: new Date(start + total).toISOString() };
          const expected: SlaFlag | null = elapsed >= total ? 'breached' : 4 * elapsed >= 3 * total ? 'at_risk' : null;
          expect(slaFlagAt(clock, new Date(start + elapsed))).toBe(expected);
        },
      ),
    );
  });
});

describe('nextSlaCheck', () => {
  test('progresses null → at-risk time → promisedBy → null', () => {
    expect(iso(nextSlaCheck(WALK_IN, null))).toBe('2026-11-22T10:35:00.000Z');
    expect(iso(nextSlaCheck(WALK_IN, 'at_risk'))).toBe('2026-11-22T10:50:00.000Z');
    expect(nextSlaCheck(WALK_IN, 'breached')).toBeNull();
  });

  test('a watch that looks exactly when told raises each flag once, in order, then stops', () => {
    const seen: Array<[string, SlaFlag | null]> = [];
    let flag: SlaFlag | null = null;
    let check = nextSlaCheck(WALK_IN, flag);
    while (check !== null && seen.length < 10) {
      flag = slaFlagAt(WALK_IN, check);
      seen.push([check.toISOString(), flag]);
      check = nextSlaCheck(WALK_IN, flag);
    }
    expect(seen).toEqual([
      ['2026-11-22T10:35:00.000Z', 'at_risk'],
      ['2026-11-22T10:50:00.000Z', 'breached'],
    ]);
  });

  test('a watch that runs late goes straight to breached', () => {
    const late = at('2026-11-22T11:30:00.000Z');
    expect(slaFlagAt(WALK_IN, late)).toBe('breached');
    expect(nextSlaCheck(WALK_IN, slaFlagAt(WALK_IN, late))).toBeNull();
  });
});

describe('slaMet', () => {
  test.each<[string, boolean]>([
    ['2026-11-22T10:20:00.000Z', true],
    ['2026-11-22T10:49:59.999Z', true],
    ['2026-11-22T10:50:00.000Z', true],
    ['2026-11-22T10:50:00.001Z', false],
    ['2026-11-22T12:00:00.000Z', false],
  ])('completed at %s: %p', (completedAt, expected) => {
    expect(slaMet(WALK_IN, at(completedAt))).toBe(expected);
  });
});

describe('moveOrder keeps the SLA fields', () => {
  const sla = testStore().sla;
  const move = (order: RepairOrder, to: RepairStatus, now: string): RepairOrder => moveOrder(order, { to }, { by: 'tech_ravi', now: at(now), sla }).order;
  const repairAndComplete = (order: RepairOrder, completedAt: string): RepairOrder => {
    const steps: RepairStatus[] = ['diagnosing', 'in_repair', 'quality_check', 'ready_for_pickup'];
    const ready = steps.reduce((current, to) => move(current, to, current.updatedAt), order);
    return move(ready, 'completed', completedAt);
  };

  test('a walk-in gets its clock at intake: started now, promised 60 minutes later', () => {
    const order = open('walk_in', at('2026-11-22T09:50:00.000Z'));
    expect(order).toMatchObject({ slaStartedAt: '2026-11-22T09:50:00.000Z', promisedBy: '2026-11-22T10:50:00.000Z', sla: null, slaMet: null });
  });

  test('completion exactly at promisedBy meets the SLA', () => {
    const order = open('walk_in', at('2026-11-22T09:50:00.000Z'));
    expect(repairAndComplete(order, '2026-11-22T10:50:00.000Z').slaMet).toBe(true);
  });

  test('completion 1 ms after promisedBy misses it', () => {
    const order = open('walk_in', at('2026-11-22T09:50:00.000Z'));
    expect(repairAndComplete(order, '2026-11-22T10:50:00.001Z').slaMet).toBe(false);
  });

  test('slaMet stays null until completion', () => {
    const order = open('walk_in', at('2026-11-22T09:50:00.000Z'));
    const late = move(move(order, 'diagnosing', '2026-11-22T11:00:00.000Z'), 'in_repair', '2026-11-22T11:30:00.000Z');
    expect(late.slaMet).toBeNull();
  });

  test('a cancelled order has no SLA verdict', () => {
    const order = open('walk_in', at('2026-11-22T09:50:00.000Z'));
    const cancelled = moveOrder(order, { to: 'cancelled', reason: 'customer left' }, { by: 'tech_ravi', now: at('2026-11-22T12:00:00.000Z'), sla }).order;
    expect(cancelled.slaMet).toBeNull();
  });

  test('a mail-in clock starts on receipt, not at creation, and the watch counts from there', () => {
    const order = open('mail_in', at('2026-11-18T08:00:00.000Z'));
    expect(order).toMatchObject({ status: 'awaiting_device', slaStartedAt: null, promisedBy: null });

    const received = move(order, 'received', '2026-11-20T06:00:00.000Z');
    expect(received).toMatchObject({ slaStartedAt: '2026-11-20T06:00:00.000Z', promisedBy: '2026-11-23T06:00:00.000Z' });

    const clock: SlaClock = { startedAt: received.slaStartedAt ?? '', promisedBy: received.promisedBy ?? '' };
    expect(iso(atRiskAt(clock))).toBe('2026-11-22T12:00:00.000Z');
    // Counted from creation it would have been at risk by 2026-11-20T20:00Z already.
    expect(slaFlagAt(clock, at('2026-11-21T00:00:00.000Z'))).toBeNull();

    expect(repairAndComplete(received, '2026-11-23T06:00:00.000Z').slaMet).toBe(true);
    expect(repairAndComplete(received, '2026-11-23T06:00:00.001Z').slaMet).toBe(false);
  });

  test('later moves keep the clock where receipt started it', () => {
    const received = move(open('mail_in', at('2026-11-18T08:00:00.000Z')), 'received', '2026-11-20T06:00:00.000Z');
    const diagnosing = move(received, 'diagnosing', '2026-11-21T06:00:00.000Z');
    expect(diagnosing).toMatchObject({ slaStartedAt: '2026-11-20T06:00:00.000Z', promisedBy: '2026-11-23T06:00:00.000Z' });
  });
});
