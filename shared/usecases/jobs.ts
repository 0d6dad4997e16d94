import { isTerminal } from '../domain/status.js';
import { insideSmsWindow, nextSmsWindow } from '../domain/quiet-hours.js';
import { slaFlagAt, type SlaFlag } from '../domain/sla-watch.js';
import { expiryAt } from '../domain/warranty.js';
import type { RepairOrder } from '../domain/order.js';
import type { StoreSettings } from '../domain/store-settings.js';
import { responseVerdict } from '../domain/sla-clock.js';
import type { PhotoPurgeQueue } from './job-ports.js';
import type { DueBatch, DueOrder, DueWarranty, FollowUpQueue, OpsAlerts, RdQueue, ReadDue, SlaQueue, SlaTarget, WarrantyQueue } from './job-ports.js';
import type { Escalation } from '../domain/escalation.js';
import type { OrderRepository, StoreRepository } from './ports.js';
import { sendUpdateOnce, type SendOutcome, type SmsDeps } from './send-sms.js';
import { hasMessagingConsent } from '../domain/message-channel.js';
import { customerPageUrl, pageLinkUsable } from '../domain/page-link.js';

export interface JobBudget {
  pageSize: number;
  /** False once the invocation should stop and leave the rest to the next run. */
  hasTime: () => boolean;
  onItemError?: (error: unknown) => void;
}

export interface JobSummary {
  job: string;
  at: string;
  examined: number;
  changed: number;
  /** Items whose handling failed; they stay due and the next run tries them again. */
  failed: number;
  pages: number;
  readUnits: number;
  /** False when the budget ran out with work left: the next run resumes it (nothing keeps a cursor). */
  complete: boolean;
}

/**
 * The loop every job shares: read its due queue a page at a time (everything due at or before
 * `at`) and handle each item. Handled items leave the queue, so running again at the same time
 * finds nothing; an item planned in the past after an earlier run is simply due now.
 */
export async function drainDue<T>(
  job: string,
  at: Date,
  read: ReadDue<T>,
  handle: (item: T) => Promise<boolean>,
  budget: JobBudget,
): Promise<JobSummary> {
  const summary: JobSummary = { job, at: at.toISOString(), examined: 0, changed: 0, failed: 0, pages: 0, readUnits: 0, complete: true };
  let start: Record<string, unknown> | undefined;
  do {
    if (!budget.hasTime()) {
      summary.complete = false;
      break;
    }
    const batch: DueBatch<T> = await read(at, budget.pageSize, start);
    summary.pages++;
    summary.readUnits += batch.readUnits;
    for (const item of batch.items) {
      summary.examined++;
      try {
        if (await handle(item)) summary.changed++;
      } catch (error) {
        summary.failed++;
        budget.onItemError?.(error);
      }
    }
    start = batch.next;
  } while (start);
  return summary;
}

/** Planned calls whose time has come join the store's call queue. */
export function runFollowUpsJob(queue: FollowUpQueue, at: Date, budget: JobBudget): Promise<JobSummary> {
  return drainDue('followups', at, queue.due, (task) => queue.markDue(task), budget);
}

export interface PhotoRetentionDeps {
  queue: PhotoPurgeQueue;
  /** Deletes the order's photos (objects and records); how many went. */
  erase: (storeId: string, orderId: string) => Promise<number>;
}

/**
 * Daily: the photos of orders whose retention ended (90 days after the repair warranty, or after
 * the order ended without one) are deleted, objects and records; the order leaves the queue only
 * once they are gone, so a failure is retried by the next run.
 */
export function runPhotoRetentionJob(deps: PhotoRetentionDeps, at: Date, budget: JobBudget): Promise<JobSummary> {
  return drainDue('photos', at, deps.queue.due, async (purge) => {
    await deps.erase(purge.storeId, purge.orderId);
    return deps.queue.done(purge);
  }, budget);
}

export interface SlaJobDeps {
  queue: SlaQueue;
  alerts: OpsAlerts;
  /** The R&D queue's SLA, watched by the same job. */
  rd?: RdQueue;
}

