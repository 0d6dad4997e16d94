import { addOpenTime, AROUND_THE_CLOCK, openTimeBetween, type StoreCalendar } from './opening-hours.js';
import { AT_RISK_FRACTION } from './sla-watch.js';
import type { SlaPolicy } from './store-settings.js';
import type { Channel, IssueCategory } from './vocabulary.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const QUICK_WALK_IN_CATEGORIES: readonly IssueCategory[] = ['screen', 'battery'];

export interface SlaInput {
  channel: Channel;
  category: IssueCategory;
  distanceKm?: number | null | undefined;
  overseas?: boolean | undefined;
}

/**
 * How long the store promises to take, from the moment the clock starts
 * (order creation, or receipt of the device for mail-in).
 */
export function promiseDurationMs(input: SlaInput, policy: SlaPolicy): number {
  if (input.overseas) return policy.overseasHours * HOUR;
  switch (input.channel) {
    case 'walk_in':
      return QUICK_WALK_IN_CATEGORIES.includes(input.category)
        ? policy.walkInMinutes * MINUTE
        : policy.walkInOtherMinutes * MINUTE;
    case 'on_site':
      return (input.distanceKm ?? Number.POSITIVE_INFINITY) <= policy.onSiteNearKm
        ? policy.onSiteNearHours * HOUR
        : policy.onSiteFarHours * HOUR;
    case 'mail_in':
      return policy.mailInHours * HOUR;
  }
}

/** A mail-in promise starts when the device arrives; until then there is nothing to promise. */
export function slaClockStartsAtCreation(channel: Channel): boolean {
  return channel !== 'mail_in';
}

/**
 * Walk-in minute targets count opening time (the "50-minute screen" is 50 minutes of the store
 * being open); hour targets (on-site, mail-in, overseas) are calendar hours unless the store asks
 * for them in opening time too.
 */
export function countsOpeningTime(input: Pick<SlaInput, 'channel' | 'overseas'>, policy: Pick<SlaPolicy, 'hourTargets'>): boolean {
  return (input.channel === 'walk_in' && !input.overseas) || policy.hourTargets === 'opening_hours';
}

/** A clock for one order: how its targets add time and measure time (opening time or plain elapsed time). */
export interface SlaCounter {
  add(start: Date, durationMs: number): Date;
  between(from: Date, to: Date): number;
}

export function slaCounter(inOpeningTime: boolean, calendar: StoreCalendar): SlaCounter {
  const clock = inOpeningTime ? calendar : AROUND_THE_CLOCK;
  return { add: (start, ms) => addOpenTime(clock, start, ms), between: (from, to) => openTimeBetween(clock, from, to) };
}

export function promisedBy(input: SlaInput, policy: SlaPolicy, clockStart: Date, calendar: StoreCalendar = AROUND_THE_CLOCK): string {
  return slaCounter(countsOpeningTime(input, policy), calendar).add(clockStart, promiseDurationMs(input, policy)).toISOString();
}

/** The promise (and, for overseas orders, the first-response target), each with the instant it becomes at risk. */
export interface SlaTargets {
  promisedBy: string;
  promiseRiskAt: string;
  respondBy: string | null;
  respondRiskAt: string | null;
}

export function slaTargets(input: SlaInput, policy: SlaPolicy, clockStart: Date, calendar: StoreCalendar = AROUND_THE_CLOCK): SlaTargets {
  const counter = slaCounter(countsOpeningTime(input, policy), calendar);
  const target = (ms: number) => ({ due: counter.add(clockStart, ms).toISOString(), risk: counter.add(clockStart, ms * AT_RISK_FRACTION).toISOString() });
  const promise = target(promiseDurationMs(input, policy));
  const response = input.overseas ? target(policy.overseasResponseHours * HOUR) : null;
  return { promisedBy: promise.due, promiseRiskAt: promise.risk, respondBy: response?.due ?? null, respondRiskAt: response?.risk ?? null };
}
