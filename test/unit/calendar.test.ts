import fc from 'fast-check';
import { addDays, addMonths, isCalendarDate, localDate, localMinutes, zonedInstant } from '../../shared/domain/calendar.js';
import { BERLIN, FIXED_OFFSETS, KOLKATA, SHANGHAI, TBILISI, berlinOffsetMinutes } from './domain-fixtures.js';

const MINUTE = 60_000;
const DAY = 86_400_000;
const iso = (date: Date) => date.toISOString();

/** Minute-aligned instants between 2010 and 2040 (all four zones have had their current rules all along). */
const instants = fc
  .integer({ min: Date.UTC(2010, 0, 1) / MINUTE, max: Date.UTC(2040, 0, 1) / MINUTE })
  .map((minutes) => new Date(minutes * MINUTE));
const calendarDates = fc
  .integer({ min: Date.UTC(2010, 0, 1) / DAY, max: Date.UTC(2040, 0, 1) / DAY })
  .map((days) => new Date(days * DAY).toISOString().slice(0, 10));
const minutesOfDay = fc.integer({ min: 0, max: 1439 });

describe('isCalendarDate', () => {
  test.each(['2026-01-01', '2026-02-28', '2028-02-29', '2026-12-31', '2000-02-29'])('%s is a date', (value) => {
    expect(isCalendarDate(value)).toBe(true);
  });

  test.each(['2026-02-29', '2100-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '2026-1-01', '26-01-01', '2026-01-01T00:00:00Z', '', 'tomorrow'])(
    '%p is not',
    (value) => {
      expect(isCalendarDate(value)).toBe(false);
    },
  );
});

describe('addDays', () => {
  test.each<[string, number, string]>([
    ['2026-11-23', 0, '2026-11-23'],
    ['2026-11-23', 1, '2026-11-24'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2028-02-29', 1, '2028-03-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2028-03-01', -1, '2028-02-29'],
    ['2027-01-01', -1, '2026-12-31'],
    ['2027-02-20', -7, '2027-02-13'],
    ['2026-11-23', 89, '2027-02-20'],
    ['2028-01-01', 365, '2028-12-31'],
    ['2026-01-01', 365, '2027-01-01'],
  ])('%s + %d days → %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  test('adding then subtracting the same number of days is the identity', () => {
    fc.assert(
      fc.property(calendarDates, fc.integer({ min: -2000, max: 2000 }), (date, days) => {
        expect(addDays(addDays(date, days), -days)).toBe(date);
        expect(isCalendarDate(addDays(date, days))).toBe(true);
      }),
    );
  });
});

describe('addMonths', () => {
  test.each<[string, number, string]>([
    // month ends clamp to the target month's last day
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-03-31', 1, '2026-04-30'],
    ['2026-05-31', 1, '2026-06-30'],
    ['2026-08-31', 1, '2026-09-30'],
    ['2026-11-30', 3, '2027-02-28'],
    ['2026-01-30', 1, '2026-02-28'],
    ['2026-01-29', 1, '2026-02-28'],
    ['2026-01-28', 1, '2026-02-28'],
    ['2026-01-31', 25, '2028-02-29'],
    // leap day
    ['2028-02-29', 12, '2029-02-28'],
    ['2028-02-29', 48, '2032-02-29'],
    ['2028-02-29', 1, '2028-03-29'],
    // plain
    ['2026-03-01', 12, '2027-03-01'],
    ['2026-06-15', 0, '2026-06-15'],
    ['2026-06-15', 6, '2026-12-15'],
    // year wrap
    ['2026-12-15', 1, '2027-01-15'],
    ['2026-12-31', 1, '2027-01-31'],
    ['2026-11-15', 14, '2028-01-15'],
    ['2026-12-31', 2, '2027-02-28'],
    // negative months
    ['2026-03-31', -1, '2026-02-28'],
    ['2028-03-31', -1, '2028-02-29'],
    ['2026-05-31', -3, '2026-02-28'],
    ['2026-01-15', -1, '2025-12-15'],
    ['2026-01-31', -2, '2025-11-30'],
    ['2026-01-01', -13, '2024-12-01'],
    ['2026-03-15', -15, '2024-12-15'],
    ['2026-06-15', -12, '2025-06-15'],
    ['2026-12-31', -12, '2025-12-31'],
    ['2029-02-28', -12, '2028-02-28'],
  ])('%s + %d months → %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  test('lands in the right month, on the same day or the month’s last day when that day does not exist', () => {
    fc.assert(
      fc.property(calendarDates, fc.integer({ min: -240, max: 240 }), (date, months) => {
        const result = addMonths(date, months);
        expect(isCalendarDate(result)).toBe(true);
        const [y, m, d] = date.split('-').map(Number) as [number, number, number];
        const [ry, rm, rd] = result.split('-').map(Number) as [number, number, number];
        expect(ry * 12 + rm - (y * 12 + m)).toBe(months);
        const lastDayOfTarget = new Date(Date.UTC(ry, rm, 0)).getUTCDate();
        expect(rd).toBe(Math.min(d, lastDayOfTarget));
      }),
    );
  });

  test('is reversible for days that exist in every month (1–28)', () => {
    fc.assert(
      fc.property(calendarDates.filter((date) => Number(date.slice(8)) <= 28), fc.integer({ min: -240, max: 240 }), (date, months) => {
        expect(addMonths(addMonths(date, months), -months)).toBe(date);
      }),
    );
  });
});

