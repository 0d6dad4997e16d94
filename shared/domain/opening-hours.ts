/**
 * A store's opening time: weekly hours in its local time, holidays and extended service past the
 * day's closing. Pure; every instant is worked out in the store's IANA zone (calendar.ts), so a
 * DST change moves the opening instants with the clocks.
 */
import { addDays, localDate, zonedInstant } from './calendar.js';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** `["10:00", "20:00"]`: open from the first time up to the second (24:00 = midnight at the end of the day). */
export type OpeningInterval = readonly [string, string];
export type OpeningHours = Record<Weekday, readonly OpeningInterval[]>;

export interface StoreCalendar {
  timezone: string;
  /** null: open around the clock (a store that never set its hours). */
  hours: OpeningHours | null;
  /** YYYY-MM-DD days the store is closed, in its local calendar. */
  holidays: readonly string[];
  /** Service continuing past each day's last closing time, in minutes. */
  extendedMinutes: number;
}

export const AROUND_THE_CLOCK: StoreCalendar = { timezone: 'UTC', hours: null, holidays: [], extendedMinutes: 0 };

const MINUTE = 60_000;
/** Far more than any promise needs (60 holidays at most); guards against a calendar without open time. */
const SEARCH_DAYS = 800;

/** Minutes after midnight of `HH:MM`; null when it is not a time of 00:00–24:00. */
export function parseClock(value: string): number | null {
  const match = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(value);
  if (!match) return null;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return minutes <= 24 * 60 ? minutes : null;
}

/** The weekday of a calendar date (the date itself, not an instant, so no zone can shift it). */
export function weekdayOf(date: string): Weekday {
  // 1970-01-01 was a Thursday; getUTCDay: 0 = Sunday.
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return WEEKDAYS[(day + 6) % 7] as Weekday;
}

/** Store settings → calendar; a store without hours is open around the clock. */
export function storeCalendar(store: { timezone: string; hours?: OpeningHours | null; holidays?: readonly string[]; extendedMinutes?: number }): StoreCalendar {
  return { timezone: store.timezone, hours: store.hours ?? null, holidays: store.holidays ?? [], extendedMinutes: store.extendedMinutes ?? 0 };
}

type Span = [start: number, end: number];

/**
 * A day's spans cost a few zone look-ups each (tens of microseconds); a promise walks several days
 * and a resume several promises, over the same days: each (zone, day, intervals) is worked out
 * once per container. Bounded: cleared when full.
 */
const daySpanCache = new Map<string, readonly Span[]>();
const DAY_SPAN_CACHE_SIZE = 20_000;

/** One local day's open spans (epoch ms), the last one stretched by the extended minutes. */
function daySpans(calendar: StoreCalendar, hours: OpeningHours, date: string): readonly Span[] {
  if (calendar.holidays.includes(date)) return [];
  const intervals = hours[weekdayOf(date)] ?? [];
  if (intervals.length === 0) return [];
  const key = `${calendar.timezone}|${date}|${calendar.extendedMinutes}|${JSON.stringify(intervals)}`;
  let spans = daySpanCache.get(key);
  if (!spans) {
    const computed = intervals.map(([from, to]): Span => [
      zonedInstant(date, parseClock(from) ?? 0, calendar.timezone).getTime(),
      zonedInstant(date, parseClock(to) ?? 0, calendar.timezone).getTime(),
    ]);
    const last = computed[computed.length - 1];
    if (last) last[1] += calendar.extendedMinutes * MINUTE;
    spans = computed.filter(([start, end]) => end > start);
    if (daySpanCache.size >= DAY_SPAN_CACHE_SIZE) daySpanCache.clear();
    daySpanCache.set(key, spans);
  }
  return spans;
}

/**
 * Open spans in time order from the local day before `from` (its extended minutes may run past
 * midnight) onwards; touching or overlapping spans come out merged.
 */
function* openSpans(calendar: StoreCalendar, hours: OpeningHours, from: Date): Generator<Span> {
  let date = addDays(localDate(from, calendar.timezone), -1);
  let pending: Span | null = null;
  for (let day = 0; day < SEARCH_DAYS; day++, date = addDays(date, 1)) {
    for (const span of daySpans(calendar, hours, date)) {
      if (pending && span[0] <= pending[1]) pending[1] = Math.max(pending[1], span[1]);
      else {
        if (pending) yield pending;
        pending = [span[0], span[1]];
      }
    }
  }
  if (pending) yield pending;
}

/** Whether the store is open (or in extended service) at an instant; a closing instant is not open. */
export function isOpenAt(calendar: StoreCalendar, instant: Date): boolean {
  if (!calendar.hours) return true;
  const t = instant.getTime();
  for (const [start, end] of openSpans(calendar, calendar.hours, instant)) {
    if (start > t) return false;
    if (t < end) return true;
  }
  return false;
}

/**
 * The instant `durationMs` of open time after `start`: a start in closed time counts from the
 * next opening, and time left at closing carries over to the next opening. A zero duration is
 * `start` itself. Without hours (or without any open time ahead) it is plain elapsed time.
 */
export function addOpenTime(calendar: StoreCalendar, start: Date, durationMs: number): Date {
  if (!calendar.hours || durationMs <= 0) return new Date(start.getTime() + Math.max(0, durationMs));
  let left = durationMs;
  const t = start.getTime();
  for (const [spanStart, spanEnd] of openSpans(calendar, calendar.hours, start)) {
    if (spanEnd <= t) continue;
    const from = Math.max(spanStart, t);
    if (from + left <= spanEnd) return new Date(from + left);
    left -= spanEnd - from;
  }
  return new Date(t + durationMs);
}

/** Open time (ms) between two instants; zero when `to` is not after `from`. */
export function openTimeBetween(calendar: StoreCalendar, from: Date, to: Date): number {
  const a = from.getTime();
  const b = to.getTime();
  if (b <= a) return 0;
  if (!calendar.hours) return b - a;
  let total = 0;
  for (const [spanStart, spanEnd] of openSpans(calendar, calendar.hours, from)) {
    if (spanStart >= b) break;
    total += Math.max(0, Math.min(spanEnd, b) - Math.max(spanStart, a));
  }
  return total;
}
