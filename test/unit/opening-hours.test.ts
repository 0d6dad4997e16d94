import fc from 'fast-check';
import { addOpenTime, isOpenAt, openTimeBetween, parseClock, weekdayOf, WEEKDAYS, type OpeningHours, type StoreCalendar } from '../../shared/domain/opening-hours.js';
import { promisedBy } from '../../shared/domain/sla.js';
import { BERLIN, KOLKATA, SHANGHAI, TBILISI } from './domain-fixtures.js';
import { testStore } from './order-fixtures.js';

const MINUTE = 60_000;
/** Instants written as local time with the zone's offset, so no expectation goes through Intl. */
const t = (local: string) => new Date(local);
const iso = (local: string) => t(local).toISOString();

const TEN_TO_EIGHT: OpeningHours = {
  mon: [['10:00', '20:00']], tue: [['10:00', '20:00']], wed: [['10:00', '20:00']], thu: [['10:00', '20:00']],
  fri: [['10:00', '13:00'], ['14:00', '20:00']], sat: [['10:00', '20:00']], sun: [],
};
const EVERY_DAY: OpeningHours = Object.fromEntries(WEEKDAYS.map((day) => [day, [['10:00', '20:00']]])) as unknown as OpeningHours;
const LATE: OpeningHours = Object.fromEntries(WEEKDAYS.map((day) => [day, [['10:00', '22:00']]])) as unknown as OpeningHours;
const ALL_DAY: OpeningHours = Object.fromEntries(WEEKDAYS.map((day) => [day, [['00:00', '24:00']]])) as unknown as OpeningHours;

const calendar = (timezone: string, options: Partial<StoreCalendar> = {}): StoreCalendar => ({
  timezone, hours: TEN_TO_EIGHT, holidays: [], extendedMinutes: 0, ...options,
});

describe('parseClock and weekdayOf', () => {
  test.each<[string, number | null]>([
    ['00:00', 0], ['09:30', 570], ['23:59', 1439], ['24:00', 1440],
    ['25:00', null], ['24:01', null], ['9:30', null], ['10:60', null], ['10-00', null], ['', null],
  ])('%p → %p', (value, minutes) => {
    expect(parseClock(value)).toBe(minutes);
  });

  test.each([['2026-11-23', 'mon'], ['2026-11-28', 'sat'], ['2026-11-29', 'sun'], ['2026-03-29', 'sun'], ['2028-02-29', 'tue']])('%s is a %s', (date, day) => {
    expect(weekdayOf(date)).toBe(day);
  });
});

