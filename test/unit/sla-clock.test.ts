import fc from 'fast-check';
import { moveOrder, openOrder, type RepairOrder } from '../../shared/domain/order.js';
import { addOpenTime, isOpenAt, storeCalendar, WEEKDAYS, type OpeningHours } from '../../shared/domain/opening-hours.js';
import { pauseReason, slaState } from '../../shared/domain/sla-clock.js';
import type { RepairStatus } from '../../shared/domain/status.js';
import { withDefaults, type StoreSettings } from '../../shared/domain/store-settings.js';
import type { Channel } from '../../shared/domain/vocabulary.js';
import { slaView } from '../../shared/http/views.js';
import { toOrder } from '../../shared/store/items.js';
import { BERLIN, KOLKATA, SHANGHAI, TBILISI } from './domain-fixtures.js';
import { context, intake, STORE_ID } from './order-fixtures.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const t = (local: string) => new Date(local);
const iso = (local: string) => t(local).toISOString();

const TEN_TO_EIGHT: OpeningHours = {
  mon: [['10:00', '20:00']], tue: [['10:00', '20:00']], wed: [['10:00', '20:00']], thu: [['10:00', '20:00']],
  fri: [['10:00', '13:00'], ['14:00', '20:00']], sat: [['10:00', '20:00']], sun: [],
};

function store(settings: Partial<StoreSettings> = {}, timezone = KOLKATA): StoreSettings {
  return withDefaults({ id: STORE_ID, name: 'Koramangala Service Point', country: 'IN', timezone, hours: TEN_TO_EIGHT, ...settings });
}

function opened(channel: Channel, at: string, settings: StoreSettings = store(), options: Parameters<typeof intake>[1] = {}): RepairOrder {
  return openOrder(intake(channel, { distanceKm: 10, ...options }), { ...context(t(at)), store: settings }).order;
}

function moved(order: RepairOrder, to: RepairStatus, at: string, settings: StoreSettings = store()): RepairOrder {
  const extra = to === 'awaiting_approval' ? { estimate: { amount: '1499.00', currency: 'INR' } } : to === 'cancelled' ? { reason: 'left' } : {};
  return moveOrder(order, { to, ...extra }, { by: STORE_ID, now: t(at), sla: settings.sla, calendar: storeCalendar(settings) }).order;
}

/** received → diagnosing → `pause` (at pausedAt) → in_repair (at resumedAt). */
function pausedAndResumed(order: RepairOrder, pause: RepairStatus, pausedAt: string, resumedAt: string, settings = store()): RepairOrder {
  const diagnosing = moved(order, 'diagnosing', order.createdAt, settings);
  return moved(moved(diagnosing, pause, pausedAt, settings), 'in_repair', resumedAt, settings);
}

