import { addDays } from '../domain/calendar.js';
import { changeTag } from '../notify/ports.js';
import { followUpContribution, orderContribution, pageRatingContribution, reworkContribution, summarize, type StoreMetrics } from '../domain/metrics.js';
import { RuleViolationError } from '../domain/errors.js';
import type { StatusChange } from './notify-status.js';
import type { MetricsRepository, OrderRepository, PageRating, QualityRepository, StoreRepository } from './ports.js';
import { repairQuality, reworkQuality } from '../domain/quality.js';
import type { FollowUpState, FollowUpTask } from '../domain/follow-up.js';

export interface FollowUpChange {
  task: FollowUpTask;
  previousState: FollowUpState | null;
}

export interface AggregateDeps {
  metrics: MetricsRepository;
  /** The network's model-quality counters, fed by the same changes. */
  quality: QualityRepository;
  orders: OrderRepository;
  /** The store's time zone decides which day an event counts on. */
  timeZoneOf: (storeId: string) => Promise<string>;
}

/** Marker beside the redone repair: it counts as reworked once, whatever number of reworks follow. */
export const REWORKED_TAG = 'REWORKED';

/** Counts an order change in its store's day (and a rework against the repair it redoes), once each. */
export async function aggregateOrderChange(deps: AggregateDeps, change: StatusChange): Promise<number> {
  const { order } = change;
  let added = 0;
  const contribution = orderContribution(order, change.previousStatus, await deps.timeZoneOf(order.storeId));
  if (contribution && (await deps.metrics.addOnce({ orderId: order.id, tag: changeTag(order.version) }, contribution))) added++;
  // An order completes once (completed is final): its marker never needs to expire.
  const repair = repairQuality(order, change.previousStatus);
  if (repair && (await deps.quality.addOnce({ orderId: order.id, tag: 'QUALITY#REPAIR' }, repair))) added++;
  if (change.previousStatus === null && order.reworkOf) {
    const original = await deps.orders.get(order.reworkOf);
    // Every rework counts for quality (each is a device back), keyed on the rework itself.
    const back = original && reworkQuality(original.order, order);
    if (back && (await deps.quality.addOnce({ orderId: order.id, tag: 'QUALITY#REWORK' }, back))) added++;
    const rework = original && reworkContribution(original.order, await deps.timeZoneOf(original.order.storeId));
    // Keyed on the original, not on this order: a second rework of the same repair (or a cancelled
    // one and another) leaves first-time fix where the first rework put it — months later too, as
    // long as the repair warranty runs, so this marker never expires.
    if (rework && (await deps.metrics.addOnce({ orderId: original.order.id, tag: REWORKED_TAG, permanent: true }, rework))) added++;
  }
  return added;
}

/** Counts a reached call's survey answers once. */
export async function aggregateFollowUpChange(deps: AggregateDeps, change: FollowUpChange): Promise<number> {
  if (change.previousState === change.task.state) return 0;
  const contribution = followUpContribution(change.task, await deps.timeZoneOf(change.task.storeId));
  if (!contribution) return 0;
  const tag = `FU#${change.task.seq}#${change.task.attempt}`;
  return (await deps.metrics.addOnce({ orderId: change.task.orderId, tag }, contribution)) ? 1 : 0;
}

/** Counts a customer-page rating once (an order has at most one). */
export async function aggregatePageRating(deps: AggregateDeps, rating: PageRating): Promise<number> {
  const contribution = pageRatingContribution(rating, await deps.timeZoneOf(rating.storeId));
  return (await deps.metrics.addOnce({ orderId: rating.orderId, tag: 'PAGE#RATING' }, contribution)) ? 1 : 0;
}

/** At most a year per request: the answer is one Query over at most 366 day items. */
export const MAX_METRICS_DAYS = 366;

/** A store's or the network's period: `to` not before `from`, at most a year. */
export function checkPeriod(from: string, to: string): void {
  if (from > to) throw new RuleViolationError('to', 'must not be before from');
  if (addDays(from, MAX_METRICS_DAYS - 1) < to) throw new RuleViolationError('to', `the period may span at most ${MAX_METRICS_DAYS} days`);
}

export async function storeMetrics(metrics: MetricsRepository, storeId: string, from: string, to: string): Promise<StoreMetrics> {
  checkPeriod(from, to);
  return summarize(from, to, await metrics.days(storeId, from, to));
}

export function timeZoneResolver(stores: StoreRepository): (storeId: string) => Promise<string> {
  const cache = new Map<string, string>();
  return async (storeId) => {
    const cached = cache.get(storeId);
    if (cached) return cached;
    const zone = (await stores.get(storeId))?.timezone ?? 'UTC';
    cache.set(storeId, zone);
    return zone;
  };
}