describe('walk-in promises in opening time (60 minutes, Mon–Sat 10:00–20:00, Fri with a lunch break, Sun closed)', () => {
  test.each<[string, string, Partial<StoreCalendar>, string, string]>([
    // [what, zone, calendar options, opened (local), promised (local)]
    ['inside opening hours', KOLKATA, {}, '2026-11-23T10:30+05:30', '2026-11-23T11:30+05:30'],
    ['at midnight (the issue: not "ready by 1:00 am")', KOLKATA, {}, '2026-11-23T00:00+05:30', '2026-11-23T11:00+05:30'],
    ['before opening', KOLKATA, {}, '2026-11-23T08:15+05:30', '2026-11-23T11:00+05:30'],
    ['across closing time: 30 min today, 30 tomorrow', KOLKATA, {}, '2026-11-23T19:30+05:30', '2026-11-24T10:30+05:30'],
    ['exactly at closing', KOLKATA, {}, '2026-11-23T20:00+05:30', '2026-11-24T11:00+05:30'],
    ['ending exactly at closing', KOLKATA, {}, '2026-11-23T19:00+05:30', '2026-11-23T20:00+05:30'],
    ['with extended minutes the promise runs into them', KOLKATA, { extendedMinutes: 120 }, '2026-11-23T19:30+05:30', '2026-11-23T20:30+05:30'],
    ['inside extended time, past it', KOLKATA, { extendedMinutes: 120 }, '2026-11-23T21:30+05:30', '2026-11-24T10:30+05:30'],
    ['after extended time', KOLKATA, { extendedMinutes: 120 }, '2026-11-23T22:00+05:30', '2026-11-24T11:00+05:30'],
    ['Saturday evening: Sunday is closed', KOLKATA, {}, '2026-11-28T19:30+05:30', '2026-11-30T10:30+05:30'],
    ['on a closed Sunday', KOLKATA, {}, '2026-11-29T12:00+05:30', '2026-11-30T11:00+05:30'],
    ['a holiday is skipped', KOLKATA, { holidays: ['2026-11-24'] }, '2026-11-23T19:30+05:30', '2026-11-25T10:30+05:30'],
    ['two holidays and a Sunday in a row', KOLKATA, { holidays: ['2026-11-28', '2026-11-30'] }, '2026-11-27T19:45+05:30', '2026-12-01T10:45+05:30'],
    ['on a holiday', KOLKATA, { holidays: ['2026-11-23'] }, '2026-11-23T11:00+05:30', '2026-11-24T11:00+05:30'],
    ['two intervals: across the lunch break', KOLKATA, {}, '2026-11-27T12:30+05:30', '2026-11-27T14:30+05:30'],
    ['two intervals: in the lunch break', KOLKATA, {}, '2026-11-27T13:20+05:30', '2026-11-27T15:00+05:30'],
    ['extended minutes only after the last interval', KOLKATA, { extendedMinutes: 30 }, '2026-11-27T12:30+05:30', '2026-11-27T14:30+05:30'],
    ['Shanghai across closing', SHANGHAI, {}, '2026-11-23T19:30+08:00', '2026-11-24T10:30+08:00'],
    ['Shanghai at midnight', SHANGHAI, {}, '2026-11-23T00:00+08:00', '2026-11-23T11:00+08:00'],
    ['Tbilisi across closing', TBILISI, {}, '2026-11-23T19:30+04:00', '2026-11-24T10:30+04:00'],
    ['Tbilisi with extended time', TBILISI, { extendedMinutes: 60 }, '2026-11-23T19:45+04:00', '2026-11-23T20:45+04:00'],
    ['Tbilisi: the extended time ends, the rest carries to the next opening', TBILISI, { extendedMinutes: 60 }, '2026-11-23T20:30+04:00', '2026-11-24T10:30+04:00'],
    ['extended time past midnight', KOLKATA, { hours: LATE, extendedMinutes: 240 }, '2026-11-23T23:30+05:30', '2026-11-24T00:30+05:30'],
    ['Berlin in winter', BERLIN, {}, '2026-11-23T19:30+01:00', '2026-11-24T10:30+01:00'],
    // DST: 2026-03-29 02:00 CET → 03:00 CEST; 2026-10-25 03:00 CEST → 02:00 CET (both Sundays).
    ['Berlin Saturday → Sunday of spring forward: opens at 10:00 CEST', BERLIN, { hours: EVERY_DAY }, '2026-03-28T19:30+01:00', '2026-03-29T10:30+02:00'],
    ['Berlin Saturday → Sunday of fall back: opens at 10:00 CET', BERLIN, { hours: EVERY_DAY }, '2026-10-24T19:30+02:00', '2026-10-25T10:30+01:00'],
    ['Berlin over the spring-forward weekend, Sunday closed', BERLIN, {}, '2026-03-28T19:30+01:00', '2026-03-30T10:30+02:00'],
    ['Berlin open all day through the skipped hour: 60 real minutes', BERLIN, { hours: ALL_DAY }, '2026-03-29T01:30+01:00', '2026-03-29T03:30+02:00'],
    ['Berlin open all day through the repeated hour: 60 real minutes', BERLIN, { hours: ALL_DAY }, '2026-10-25T02:30+02:00', '2026-10-25T02:30+01:00'],
    ['Berlin, extended time up to midnight on the night of fall back', BERLIN, { hours: EVERY_DAY, extendedMinutes: 240 }, '2026-10-24T23:30+02:00', '2026-10-25T10:30+01:00'],
  ])('%s (%s)', (_what, zone, options, opened, promised) => {
    const store = calendar(zone, options);
    const promise = addOpenTime(store, t(opened), 60 * MINUTE);
    expect(promise.toISOString()).toBe(iso(promised));
    expect(openTimeBetween(store, t(opened), promise)).toBe(60 * MINUTE);
  });

  test('promisedBy: a walk-in counts opening time, on-site and mail-in hours stay calendar hours, unless the store asks for opening hours', () => {
    const store = calendar(KOLKATA);
    const opened = t('2026-11-23T19:30+05:30');
    const policy = testStore().sla;
    expect(promisedBy({ channel: 'walk_in', category: 'screen' }, policy, opened, store)).toBe(iso('2026-11-24T10:30+05:30'));
    expect(promisedBy({ channel: 'on_site', category: 'screen', distanceKm: 10 }, policy, opened, store)).toBe(iso('2026-11-24T19:30+05:30'));
    expect(promisedBy({ channel: 'walk_in', category: 'screen', overseas: true }, policy, opened, store)).toBe(iso('2026-11-26T19:30+05:30'));
    const inOpeningTime = { ...policy, hourTargets: 'opening_hours' as const };
    // 24 h of opening time: 30 min Mon, 10 h Tue, Wed, 3.5 h Thu → Thu 13:30.
    expect(promisedBy({ channel: 'on_site', category: 'screen', distanceKm: 10 }, inOpeningTime, opened, store)).toBe(iso('2026-11-26T13:30+05:30'));
  });

  test('a store without hours is open around the clock (today\'s promise)', () => {
    const store = calendar(KOLKATA, { hours: null });
    expect(addOpenTime(store, t('2026-11-23T00:00+05:30'), 60 * MINUTE).toISOString()).toBe(iso('2026-11-23T01:00+05:30'));
    expect(isOpenAt(store, t('2026-11-29T03:00+05:30'))).toBe(true);
  });

  test.each<[string, boolean]>([
    ['2026-11-23T09:59+05:30', false], ['2026-11-23T10:00+05:30', true], ['2026-11-23T19:59+05:30', true],
    ['2026-11-23T20:00+05:30', false], ['2026-11-27T13:30+05:30', false], ['2026-11-29T12:00+05:30', false],
  ])('isOpenAt %s: %p', (at, open) => {
    expect(isOpenAt(calendar(KOLKATA), t(at))).toBe(open);
  });
});