/**
 * Flags open orders at_risk (75 % of the promised time gone) and breached (promise missed), for
 * each of its targets apart — the promise (resolution) and, on overseas orders, the first
 * response — once each, with one alert each to the ops topic. A paused order is never flagged.
 * A flag whose alert did not go out stays pending in the queue and is alerted on the next run.
 */
export async function runSlaJob(deps: SlaJobDeps, at: Date, budget: JobBudget): Promise<JobSummary> {
  const orders = await runOrderSla(deps, at, budget);
  if (!deps.rd) return orders;
  const rd = await runRdSla({ rd: deps.rd, alerts: deps.alerts }, at, budget);
  return {
    ...orders,
    examined: orders.examined + rd.examined,
    changed: orders.changed + rd.changed,
    failed: orders.failed + rd.failed,
    pages: orders.pages + rd.pages,
    readUnits: orders.readUnits + rd.readUnits,
    complete: orders.complete && rd.complete,
  };
}

/**
 * The R&D queue's SLA: an escalation still raised at its dueBy is alerted once to the ops topic
 * (no customer data: the store, device model and category) and leaves the queue; an alert that
 * did not go out leaves it due for the next run.
 */
export function runRdSla(deps: { rd: RdQueue; alerts: OpsAlerts }, at: Date, budget: JobBudget): Promise<JobSummary> {
  return drainDue('sla', at, deps.rd.due, async (escalation: Escalation) => {
    if (escalation.state !== 'raised' || !escalation.raised) return false;
    const { raisedAt, dueBy, device, category } = escalation.raised;
    await deps.alerts.publish({ kind: 'rd-sla', escalationId: escalation.id, storeId: escalation.storeId, model: device.model, category, raisedAt, dueBy, at: at.toISOString() });
    return deps.rd.markAlerted(escalation, at);
  }, budget);
}

function runOrderSla(deps: SlaJobDeps, at: Date, budget: JobBudget): Promise<JobSummary> {
  const alert = (order: RepairOrder, target: SlaTarget, flag: SlaFlag) =>
    deps.alerts.publish({
      kind: 'sla', target, flag, storeId: order.storeId, orderId: order.id, trackingCode: order.trackingCode,
      status: order.status, channel: order.channel, promisedBy: order.promisedBy ?? '',
      ...(target === 'response' && order.respondBy && { respondBy: order.respondBy }), at: at.toISOString(),
    });

  return drainDue('sla', at, deps.queue.due, async (order: DueOrder) => {
    if (order.slaAlertPending || order.responseAlertPending) {
      if (order.slaAlertPending) await alert(order, 'resolution', order.slaAlertPending);
      if (order.responseAlertPending) await alert(order, 'response', order.responseAlertPending);
      await deps.queue.settle(order);
      return true;
    }
    if (isTerminal(order.status) || !order.promisedBy || !order.slaStartedAt || order.pausedAt) {
      await deps.queue.settle(order);
      return false;
    }
    let current: RepairOrder = order;
    let changed = false;
    for (const target of ['resolution', 'response'] as const) {
      const change = flagChange(current, target, at);
      if (!change) continue;
      if (!(await deps.queue.setFlag(current, target, change.from, change.to))) return changed;
      current = target === 'resolution' ? { ...current, sla: change.to } : { ...current, responseSla: change.to };
      if (change.to) await alert(current, target, change.to);
      changed = true;
    }
    await deps.queue.settle(current);
    return changed;
  }, budget);
}

/** The flag move one target needs at `at`, or null when it keeps its flag. */
function flagChange(order: RepairOrder, target: SlaTarget, at: Date): { from: SlaFlag | null; to: SlaFlag | null } | null {
  const startedAt = order.slaStartedAt as string;
  if (target === 'resolution') {
    const flag = slaFlagAt({ startedAt, promisedBy: order.promisedBy as string, atRiskAt: order.promiseRiskAt }, at);
    if (flag === null || flag === order.sla || order.sla === 'breached') return null;
    return { from: order.sla, to: flag };
  }
  if (!order.respondBy) return null;
  // Answered: the flag settles on the verdict (cleared, or breached when the answer came late).
  const flag = order.respondedAt
    ? responseVerdict(order)
    : slaFlagAt({ startedAt, promisedBy: order.respondBy, atRiskAt: order.respondRiskAt }, at);
  if (flag === order.responseSla || (!order.respondedAt && (flag === null || order.responseSla === 'breached'))) return null;
  return { from: order.responseSla, to: flag };
}

