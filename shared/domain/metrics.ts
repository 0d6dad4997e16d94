import { localDate } from './calendar.js';
import type { FollowUpTask } from './follow-up.js';
import type { RepairOrder } from './order.js';
import type { RepairStatus } from './status.js';
import { TurnaroundHistogram } from './turnaround-histogram.js';

/** What one event adds to a store's day: counters, plus a completion's turnaround for percentiles. */
export interface DayContribution {
  storeId: string;
  day: string;
  counts: Partial<Record<MetricCounter, number>>;
  turnaroundMinutes?: number;
}

export const METRIC_COUNTERS = [
  'opened', 'completed', 'cancelled', 'slaEligible', 'slaMet', 'reworked', 'responses', 'rated', 'ratingSum', 'satisfiedAnswered', 'satisfied',
  // The customer page's share of responses/rated/ratingSum (those count calls and page ratings together).
  'pageRated', 'pageRatingSum',
] as const;
export type MetricCounter = (typeof METRIC_COUNTERS)[number];

/** A store's day: its counters and its completions' turnarounds (a fixed-size histogram). */
export type DayAggregate = Record<MetricCounter, number> & { turnaround: TurnaroundHistogram };

/** Contributions to one store's day added up: what the store adds to that day in one write. */
export interface DayDelta {
  storeId: string;
  day: string;
  counts: Partial<Record<MetricCounter, number>>;
  /** Null when none of them was a completion. */
  turnaround: TurnaroundHistogram | null;
}

/** Adds up contributions per store and day (in the order each store-day first appears). */
export function dayDeltas(contributions: DayContribution[]): DayDelta[] {
  const deltas = new Map<string, DayDelta>();
  for (const { storeId, day, counts, turnaroundMinutes } of contributions) {
    const key = `${storeId}#${day}`;
    const delta = deltas.get(key) ?? { storeId, day, counts: {}, turnaround: null };
    for (const [name, value] of Object.entries(counts) as [MetricCounter, number][]) delta.counts[name] = (delta.counts[name] ?? 0) + value;
    if (turnaroundMinutes !== undefined) delta.turnaround = (delta.turnaround ?? TurnaroundHistogram.empty()).add(turnaroundMinutes);
    deltas.set(key, delta);
  }
  return [...deltas.values()];
}

/** An order's contribution when it is opened or when its status changes (day = the store's calendar day). */
export function orderContribution(order: RepairOrder, previousStatus: RepairStatus | null, timeZone: string): DayContribution | null {
  if (previousStatus === null) {
    return { storeId: order.storeId, day: localDate(new Date(order.createdAt), timeZone), counts: { opened: 1 } };
  }
  if (previousStatus === order.status) return null;
  const day = localDate(new Date(order.updatedAt), timeZone);
  if (order.status === 'cancelled') return { storeId: order.storeId, day, counts: { cancelled: 1 } };
  if (order.status !== 'completed') return null;
  // Turnaround runs from when the store had the device (intake, or receipt of a mailed one).
  const start = Date.parse(order.slaStartedAt ?? order.createdAt);
  return {
    storeId: order.storeId,
    day,
    counts: { completed: 1, ...(order.promisedBy && { slaEligible: 1, slaMet: order.slaMet ? 1 : 0 }) },
    turnaroundMinutes: Math.max(0, Math.round((Date.parse(order.updatedAt) - start) / 60_000)),
  };
}

/**
 * A rework marks the first repair as not fixed the first time: on the day, and for the store, that
 * completed it. Counted once per repair however many reworks follow (the caller's marker is the
 * repair's own), so `reworked` counts repairs, never reworks. Only a completed repair has a
 * repair warranty to be redone under; anything else adds nothing.
 */
export function reworkContribution(original: RepairOrder, timeZone: string): DayContribution | null {
  if (original.status !== 'completed') return null;
  return { storeId: original.storeId, day: localDate(new Date(original.updatedAt), timeZone), counts: { reworked: 1 } };
}

/** A call that reached the customer adds a survey response (CSAT). */
export function followUpContribution(task: FollowUpTask, timeZone: string): DayContribution | null {
  const outcome = task.outcome;
  if (task.state !== 'done' || !outcome?.reached) return null;
  const counts: DayContribution['counts'] = { responses: 1 };
  if (outcome.rating !== undefined) Object.assign(counts, { rated: 1, ratingSum: outcome.rating });
  if (outcome.satisfied !== undefined) Object.assign(counts, { satisfiedAnswered: 1, satisfied: outcome.satisfied ? 1 : 0 });
  return { storeId: task.storeId, day: localDate(new Date(outcome.recordedAt), timeZone), counts };
}

/**
 * A rating left on the customer page: a CSAT response like a call's, counted in the totals and
 * apart (pageRated, pageRatingSum), on the store's day it was given.
 */