// ── Properties ──────────────────────────────────────────────────────────────────────────────

const ZONES = [BERLIN, KOLKATA, SHANGHAI, TBILISI];
const clock = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** 0–2 ordered, non-overlapping intervals on a quarter-hour grid. */
const dayHours = fc
  .uniqueArray(fc.integer({ min: 0, max: 96 }), { minLength: 0, maxLength: 4 })
  .map((points) => {
    const sorted = [...points].sort((a, b) => a - b);
    const pairs: [string, string][] = [];
    for (let i = 0; i + 1 < sorted.length; i += 2) pairs.push([clock((sorted[i] as number) * 15), clock((sorted[i + 1] as number) * 15)]);
    return pairs;
  });

const calendars = fc
  .record({
    timezone: fc.constantFrom(...ZONES),
    days: fc.tuple(dayHours, dayHours, dayHours, dayHours, dayHours, dayHours, dayHours),
    extendedMinutes: fc.integer({ min: 0, max: 240 }),
    holidays: fc.uniqueArray(fc.integer({ min: 0, max: 60 }), { maxLength: 8 }),
  })
  .filter(({ days }) => days.some((d) => d.length > 0))
  .map(({ timezone, days, extendedMinutes, holidays }): StoreCalendar => ({
    timezone,
    hours: Object.fromEntries(WEEKDAYS.map((day, i) => [day, days[i]])) as unknown as OpeningHours,
    extendedMinutes,
    holidays: holidays.map((d) => new Date(Date.UTC(2026, 2, 20) + d * 86_400_000).toISOString().slice(0, 10)),
  }));

/** Minute instants over both 2026 DST switches. */
const starts = fc.integer({ min: Date.UTC(2026, 2, 20) / MINUTE, max: Date.UTC(2026, 10, 10) / MINUTE }).map((m) => new Date(m * MINUTE));

test('property: a promise never falls in closed time, and holds exactly the target of opening time', () => {
  fc.assert(
    fc.property(calendars, starts, fc.integer({ min: 1, max: 24 * 60 }), (store, start, minutes) => {
      const promise = addOpenTime(store, start, minutes * MINUTE);
      expect(promise.getTime()).toBeGreaterThan(start.getTime());
      // The minute that ends at the promise is opening time: the promise is in, or at the end of, an open span.
      expect(isOpenAt(store, new Date(promise.getTime() - MINUTE / 2))).toBe(true);
      expect(openTimeBetween(store, start, promise)).toBe(minutes * MINUTE);
    }),
    { numRuns: 300 },
  );
});