describe('localDate and localMinutes', () => {
  // 2026-11-22T20:00Z: 01:30 on the 23rd in Kolkata, 04:00 in Shanghai, exactly midnight in Tbilisi.
  const COMPLETED = new Date('2026-11-22T20:00:00.000Z');

  test.each<[string, string, number]>([
    [KOLKATA, '2026-11-23', 90],
    [SHANGHAI, '2026-11-23', 240],
    [TBILISI, '2026-11-23', 0],
    [BERLIN, '2026-11-22', 21 * 60],
    ['UTC', '2026-11-22', 20 * 60],
  ])('2026-11-22T20:00Z in %s is %s, minute %i', (zone, date, minutes) => {
    expect(localDate(COMPLETED, zone)).toBe(date);
    expect(localMinutes(COMPLETED, zone)).toBe(minutes);
  });

  // The last millisecond of 22 November and the first of 23 November, local time.
  test.each<[string, string, string]>([
    [KOLKATA, '2026-11-22T18:29:59.999Z', '2026-11-22T18:30:00.000Z'],
    [SHANGHAI, '2026-11-22T15:59:59.999Z', '2026-11-22T16:00:00.000Z'],
    [TBILISI, '2026-11-22T19:59:59.999Z', '2026-11-22T20:00:00.000Z'],
    [BERLIN, '2026-11-22T22:59:59.999Z', '2026-11-22T23:00:00.000Z'],
  ])('local midnight in %s: %s is still the 22nd, %s is the 23rd', (zone, before, after) => {
    expect(localDate(new Date(before), zone)).toBe('2026-11-22');
    expect(localMinutes(new Date(before), zone)).toBe(23 * 60 + 59);
    expect(localDate(new Date(after), zone)).toBe('2026-11-23');
    expect(localMinutes(new Date(after), zone)).toBe(0);
  });

  test('the year turns at local midnight, not UTC midnight', () => {
    expect(localDate(new Date('2026-12-31T18:29:59.999Z'), KOLKATA)).toBe('2026-12-31');
    expect(localDate(new Date('2026-12-31T18:30:00.000Z'), KOLKATA)).toBe('2027-01-01');
    expect(localDate(new Date('2026-12-31T16:00:00.000Z'), SHANGHAI)).toBe('2027-01-01');
    expect(localDate(new Date('2026-12-31T20:00:00.000Z'), TBILISI)).toBe('2027-01-01');
  });

  test('seconds do not count: 09:00:59 local is minute 540', () => {
    expect(localMinutes(new Date('2026-11-23T03:30:59.999Z'), KOLKATA)).toBe(540);
  });

  test('Berlin across the spring-forward switch (2026-03-29, 02:00 CET → 03:00 CEST)', () => {
    expect(localMinutes(new Date('2026-03-29T00:59:00.000Z'), BERLIN)).toBe(1 * 60 + 59);
    expect(localMinutes(new Date('2026-03-29T01:00:00.000Z'), BERLIN)).toBe(3 * 60);
    expect(localMinutes(new Date('2026-03-29T07:00:00.000Z'), BERLIN)).toBe(9 * 60);
  });

  test('Berlin across the fall-back switch (2026-10-25, 03:00 CEST → 02:00 CET)', () => {
    expect(localMinutes(new Date('2026-10-25T00:30:00.000Z'), BERLIN)).toBe(2 * 60 + 30);
    expect(localMinutes(new Date('2026-10-25T01:30:00.000Z'), BERLIN)).toBe(2 * 60 + 30);
    expect(localMinutes(new Date('2026-10-25T08:00:00.000Z'), BERLIN)).toBe(9 * 60);
    expect(localDate(new Date('2026-10-24T21:59:59.999Z'), BERLIN)).toBe('2026-10-24');
    expect(localDate(new Date('2026-10-24T22:00:00.000Z'), BERLIN)).toBe('2026-10-25');
  });

  test.each(FIXED_OFFSETS)('in %s they match a fixed offset of %i minutes for any instant', (zone, offset) => {
    fc.assert(
      fc.property(instants, (instant) => {
        const wall = new Date(instant.getTime() + offset * MINUTE);
        expect(localDate(instant, zone)).toBe(wall.toISOString().slice(0, 10));
        expect(localMinutes(instant, zone)).toBe(wall.getUTCHours() * 60 + wall.getUTCMinutes());
      }),
    );
  });

  test('in Europe/Berlin they follow the EU summer-time rule for any instant', () => {
    fc.assert(
      fc.property(instants, (instant) => {
        const wall = new Date(instant.getTime() + berlinOffsetMinutes(instant) * MINUTE);
        expect(localDate(instant, BERLIN)).toBe(wall.toISOString().slice(0, 10));
        expect(localMinutes(instant, BERLIN)).toBe(wall.getUTCHours() * 60 + wall.getUTCMinutes());
      }),
    );
  });
});