describe('pauses move the promise by exactly the paused time', () => {
  test.each<[string, Channel, RepairStatus, string, string, string, string, string, number]>([
    // [what, channel, pause, opened, paused, resumed, promise before, promise after, pausedMinutes]
    ['walk-in, pause within the day', 'walk_in', 'awaiting_parts', '2026-11-23T11:00+05:30', '2026-11-23T11:20+05:30', '2026-11-23T11:50+05:30', '2026-11-23T12:00+05:30', '2026-11-23T12:30+05:30', 30],
    ['walk-in, pause spanning closing time: only the open minutes count', 'walk_in', 'awaiting_parts', '2026-11-23T18:30+05:30', '2026-11-23T19:00+05:30', '2026-11-24T10:30+05:30', '2026-11-23T19:30+05:30', '2026-11-24T11:00+05:30', 90],
    ['walk-in, pause spanning a closed Sunday', 'walk_in', 'awaiting_approval', '2026-11-28T19:00+05:30', '2026-11-28T19:10+05:30', '2026-11-30T10:10+05:30', '2026-11-28T20:00+05:30', '2026-11-30T11:00+05:30', 60],
    ['walk-in, a pause entirely in closed time moves nothing', 'walk_in', 'awaiting_parts', '2026-11-23T19:00+05:30', '2026-11-23T20:00+05:30', '2026-11-24T10:00+05:30', '2026-11-23T20:00+05:30', '2026-11-23T20:00+05:30', 0],
    ['on-site (calendar hours): the whole pause counts, night included', 'on_site', 'awaiting_parts', '2026-11-23T18:30+05:30', '2026-11-23T19:00+05:30', '2026-11-24T10:30+05:30', '2026-11-24T18:30+05:30', '2026-11-25T10:00+05:30', 930],
  ])('%s', (_what, channel, pause, openedAt, pausedAt, resumedAt, before, after, pausedMinutes) => {
    const order = opened(channel, openedAt);
    expect(order.promisedBy).toBe(iso(before));
    const resumed = pausedAndResumed(order, pause, pausedAt, resumedAt);
    expect(resumed.promisedBy).toBe(iso(after));
    expect(slaView(resumed)).toEqual({ state: 'on_track', promisedBy: iso(after), pausedMinutes });
  });

  test('while paused: state paused, promise unchanged until resume; approval → parts is one pause', () => {
    const order = moved(opened('walk_in', '2026-11-23T11:00+05:30'), 'diagnosing', '2026-11-23T11:05+05:30');
    const approval = moved(order, 'awaiting_approval', '2026-11-23T11:10+05:30');
    expect(slaView(approval)).toEqual({ state: 'paused', promisedBy: iso('2026-11-23T12:00+05:30'), pausedMinutes: 0, pausedSince: iso('2026-11-23T11:10+05:30') });
    const parts = moved(approval, 'awaiting_parts', '2026-11-23T11:40+05:30');
    expect(parts.pausedAt).toBe(iso('2026-11-23T11:10+05:30'));
    const repair = moved(parts, 'in_repair', '2026-11-23T12:10+05:30');
    expect(slaView(repair)).toEqual({ state: 'on_track', promisedBy: iso('2026-11-23T13:00+05:30'), pausedMinutes: 60 });
  });

  test('pausedMinutes accumulates over several pauses, and the at-risk time moves with the promise', () => {
    const order = moved(opened('walk_in', '2026-11-23T11:00+05:30'), 'diagnosing', '2026-11-23T11:05+05:30');
    const first = moved(moved(order, 'awaiting_parts', '2026-11-23T11:10+05:30'), 'in_repair', '2026-11-23T11:30+05:30');
    const second = moved(moved(first, 'awaiting_parts', '2026-11-23T11:40+05:30'), 'in_repair', '2026-11-23T11:55+05:30');
    expect(second.pausedMs).toBe(35 * MINUTE);
    expect(second.promisedBy).toBe(iso('2026-11-23T12:35+05:30'));
    expect(second.promiseRiskAt).toBe(iso('2026-11-23T12:20+05:30'));
  });

  test('a store whose pause statuses exclude awaiting_parts does not pause there', () => {
    const settings = store({ sla: { ...store().sla, pauseStatuses: ['awaiting_approval'] } });
    const resumed = pausedAndResumed(opened('walk_in', '2026-11-23T11:00+05:30', settings), 'awaiting_parts', '2026-11-23T11:20+05:30', '2026-11-23T11:50+05:30', settings);
    expect(resumed).toMatchObject({ promisedBy: iso('2026-11-23T12:00+05:30'), pausedMs: 0 });
  });

  test('completion is judged against the moved promise', () => {
    const resumed = pausedAndResumed(opened('walk_in', '2026-11-23T11:00+05:30'), 'awaiting_parts', '2026-11-23T11:20+05:30', '2026-11-23T11:50+05:30');
    const done = ['quality_check', 'ready_for_pickup', 'completed'].reduce((o, s) => moved(o, s as RepairStatus, '2026-11-23T12:25+05:30'), resumed);
    expect(done.slaMet).toBe(true);
    expect(slaView(done).state).toBe('met');
  });
});

