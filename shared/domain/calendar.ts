/**
 * Calendar arithmetic on plain dates (YYYY-MM-DD) and wall-clock times in a store's time zone,
 * with Intl only: no date library, and no DST or month-end surprises left to chance.
 */
import { keptFormat } from './intl-formats.js';

const DAY_MS = 86_400_000;

export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Adds calendar months, clamping to the month's last day: Jan 31 + 1 month = Feb 28 (29 in leap years). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const monthIndex = m - 1 + months;
  const year = y + Math.floor(monthIndex / 12);
  const month = ((monthIndex % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(d, lastDay))).toISOString().slice(0, 10);
}

/**
 * The three shapes of Intl.DateTimeFormat the calendar reads a time zone with. Building a format
 * costs tens of microseconds, using one a few: each (shape, zone) is built once per container.
 */
const ZONE_FORMATS = {
  date: ['en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }],
  minutes: ['en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }],
  wallClock: ['en-US', { hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }],
} as const satisfies Record<string, readonly [string, Intl.DateTimeFormatOptions]>;

function zoneFormat(shape: keyof typeof ZONE_FORMATS, timeZone: string): Intl.DateTimeFormat {
  // A key of its own (no options to serialize): the calendar asks for these in its inner loops.
  return keptFormat(`zone ${shape} ${timeZone}`, () => {
    const [locale, options] = ZONE_FORMATS[shape];
    return new Intl.DateTimeFormat(locale, { ...options, timeZone });
  });
}

/** The calendar day an instant falls on in a time zone. */
export function localDate(instant: Date, timeZone: string): string {
  return zoneFormat('date', timeZone).format(instant);
}

/** Minutes since local midnight of an instant in a time zone. */
export function localMinutes(instant: Date, timeZone: string): number {
  const parts = zoneFormat('minutes', timeZone).formatToParts(instant);
  const hour = Number(parts.find((p) => p.type === 'hour')?.value);
  const minute = Number(parts.find((p) => p.type === 'minute')?.value);
  return hour * 60 + minute;
}

/** The UTC offset (ms) of a time zone at an instant: local wall time minus UTC. */
function offsetMs(instant: Date, timeZone: string): number {
  const parts = zoneFormat('wallClock', timeZone).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * The instant a local wall-clock time (date + minutes after midnight) happens in a time zone.
 * Across a DST change the zone has two offsets: a time that exists once uses its own; a time the
 * clocks skipped (spring forward) resolves forward to where the jump lands, as clocks do; a time
 * that happens twice (fall back) resolves to its first occurrence.
 */
export function zonedInstant(date: string, minutes: number, timeZone: string): Date {
  const wall = Date.parse(`${date}T00:00:00Z`) + minutes * 60_000;
  const HALF_DAY = 12 * 60 * 60_000;
  const before = offsetMs(new Date(wall - HALF_DAY), timeZone);
  const after = offsetMs(new Date(wall + HALF_DAY), timeZone);
  const fits = [wall - before, wall - after].filter((t) => t + offsetMs(new Date(t), timeZone) === wall);
  if (fits.length > 0) return new Date(Math.min(...fits));
  // Skipped: read with the offset in force before the jump, the time lands just after it.
  return new Date(wall - before);
}
