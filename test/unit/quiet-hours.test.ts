import fc from 'fast-check';
import { SMS_WINDOW, insideSmsWindow, nextSmsWindow } from '../../shared/domain/quiet-hours.js';
import { BERLIN, FIXED_OFFSETS, KOLKATA, SHANGHAI, TBILISI, berlinOffsetMinutes } from './domain-fixtures.js';

const MINUTE = 60_000;
const DAY = 86_400_000;
const iso = (date: Date) => date.toISOString();

test('the window is 09:00–20:00 (20:00 itself is outside)', () => {
  expect(SMS_WINDOW).toEqual({ startMinutes: 540, endMinutes: 1200 });
});

/**
 * [local time given with the zone's offset, inside?, next window as a local time with offset].
 * Written by hand for 2026-11-23 (a Monday, no DST anywhere involved).
 */
type Case = [local: string, inside: boolean, next: string];

function casesFor(offset: string): Case[] {
  return [
    [`2026-11-23T00:00:00.000${offset}`, false, `2026-11-23T09:00:00.000${offset}`],
    [`2026-11-23T00:30:00.000${offset}`, false, `2026-11-23T09:00:00.000${offset}`],
    [`2026-11-23T08:59:00.000${offset}`, false, `2026-11-23T09:00:00.000${offset}`],
    [`2026-11-23T08:59:59.999${offset}`, false, `2026-11-23T09:00:00.000${offset}`],
    [`2026-11-23T09:00:00.000${offset}`, true, `2026-11-23T09:00:00.000${offset}`],
    [`2026-11-23T13:17:42.123${offset}`, true, `2026-11-23T13:17:42.123${offset}`],
    [`2026-11-23T19:59:00.000${offset}`, true, `2026-11-23T19:59:00.000${offset}`],
    [`2026-11-23T19:59:59.999${offset}`, true, `2026-11-23T19:59:59.999${offset}`],
    [`2026-11-23T20:00:00.000${offset}`, false, `2026-11-24T09:00:00.000${offset}`],
    [`2026-11-23T23:30:00.000${offset}`, false, `2026-11-24T09:00:00.000${offset}`],
    [`2026-11-23T23:59:59.999${offset}`, false, `2026-11-24T09:00:00.000${offset}`],
    // month and year wrap
    [`2026-11-30T21:00:00.000${offset}`, false, `2026-12-01T09:00:00.000${offset}`],
    [`2026-12-31T22:15:00.000${offset}`, false, `2027-01-01T09:00:00.000${offset}`],
    [`2028-02-28T20:00:00.000${offset}`, false, `2028-02-29T09:00:00.000${offset}`],
  ];
}

describe.each<[string, string]>([
  [KOLKATA, '+05:30'],
  [SHANGHAI, '+08:00'],
  [TBILISI, '+04:00'],
])('%s (%s)', (zone, offset) => {
  test.each(casesFor(offset))('%s: inside=%p, next window %s', (local, inside, next) => {
    const instant = new Date(local);
    expect(insideSmsWindow(instant, zone)).toBe(inside);
    expect(iso(nextSmsWindow(instant, zone))).toBe(iso(new Date(next)));
  });
});

test('the next window is the 09:00 of the store’s zone, not of UTC', () => {
  // 2026-11-23T02:00Z: 07:30 in Kolkata, 10:00 in Shanghai, 06:00 in Tbilisi.
  const instant = new Date('2026-11-23T02:00:00.000Z');
  expect(iso(nextSmsWindow(instant, KOLKATA))).toBe('2026-11-23T03:30:00.000Z');
  expect(iso(nextSmsWindow(instant, SHANGHAI))).toBe('2026-11-23T02:00:00.000Z');
  expect(iso(nextSmsWindow(instant, TBILISI))).toBe('2026-11-23T05:00:00.000Z');
  expect(iso(nextSmsWindow(instant, 'UTC'))).toBe('2026-11-23T09:00:00.000Z');
});