describe('overseas orders: a response target beside the promise', () => {
  test('respondBy 10 h after intake, met by the first move; the promise stays 72 h', () => {
    const order = opened('on_site', '2026-11-23T11:00+05:30', store(), { overseas: true });
    expect(order).toMatchObject({ respondBy: iso('2026-11-23T21:00+05:30'), promisedBy: iso('2026-11-26T11:00+05:30'), respondedAt: null });
    expect(slaView(order)).toEqual({ state: 'on_track', promisedBy: iso('2026-11-26T11:00+05:30'), respondBy: iso('2026-11-23T21:00+05:30'), pausedMinutes: 0 });
    const answered = moved(order, 'diagnosing', '2026-11-23T15:00+05:30');
    expect(answered.respondedAt).toBe(iso('2026-11-23T15:00+05:30'));
    expect(moved(answered, 'in_repair', '2026-11-24T15:00+05:30').respondedAt).toBe(iso('2026-11-23T15:00+05:30'));
  });

  test('an answer after respondBy reads as breached, even before the watch looked', () => {
    const late = moved(opened('on_site', '2026-11-23T11:00+05:30', store(), { overseas: true }), 'diagnosing', '2026-11-23T21:01+05:30');
    expect(slaState(late)).toBe('breached');
  });

  test('mail-in: the response clock starts at receipt; the store setting sets the hours', () => {
    const settings = store({ sla: { ...store().sla, overseasResponseHours: 4 } });
    const order = opened('mail_in', '2026-11-20T11:00+05:30', settings, { overseas: true });
    expect(order.respondBy).toBeNull();
    const received = moved(order, 'received', '2026-11-23T11:00+05:30', settings);
    expect(received).toMatchObject({ respondBy: iso('2026-11-23T15:00+05:30'), respondedAt: null });
  });

  test('domestic orders have no response target', () => {
    expect(opened('walk_in', '2026-11-23T11:00+05:30').respondBy).toBeNull();
  });
});

describe('state, with the watch\'s flags', () => {
  const base = opened('on_site', '2026-11-23T11:00+05:30', store(), { overseas: true });
  test.each<[string, Partial<RepairOrder>, string]>([
    ['nothing flagged', {}, 'on_track'],
    ['promise at risk', { sla: 'at_risk' }, 'at_risk'],
    ['response breached, promise at risk: the worse one', { sla: 'at_risk', responseSla: 'breached' }, 'breached'],
    ['response at risk', { responseSla: 'at_risk' }, 'at_risk'],
    ['answered in time: the response flag no longer counts', { responseSla: 'at_risk', respondedAt: iso('2026-11-23T20:00+05:30') }, 'on_track'],
    ['paused beats flags', { sla: 'at_risk', pausedAt: iso('2026-11-24T11:00+05:30'), status: 'awaiting_parts' }, 'paused'],
    ['completed within the promise', { status: 'completed', slaMet: true, responseSla: 'breached' }, 'met'],
    ['completed late', { status: 'completed', slaMet: false }, 'breached'],
  ])('%s → %s', (_what, fields, state) => {
    expect(slaState({ ...base, ...fields })).toBe(state);
  });

  test('an order stored before opening hours reads from its promise and flag (read-time defaults)', () => {
    const legacy = { id: 'o1', storeId: STORE_ID, status: 'in_repair', channel: 'walk_in', promisedBy: '2026-11-22T10:50:00.000Z', slaStartedAt: '2026-11-22T09:50:00.000Z', sla: 'breached', slaMet: null };
    expect(slaView(toOrder(legacy))).toEqual({ state: 'breached', promisedBy: '2026-11-22T10:50:00.000Z', pausedMinutes: 0 });
    expect(slaView(toOrder({ ...legacy, sla: null }))).toMatchObject({ state: 'on_track' });
    expect(slaView(toOrder({ ...legacy, status: 'completed', slaMet: true }))).toMatchObject({ state: 'met' });
    expect(slaView(toOrder({ ...legacy, status: 'completed', slaMet: false }))).toMatchObject({ state: 'breached' });
  });

  test.each<[RepairStatus, string]>([['awaiting_approval', 'customer_approval'], ['awaiting_parts', 'parts'], ['diagnosing', 'store']])('pauseReason(%s) = %s', (status, reason) => {
    expect(pauseReason(status)).toBe(reason);
  });
});