export function pageRatingContribution(rating: { storeId: string; rating: number; at: string }, timeZone: string): DayContribution {
  return {
    storeId: rating.storeId,
    day: localDate(new Date(rating.at), timeZone),
    counts: { responses: 1, rated: 1, ratingSum: rating.rating, pageRated: 1, pageRatingSum: rating.rating },
  };
}

/** The exact nearest-rank percentile of samples (the histogram's reference). */
export function percentileOf(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? null;
}

const percent = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 10);

export interface StoreMetrics {
  from: string;
  to: string;
  opened: number;
  completed: number;
  cancelled: number;
  turnaroundMinutes: { median: number | null; p90: number | null };
  slaMetPercent: number | null;
  firstTimeFixPercent: number | null;
  /** Calls and customer-page ratings together, then each apart. */
  csat: {
    meanRating: number | null;
    satisfiedPercent: number | null;
    responses: number;
    calls: { meanRating: number | null; responses: number };
    page: { meanRating: number | null; responses: number };
  };
}

const mean = (sum: number, count: number) => (count === 0 ? null : Math.round((sum / count) * 100) / 100);

/**
 * First-time fix: the share of the period's completed repairs that no rework order came back for.
 * `reworked` counts each repair at most once, on its completion day; it can still exceed
 * `completed` (a repair completed before its day was counted, a store's time zone changed), so
 * the share stays within 0–100 rather than going negative.
 */
export function firstTimeFixPercent(completed: number, reworked: number): number | null {
  const fixedFirstTime = Math.max(0, completed - Math.max(0, reworked));
  return percent(fixedFirstTime, completed);
}

/**
 * The period's KPIs from its daily aggregates; a share with nothing to divide is null, not 0.
 * Turnaround percentiles come from the days' histograms merged (a store's period, or every
 * store's for the network), so they are approximate within one bucket (turnaround-histogram.ts).
 */
export function summarize(from: string, to: string, days: DayAggregate[]): StoreMetrics {
  const total = Object.fromEntries(METRIC_COUNTERS.map((c) => [c, days.reduce((sum, d) => sum + (d[c] ?? 0), 0)])) as Record<MetricCounter, number>;
  const turnaround = days.reduce((merged, d) => merged.merge(d.turnaround), TurnaroundHistogram.empty());
  return {
    from,
    to,
    opened: total.opened,
    completed: total.completed,
    cancelled: total.cancelled,
    turnaroundMinutes: { median: turnaround.percentile(50), p90: turnaround.percentile(90) },
    slaMetPercent: percent(total.slaMet, total.slaEligible),
    firstTimeFixPercent: firstTimeFixPercent(total.completed, total.reworked),
    csat: {
      meanRating: mean(total.ratingSum, total.rated),
      satisfiedPercent: percent(total.satisfied, total.satisfiedAnswered),
      responses: total.responses,
      calls: { meanRating: mean(total.ratingSum - total.pageRatingSum, total.rated - total.pageRated), responses: total.responses - total.pageRated },
      page: { meanRating: mean(total.pageRatingSum, total.pageRated), responses: total.pageRated },
    },
  };
}

/** The league table's sort fields: `field` ascending, `-field` descending; stores without a value go last either way. */
export const LEAGUE_FIELDS = ['opened', 'completed', 'cancelled', 'turnaroundMedian', 'turnaroundP90', 'slaMetPercent', 'firstTimeFixPercent', 'csatMeanRating', 'satisfiedPercent'] as const;
export type LeagueField = (typeof LEAGUE_FIELDS)[number];
export const LEAGUE_SORTS = LEAGUE_FIELDS.flatMap((field) => [field, `-${field}`] as const);
export type LeagueSort = LeagueField | `-${LeagueField}`;

const leagueValue: Record<LeagueField, (m: StoreMetrics) => number | null> = {
  opened: (m) => m.opened,
  completed: (m) => m.completed,
  cancelled: (m) => m.cancelled,
  turnaroundMedian: (m) => m.turnaroundMinutes.median,
  turnaroundP90: (m) => m.turnaroundMinutes.p90,
  slaMetPercent: (m) => m.slaMetPercent,
  firstTimeFixPercent: (m) => m.firstTimeFixPercent,
  csatMeanRating: (m) => m.csat.meanRating,
  satisfiedPercent: (m) => m.csat.satisfiedPercent,
};

/** Orders the stores by one KPI; ties (and stores with nothing to measure, last) by store id, so pages are stable. */
export function sortLeague<T extends { storeId: string; metrics: StoreMetrics }>(rows: T[], sort: LeagueSort): T[] {
  const descending = sort.startsWith('-');
  const value = leagueValue[(descending ? sort.slice(1) : sort) as LeagueField];
  return [...rows].sort((a, b) => {
    const x = value(a.metrics);
    const y = value(b.metrics);
    if (x !== y) {
      if (x === null) return 1;
      if (y === null) return -1;
      return descending ? y - x : x - y;
    }
    return a.storeId < b.storeId ? -1 : a.storeId > b.storeId ? 1 : 0;
  });
}