describe('Europe/Berlin on the DST switch days', () => {
  test.each<Case>([
    // spring forward: 2026-03-29 02:00 CET → 03:00 CEST; that day's 09:00 is 07:00Z
    ['2026-03-28T20:00:00.000+01:00', false, '2026-03-29T07:00:00.000Z'],
    ['2026-03-28T23:30:00.000+01:00', false, '2026-03-29T07:00:00.000Z'],
    ['2026-03-29T01:30:00.000+01:00', false, '2026-03-29T07:00:00.000Z'],
    ['2026-03-29T03:30:00.000+02:00', false, '2026-03-29T07:00:00.000Z'],
    ['2026-03-29T08:59:00.000+02:00', false, '2026-03-29T07:00:00.000Z'],
    ['2026-03-29T09:00:00.000+02:00', true, '2026-03-29T07:00:00.000Z'],
    ['2026-03-29T19:59:00.000+02:00', true, '2026-03-29T17:59:00.000Z'],
    ['2026-03-29T20:00:00.000+02:00', false, '2026-03-30T07:00:00.000Z'],
    // fall back: 2026-10-25 03:00 CEST → 02:00 CET; that day's 09:00 is 08:00Z
    ['2026-10-24T20:30:00.000+02:00', false, '2026-10-25T08:00:00.000Z'],
    ['2026-10-25T02:30:00.000+02:00', false, '2026-10-25T08:00:00.000Z'],
    ['2026-10-25T02:30:00.000+01:00', false, '2026-10-25T08:00:00.000Z'],
    ['2026-10-25T08:30:00.000+01:00', false, '2026-10-25T08:00:00.000Z'],
    ['2026-10-25T08:59:00.000+01:00', false, '2026-10-25T08:00:00.000Z'],
    ['2026-10-25T09:00:00.000+01:00', true, '2026-10-25T08:00:00.000Z'],
    ['2026-10-25T19:59:00.000+01:00', true, '2026-10-25T18:59:00.000Z'],
    ['2026-10-25T20:00:00.000+01:00', false, '2026-10-26T08:00:00.000Z'],
  ])('%s: inside=%p, next window %s', (local, inside, next) => {
    const instant = new Date(local);
    expect(insideSmsWindow(instant, BERLIN)).toBe(inside);
    expect(iso(nextSmsWindow(instant, BERLIN))).toBe(next);
  });
});

/** The next SMS instant worked out by plain arithmetic from a known offset (in minutes) at `instant`. */
function expectedNextWindow(instant: Date, offsetMinutes: number, offsetAt9: (candidate: number) => number): number {
  const wall = instant.getTime() + offsetMinutes * MINUTE;
  const minutes = Math.floor((wall % DAY) / MINUTE);
  if (minutes >= 540 && minutes < 1200) return instant.getTime();
  const localMidnight = wall - (wall % DAY);
  const day = minutes < 540 ? localMidnight : localMidnight + DAY;
  const nineWall = day + 540 * MINUTE;
  // 09:00 is never in a DST gap, so the offset in force an hour either side of it is its own.
  return nineWall - offsetAt9(nineWall - 2 * 60 * MINUTE) * MINUTE;
}

const instants = fc.integer({ min: Date.UTC(2010, 0, 1), max: Date.UTC(2040, 0, 1) }).map((ms) => new Date(ms));

test.each(FIXED_OFFSETS)('in %s (%i min) the next window is the instant itself or the next 09:00, for any instant', (zone, offset) => {
  fc.assert(
    fc.property(instants, (instant) => {
      const next = nextSmsWindow(instant, zone);
      expect(next.getTime()).toBe(expectedNextWindow(instant, offset, () => offset));
      expect(insideSmsWindow(next, zone)).toBe(true);
    }),
  );
});

test('in Europe/Berlin the next window follows the EU summer-time rule, for any instant', () => {
  fc.assert(
    fc.property(instants, (instant) => {
      const next = nextSmsWindow(instant, BERLIN);
      const expected = expectedNextWindow(instant, berlinOffsetMinutes(instant), (utcGuess) => berlinOffsetMinutes(new Date(utcGuess)));
      expect(next.getTime()).toBe(expected);
      expect(insideSmsWindow(next, BERLIN)).toBe(true);
      expect(next.getTime()).toBeGreaterThanOrEqual(instant.getTime());
    }),
  );
});