export interface WarrantyJobDeps {
  queue: WarrantyQueue;
  orders: OrderRepository;
  stores: StoreRepository;
  sms: SmsDeps;
}

/**
 * A week before a repair warranty's last day, one reminder SMS — only between 09:00 and 20:00 in
 * the store's time zone, otherwise at the next such window — and at its end, expiry.
 */
export function runWarrantyJob(deps: WarrantyJobDeps, at: Date, budget: JobBudget): Promise<JobSummary> {
  const storeOf = storesReadOncePerRun(deps.stores);
  return drainDue('warranty', at, deps.queue.due, async (warranty: DueWarranty) => {
    const expiresAt = expiryAt(warranty);
    if (warranty.nextAction === 'expire' || at.getTime() >= expiresAt.getTime()) return deps.queue.expire(warranty);
    if (!insideSmsWindow(at, warranty.timezone)) {
      await deps.queue.reschedule(warranty, 'remind', nextSmsWindow(at, warranty.timezone));
      return false;
    }
    await remind(deps, storeOf, warranty);
    return deps.queue.reschedule(warranty, 'expire', expiresAt);
  }, budget);
}

/**
 * A run's reminders mostly come from a few stores: each store's settings are read once per run
 * (a run lasts minutes at most, so a settings change reaches the next run).
 */
export function storesReadOncePerRun(stores: Pick<StoreRepository, 'get'>): (storeId: string) => Promise<StoreSettings | null> {
  const reads = new Map<string, Promise<StoreSettings | null>>();
  return (storeId) => {
    let read = reads.get(storeId);
    if (!read) {
      read = stores.get(storeId);
      // A failed read is not kept: the next reminder of that store asks again.
      read.catch(() => reads.delete(storeId));
      reads.set(storeId, read);
    }
    return read;
  };
}

async function remind(deps: WarrantyJobDeps, storeOf: (storeId: string) => Promise<StoreSettings | null>, warranty: DueWarranty): Promise<void> {
  if (!warranty.orderId) return;
  await messageWarrantyCustomer(deps, storeOf, { orderId: warranty.orderId, tag: `WARRANTY#${warranty.id}`, template: 'warranty_reminder', timezone: warranty.timezone, warrantyEndsOn: warranty.endsAt });
}

/**
 * One message about a repair warranty to the customer of its order, once per tag (the order's
 * ledger), on the channel they chose: the expiry reminder, a campaign's new end date. Nothing for an
 * erased customer or one who never consented (null).
 */
export async function messageWarrantyCustomer(
  deps: { orders: Pick<OrderRepository, 'get'>; sms: SmsDeps },
  storeOf: (storeId: string) => Promise<StoreSettings | null>,
  message: { orderId: string; tag: string; template: 'warranty_reminder' | 'warranty_extended'; timezone: string; warrantyEndsOn: string },
): Promise<SendOutcome | null> {
  const found = await deps.orders.get(message.orderId);
  const customer = found?.order.customer;
  // Erased, never consented: nobody to tell.
  if (!found || !customer?.phone || !hasMessagingConsent(customer)) return null;
  const store = await storeOf(found.order.storeId);
  const linkUsable = pageLinkUsable(found.order, found.history, deps.sms.now());
  return sendUpdateOnce(deps.sms, {
    marker: { orderId: found.order.id, tag: message.tag },
    consent: { smsOptIn: customer.smsOptIn, whatsappOptIn: customer.whatsappOptIn === true },
    pageToken: linkUsable ? found.order.pageToken : null,
    to: customer.phone,
    language: customer.language,
    template: message.template,
    store,
    values: {
      storeName: found.order.storeName,
      trackingCode: found.order.trackingCode,
      timezone: message.timezone,
      warrantyEndsOn: message.warrantyEndsOn,
      // A long warranty outlives the page (90 days after the end): then the message goes without the link.
      pageUrl: linkUsable ? customerPageUrl(deps.sms.publicBaseUrl ?? null, found.order.pageToken) : null,
    },
  });
}
