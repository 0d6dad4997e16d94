/**
 * The order's SLA clock as moves drive it: targets set when the clock starts, the first response
 * recorded, pauses while the order waits on the customer or on parts, and the state an order
 * reads as. Pure; the calendar and policy come from the store.
 */
import type { RepairOrder } from './order.js';
import { AROUND_THE_CLOCK, type StoreCalendar } from './opening-hours.js';
import { countsOpeningTime, slaCounter, slaTargets } from './sla.js';
import { atRiskAt, slaMet, worseFlag, type SlaFlag } from './sla-watch.js';
import { isTerminal, type RepairStatus } from './status.js';
import type { SlaPolicy } from './store-settings.js';

export const SLA_STATES = ['on_track', 'paused', 'at_risk', 'breached', 'met'] as const;
export type SlaState = (typeof SLA_STATES)[number];

/** The order fields the clock owns (the watch's two flags, sla and responseSla, are the watch's). */
export type SlaClockFields = Pick<
  RepairOrder,
  'promisedBy' | 'promiseRiskAt' | 'slaStartedAt' | 'respondBy' | 'respondRiskAt' | 'respondedAt' | 'pausedAt' | 'pausedMs' | 'slaMet'
>;

export function isPauseStatus(status: RepairStatus, policy: Pick<SlaPolicy, 'pauseStatuses'>): boolean {
  return !isTerminal(status) && policy.pauseStatuses.includes(status);
}

/** The clock of a new order: targets from `now` unless the clock waits for a mailed device. */
export function startClock(
  order: Pick<RepairOrder, 'channel' | 'overseas' | 'distanceKm' | 'issue' | 'status'>,
  policy: SlaPolicy,
  calendar: StoreCalendar,
  now: Date,
): SlaClockFields {
  const targets = slaTargets({ ...order, category: order.issue.category }, policy, now, calendar);
  return {
    ...targets,
    slaStartedAt: now.toISOString(),
    respondedAt: null,
    pausedAt: isPauseStatus(order.status, policy) ? now.toISOString() : null,
    pausedMs: 0,
    slaMet: null,
  };
}

export const NO_CLOCK: SlaClockFields = {
  promisedBy: null, promiseRiskAt: null, slaStartedAt: null, respondBy: null, respondRiskAt: null, respondedAt: null, pausedAt: null, pausedMs: 0, slaMet: null,
};

/**
 * The clock after a move to `to` at `now`. Leaving a pause moves every open target by exactly the
 * time paused, counted the way the order's targets count (opening time for walk-ins), and adds it
 * to pausedMs; the first move after the clock started answers the customer (respondedAt).
 */
export function advanceClock(order: RepairOrder, to: RepairStatus, policy: SlaPolicy, now: Date, calendar: StoreCalendar = AROUND_THE_CLOCK): SlaClockFields {
  const at = now.toISOString();
  const current: SlaClockFields = {
    promisedBy: order.promisedBy, promiseRiskAt: order.promiseRiskAt, slaStartedAt: order.slaStartedAt, respondBy: order.respondBy,
    respondRiskAt: order.respondRiskAt, respondedAt: order.respondedAt, pausedAt: order.pausedAt, pausedMs: order.pausedMs, slaMet: order.slaMet,
  };
  if (order.channel === 'mail_in' && to === 'received' && order.promisedBy === null) {
    return startClock({ ...order, status: to }, policy, calendar, now);
  }
  if (!current.promisedBy) return current;

  const next = { ...current };
  if (next.pausedAt && !isPauseStatus(to, policy)) {
    const counter = slaCounter(countsOpeningTime(order, policy), calendar);
    const paused = counter.between(new Date(next.pausedAt), now);
    const shift = (instant: string | null) => (instant ? counter.add(new Date(instant), paused).toISOString() : null);
    next.promisedBy = shift(next.promisedBy);
    next.promiseRiskAt = shift(next.promiseRiskAt ?? legacyRiskAt(order));
    if (!next.respondedAt) {
      next.respondBy = shift(next.respondBy);
      next.respondRiskAt = shift(next.respondRiskAt);
    }
    next.pausedMs += paused;
    next.pausedAt = null;
  } else if (!next.pausedAt && isPauseStatus(to, policy)) {
    next.pausedAt = at;
  }
  if (next.respondBy && !next.respondedAt) next.respondedAt = at;
  if (to === 'completed' && next.promisedBy) next.slaMet = slaMet({ promisedBy: next.promisedBy }, now);
  return next;
}

/** An order from before opening hours has no stored at-risk instant: 75 % of its span, as the watch reads it. */
function legacyRiskAt(order: RepairOrder): string | null {
  if (!order.slaStartedAt || !order.promisedBy) return null;
  return atRiskAt({ startedAt: order.slaStartedAt, promisedBy: order.promisedBy }).toISOString();
}

/**
 * The response target's verdict: once answered, late or not; until then the watch's flag.
 * Null for orders without one (only overseas orders have it).
 */
export function responseVerdict(order: Pick<RepairOrder, 'respondBy' | 'respondedAt' | 'responseSla'>): SlaFlag | null {
  if (!order.respondBy) return null;
  if (order.respondedAt) return Date.parse(order.respondedAt) > Date.parse(order.respondBy) ? 'breached' : null;
  return order.responseSla;
}

/**
 * What the order reads as: `met`/`breached` once completed (the resolution promise decides),
 * `paused` while waiting, else the worse of the watch's two flags, or `on_track`. Orders from
 * before this (no response target, no pauses) read from their promise and flag alone.
 */
export function slaState(order: RepairOrder): SlaState {
  if (order.status === 'completed' && order.slaMet !== null) return order.slaMet ? 'met' : 'breached';
  if (order.pausedAt && !isTerminal(order.status)) return 'paused';
  return worseFlag(order.sla, responseVerdict(order)) ?? 'on_track';
}

/** What a paused order waits for, for the customer's page and messages to word. */
export const PAUSE_REASONS = ['customer_approval', 'parts', 'store'] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];

export function pauseReason(status: RepairStatus): PauseReason {
  if (status === 'awaiting_approval') return 'customer_approval';
  if (status === 'awaiting_parts') return 'parts';
  return 'store';
}