// ── Properties ──────────────────────────────────────────────────────────────────────────────

const clock = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const dayHours = fc
  .uniqueArray(fc.integer({ min: 0, max: 96 }), { minLength: 0, maxLength: 4 })
  .map((points) => {
    const sorted = [...points].sort((a, b) => a - b);
    const pairs: [string, string][] = [];
    for (let i = 0; i + 1 < sorted.length; i += 2) pairs.push([clock((sorted[i] as number) * 15), clock((sorted[i + 1] as number) * 15)]);
    return pairs;
  });
const stores = fc
  .record({
    timezone: fc.constantFrom(BERLIN, KOLKATA, SHANGHAI, TBILISI),
    days: fc.tuple(dayHours, dayHours, dayHours, dayHours, dayHours, dayHours, dayHours),
    extendedMinutes: fc.integer({ min: 0, max: 240 }),
  })
  .filter(({ days }) => days.some((d) => d.length > 0))
  .map(({ timezone, days, extendedMinutes }) =>
    store({ hours: Object.fromEntries(WEEKDAYS.map((day, i) => [day, days[i]])) as unknown as OpeningHours, extendedMinutes }, timezone),
  );
const MIN_START = Date.UTC(2026, 2, 20) / MINUTE;

test('property: with pauses, a walk-in promise is never earlier than without, and never in closed time', () => {
  fc.assert(
    fc.property(
      stores,
      fc.integer({ min: MIN_START, max: MIN_START + 230 * 24 * 60 }),
      fc.array(fc.tuple(fc.integer({ min: 1, max: 3 * 24 * 60 }), fc.integer({ min: 0, max: 3 * 24 * 60 })), { minLength: 1, maxLength: 3 }),
      (settings, startMinute, pauses) => {
        const start = new Date(startMinute * MINUTE);
        let order = moved(opened('walk_in', start.toISOString(), settings), 'diagnosing', start.toISOString(), settings);
        const unpaused = order.promisedBy as string;
        let now = start.getTime();
        for (const [before, length] of pauses) {
          now += before * MINUTE;
          order = moved(order, 'awaiting_parts', new Date(now).toISOString(), settings);
          now += length * MINUTE;
          order = moved(order, 'in_repair', new Date(now).toISOString(), settings);
        }
        const promise = Date.parse(order.promisedBy as string);
        expect(promise).toBeGreaterThanOrEqual(Date.parse(unpaused));
        expect(isOpenAt(storeCalendar(settings), new Date(promise - MINUTE / 2))).toBe(true);
        // The paused time is exactly what the promise moved by, in opening time.
        expect(addOpenTime(storeCalendar(settings), new Date(unpaused), order.pausedMs).toISOString()).toBe(order.promisedBy);
      },
    ),
    { numRuns: 200 },
  );
});

test('property: a calendar-hours promise moves by exactly the elapsed paused time', () => {
  fc.assert(
    fc.property(stores, fc.integer({ min: MIN_START, max: MIN_START + 230 * 24 * 60 }), fc.integer({ min: 1, max: 5000 }), (settings, startMinute, length) => {
      const start = new Date(startMinute * MINUTE).toISOString();
      const order = opened('on_site', start, settings);
      const resumed = pausedAndResumed(order, 'awaiting_parts', start, new Date((startMinute + length) * MINUTE).toISOString(), settings);
      expect(Date.parse(resumed.promisedBy as string) - Date.parse(order.promisedBy as string)).toBe(length * MINUTE);
      expect(resumed.pausedMs).toBe(length * MINUTE);
      expect(Date.parse(order.promisedBy as string) - startMinute * MINUTE).toBe(24 * HOUR);
    }),
    { numRuns: 100 },
  );
});