describe('zonedInstant', () => {
  test.each<[string, string, number, string]>([
    ['2026-11-23', KOLKATA, 9 * 60, '2026-11-23T03:30:00.000Z'],
    ['2026-11-23', SHANGHAI, 9 * 60, '2026-11-23T01:00:00.000Z'],
    ['2026-11-23', TBILISI, 9 * 60, '2026-11-23T05:00:00.000Z'],
    ['2026-11-23', KOLKATA, 0, '2026-11-22T18:30:00.000Z'],
    ['2026-11-23', SHANGHAI, 0, '2026-11-22T16:00:00.000Z'],
    ['2026-11-23', TBILISI, 0, '2026-11-22T20:00:00.000Z'],
    ['2026-11-23', KOLKATA, 23 * 60 + 59, '2026-11-23T18:29:00.000Z'],
    ['2027-01-01', KOLKATA, 0, '2026-12-31T18:30:00.000Z'],
    ['2026-11-23', 'UTC', 9 * 60, '2026-11-23T09:00:00.000Z'],
  ])('%s in %s at minute %i is %s', (date, zone, minutes, expected) => {
    expect(iso(zonedInstant(date, minutes, zone))).toBe(expected);
  });

  describe('Europe/Berlin on and around the DST switch days', () => {
    test.each<[string, number, string]>([
      // spring forward, Sunday 2026-03-29
      ['2026-03-28', 9 * 60, '2026-03-28T08:00:00.000Z'],
      ['2026-03-29', 0, '2026-03-28T23:00:00.000Z'],
      ['2026-03-29', 1 * 60 + 59, '2026-03-29T00:59:00.000Z'],
      ['2026-03-29', 3 * 60, '2026-03-29T01:00:00.000Z'],
      ['2026-03-29', 9 * 60, '2026-03-29T07:00:00.000Z'],
      ['2026-03-29', 20 * 60, '2026-03-29T18:00:00.000Z'],
      ['2026-03-30', 0, '2026-03-29T22:00:00.000Z'],
      ['2026-03-30', 9 * 60, '2026-03-30T07:00:00.000Z'],
      // fall back, Sunday 2026-10-25
      ['2026-10-24', 9 * 60, '2026-10-24T07:00:00.000Z'],
      ['2026-10-25', 0, '2026-10-24T22:00:00.000Z'],
      ['2026-10-25', 1 * 60 + 59, '2026-10-24T23:59:00.000Z'],
      ['2026-10-25', 3 * 60, '2026-10-25T02:00:00.000Z'],
      ['2026-10-25', 9 * 60, '2026-10-25T08:00:00.000Z'],
      ['2026-10-25', 20 * 60, '2026-10-25T19:00:00.000Z'],
      ['2026-10-26', 0, '2026-10-25T23:00:00.000Z'],
      ['2026-10-26', 9 * 60, '2026-10-26T08:00:00.000Z'],
    ])('%s at minute %i is %s', (date, minutes, expected) => {
      expect(iso(zonedInstant(date, minutes, BERLIN))).toBe(expected);
    });

    test('the repeated hour 02:00–03:00 on 2026-10-25 resolves to one of its two instants', () => {
      expect(['2026-10-25T00:30:00.000Z', '2026-10-25T01:30:00.000Z']).toContain(iso(zonedInstant('2026-10-25', 2 * 60 + 30, BERLIN)));
    });
  });

  test.each(FIXED_OFFSETS)('in %s it is the wall time minus a fixed %i minutes, for any date and minute', (zone, offset) => {
    fc.assert(
      fc.property(calendarDates, minutesOfDay, (date, minutes) => {
        expect(zonedInstant(date, minutes, zone).getTime()).toBe(Date.parse(`${date}T00:00:00.000Z`) + (minutes - offset) * MINUTE);
      }),
    );
  });

  test.each(FIXED_OFFSETS.map(([zone]) => zone))('round-trips with localDate/localMinutes for any instant in %s', (zone) => {
    fc.assert(
      fc.property(instants, (instant) => {
        expect(zonedInstant(localDate(instant, zone), localMinutes(instant, zone), zone)).toEqual(instant);
      }),
      { numRuns: 500 },
    );
  });

  test('round-trips in Europe/Berlin for any instant outside the repeated autumn hour', () => {
    fc.assert(
      fc.property(instants, (instant) => {
        const date = localDate(instant, BERLIN);
        const minutes = localMinutes(instant, BERLIN);
        const back = zonedInstant(date, minutes, BERLIN);
        expect(localDate(back, BERLIN)).toBe(date);
        expect(localMinutes(back, BERLIN)).toBe(minutes);
        // The same wall time an hour earlier or later means the autumn overlap, where either instant is fine.
        const overlap = [-60, 60].some((shift) => {
          const other = new Date(instant.getTime() + shift * MINUTE);
          return localDate(other, BERLIN) === date && localMinutes(other, BERLIN) === minutes;
        });
        if (!overlap) expect(back).toEqual(instant);
      }),
      { numRuns: 500 },
    );
  });

  test('round-trips in Europe/Berlin for every wall time that exists, including the switch days', () => {
    const switchDays = fc.constantFrom('2026-03-29', '2026-10-25', '2027-03-28', '2027-10-31', '2030-03-31', '2030-10-27');
    fc.assert(
      fc.property(fc.oneof(calendarDates, switchDays), minutesOfDay, (date, minutes) => {
        const springGap = berlinOffsetMinutes(new Date(`${date}T12:00:00Z`)) === 120 &&
          berlinOffsetMinutes(new Date(`${date}T00:00:00Z`)) === 60 &&
          minutes >= 2 * 60 && minutes < 3 * 60;
        fc.pre(!springGap);
        const instant = zonedInstant(date, minutes, BERLIN);
        expect(localDate(instant, BERLIN)).toBe(date);
        expect(localMinutes(instant, BERLIN)).toBe(minutes);
        expect(instant.getTime() % MINUTE).toBe(0);
      }),
      { numRuns: 500 },
    );
  });

  // BUG (reported to the lead): in a zone whose clocks spring forward at midnight and that lies west of
  // UTC, zonedInstant resolves the missing midnight to 23:00 of the PREVIOUS day. Chile moves from
  // 00:00 (-04:00) to 01:00 (-03:00) on 2026-09-06; the day's first instant is 2026-09-06T04:00Z
  // (01:00 -03:00), but zonedInstant returns 2026-09-06T03:00Z, which is 23:00 on 2026-09-05 local.
  // Consequence: expiryAt() of a warranty ending 2026-09-05 fires while its last day is still running.
  test('a wall time that does not exist (spring-forward gap at midnight) resolves to the first instant of that day', () => {
    const instant = zonedInstant('2026-09-06', 0, 'America/Santiago');
    expect(localDate(instant, 'America/Santiago')).toBe('2026-09-06');
    expect(iso(instant)).toBe('2026-09-06T04:00:00.000Z');
  });

  test('east of UTC the midnight gap already resolves forward (Africa/Cairo, 2026-04-24)', () => {
    const instant = zonedInstant('2026-04-24', 0, 'Africa/Cairo');
    expect(localDate(instant, 'Africa/Cairo')).toBe('2026-04-24');
    expect(iso(instant)).toBe('2026-04-23T22:00:00.000Z');
  });
});
