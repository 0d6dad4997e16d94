import type { Escalation } from '../domain/escalation.js';
import type { FollowUpTask } from '../domain/follow-up.js';
import type { OrderEvent, RepairOrder } from '../domain/order.js';
import { isTerminal } from '../domain/status.js';
import { nextSlaCheck, worseFlag } from '../domain/sla-watch.js';
import { responseVerdict } from '../domain/sla-clock.js';
import { expiryAt, reminderDueAt, type Warranty } from '../domain/warranty.js';
import { keys } from './keys.js';
import { phoneHash } from '../domain/phone.js';
import type { PageRating, ProblemReport } from '../usecases/ports.js';

/**
 * Every entity's item shape in one place: its keys, its index entries and how it reads back.
 * Index entries are derived from the entity's state, so no writer can forget one.
 */
export type Item = Record<string, unknown>;

function pick<T>(item: Item, fields: readonly string[]): T {
  const picked: Item = {};
  for (const field of fields) picked[field] = item[field] ?? null;
  return picked as T;
}

/** An entity as read back: every field present, null where the item has none (as pick does). */
type Stored<T> = { [K in keyof T]: T[K] | null };

// ── Orders ───────────────────────────────────────────────────────────────────────────────────

/**
 * When the SLA watch should next look at this order: the earlier of its two targets' next checks.
 * Null once it is finished, while it is paused (a paused order is never flagged: it leaves the
 * queue, and the move that resumes it puts it back at its moved promise), or when nothing is left.
 */
export function slaNextCheck(order: RepairOrder): string | null {
  if (isTerminal(order.status) || !order.promisedBy || !order.slaStartedAt || order.pausedAt) return null;
  const resolution = nextSlaCheck({ startedAt: order.slaStartedAt, promisedBy: order.promisedBy, atRiskAt: order.promiseRiskAt }, order.sla);
  const checks = [resolution, responseNextCheck(order)].filter((check): check is Date => check !== null);
  if (checks.length === 0) return null;
  return new Date(Math.min(...checks.map((check) => check.getTime()))).toISOString();
}

/** Unanswered: its next flag; answered: once more, so the watch settles its flag with the verdict. */
function responseNextCheck(order: RepairOrder): Date | null {
  if (!order.respondBy || !order.slaStartedAt) return null;
  if (order.respondedAt) return responseVerdict(order) === order.responseSla ? null : new Date(order.respondedAt);
  return nextSlaCheck({ startedAt: order.slaStartedAt, promisedBy: order.respondBy, atRiskAt: order.respondRiskAt }, order.responseSla);
}

/** The flag an open order is listed under (`?sla=`): the worse of the watch's two. */
export function listedSlaFlag(order: RepairOrder): string | null {
  return isTerminal(order.status) ? null : worseFlag(order.sla, order.responseSla);
}

/** The order's index entries as they follow from its state (absent ones are null, for REMOVE). */
export function orderIndexEntries(order: RepairOrder): Record<string, string | null> {
  const newest = keys.newestFirst(order.createdAt, order.id);
  const check = slaNextCheck(order);
  const flag = listedSlaFlag(order);
  return {
    gsi1pk: keys.storeOrders(order.storeId),
    gsi1sk: newest,
    gsi2pk: keys.storeOrdersInStatus(order.storeId, order.status),
    gsi2sk: newest,
    gsi3pk: check ? keys.dueQueue('SLA') : null,
    gsi3sk: check ? keys.dueAt(check, order.id) : null,
    gsi4pk: flag ? keys.storeSlaFlag(order.storeId, flag) : null,
    gsi4sk: flag ? newest : null,
    gsi5pk: order.device.deviceId ? keys.deviceOrders(order.device.deviceId) : null,
    gsi5sk: order.device.deviceId ? newest : null,
  };
}

/**
 * The index entries a move writes. The SLA flag listing (gsi4) belongs to the SLA watch, which
 * sets it together with the flag; a move's copy of the order may predate the flag (the watch does
 * not bump the version), so a move leaves gsi4 alone and only takes it away when the order ends.
 */
export function moveIndexEntries(order: RepairOrder): Record<string, string | null> {
  const entries = orderIndexEntries(order);
  if (isTerminal(order.status)) return entries; // gsi4 is null for a finished order: removed
  const { gsi4pk: _flag, gsi4sk: _position, ...open } = entries;
  return open;
}

function withoutNulls(entries: Record<string, string | null>): Record<string, string> {
  const present: Record<string, string> = {};
  for (const key in entries) {
    const value = entries[key] as string | null;
    if (value !== null) present[key] = value;
  }
  return present;
}

export function orderItem(order: RepairOrder): Item {
  return { ...keys.order(order.id), type: 'order', ...order, ...withoutNulls(orderIndexEntries(order)) };
}

/**
 * Fields named one by one, unlike pick: lists and histories read many orders and events, and an
 * object literal is built in one step where pick grows each object field by field (about 3× the
 * time for a page of 20). The Stored<…> type makes the compiler insist on every field.
 */
export function toOrder(item: Item): RepairOrder {
  const stored = item as Partial<Stored<RepairOrder>>;
  const order: Stored<RepairOrder> = {
    id: stored.id ?? null,
    trackingCode: stored.trackingCode ?? null,
    storeId: stored.storeId ?? null,
    storeName: stored.storeName ?? null,
    status: stored.status ?? null,
    version: stored.version ?? null,
    channel: stored.channel ?? null,
    customer: stored.customer ?? null,
    device: stored.device ?? null,
    issue: stored.issue ?? null,
    estimate: stored.estimate ?? null,
    dataBackupRequested: stored.dataBackupRequested ?? null,
    distanceKm: stored.distanceKm ?? null,
    overseas: stored.overseas ?? null,
    underWarranty: stored.underWarranty ?? null,
    reworkOf: stored.reworkOf ?? null,
    promisedBy: stored.promisedBy ?? null,
    // Orders from before opening hours carry none of the clock's newer fields: no response
    // target, never paused, at risk at 75 % of their span (sla-watch reads it that way).
    promiseRiskAt: stored.promiseRiskAt ?? null,
    slaStartedAt: stored.slaStartedAt ?? null,
    sla: stored.sla ?? null,
    respondBy: stored.respondBy ?? null,
    respondRiskAt: stored.respondRiskAt ?? null,
    respondedAt: stored.respondedAt ?? null,
    responseSla: stored.responseSla ?? null,
    pausedAt: stored.pausedAt ?? null,
    pausedMs: stored.pausedMs ?? 0,
    slaMet: stored.slaMet ?? null,
    personalDataErasedAt: stored.personalDataErasedAt ?? null,
    pageToken: stored.pageToken ?? null,
    quote: stored.quote ?? null,
    approvedQuoteVersion: stored.approvedQuoteVersion ?? null,
    createdAt: stored.createdAt ?? null,
    updatedAt: stored.updatedAt ?? null,
  };
  return order as RepairOrder;
}

export function eventItem(orderId: string, event: OrderEvent): Item {
  return { ...keys.orderEvent(orderId, event.version), type: 'event', orderId, ...event };
}

export function toEvent(item: Item): OrderEvent {
  const stored = item as Partial<Stored<OrderEvent>>;
  const event: Stored<OrderEvent> = {
    version: stored.version ?? null,
    at: stored.at ?? null,
    from: stored.from ?? null,
    to: stored.to ?? null,
    by: stored.by ?? null,
    note: stored.note ?? null,
    reason: stored.reason ?? null,
  };
  return event as OrderEvent;
}

/**
 * The customer page's lookup: token → order, with the key its CSRF tokens are derived from
 * (shared/web/csrf.ts). Written in the creating transaction; erasure deletes it; once the order
 * ends it carries a TTL at the link's expiry (the page checks the expiry itself as well).
 */
export function pageLinkItem(order: RepairOrder, formKey: string): Item | null {
  if (!order.pageToken) return null;
  return { ...keys.pageLink(order.pageToken), type: 'pageLink', orderId: order.id, storeId: order.storeId, formKey };
}

export function pageRatingItem(rating: PageRating): Item {
  return { ...keys.pageRating(rating.orderId), type: 'pageRating', ...rating };
}

export function toPageRating(item: Item): PageRating {
  return pick<PageRating>(item, ['orderId', 'storeId', 'rating', 'comment', 'at']);
}

export function problemReportItem(report: ProblemReport): Item {
  return { ...keys.problemReport(report.orderId, report.seq), type: 'problemReport', ...report };
}

export function toProblemReport(item: Item): ProblemReport {
  return pick<ProblemReport>(item, ['orderId', 'storeId', 'seq', 'description', 'at', 'callBy']);
}

/** Lets a store find one customer's orders (for erasure) without scanning; deleted when they are erased. */
export function customerIndexItem(order: RepairOrder): Item | null {
  if (!order.customer.phone) return null;
  return { ...keys.customerOrder(order.storeId, phoneHash(order.customer.phone), order.id), type: 'customerOrder', orderId: order.id };
}

// ── Follow-up calls ──────────────────────────────────────────────────────────────────────────

const FOLLOW_UP_FIELDS = [
  'id', 'orderId', 'storeId', 'trackingCode', 'kind', 'seq', 'attempt', 'dueAt', 'state', 'customer', 'device', 'outcome', 'attempts',
] as const;

/** Listed in the store's queue for its state (oldest due first); in the job's due queue while planned. */
export function followUpItem(task: FollowUpTask): Item {
  const due = keys.dueAt(task.dueAt, task.id);
  return {
    ...keys.followUp(task.orderId, task.seq),
    type: 'followUp',
    ...task,
    gsi1pk: keys.storeFollowUps(task.storeId, task.state),
    gsi1sk: due,
    ...(task.state === 'planned' && { gsi3pk: keys.dueQueue('FOLLOWUP'), gsi3sk: due }),
  };
}

export function toFollowUp(item: Item): FollowUpTask {
  const task = pick<FollowUpTask>(item, FOLLOW_UP_FIELDS);
  return { ...task, attempts: task.attempts ?? [] };
}

// ── Escalations ──────────────────────────────────────────────────────────────────────────────

const ESCALATION_FIELDS = ['id', 'orderId', 'storeId', 'followUpId', 'state', 'openedAt', 'reason', 'notes', 'resolution', 'resolvedAt', 'raised'] as const;

export function escalationItem(escalation: Escalation, seq: number): Item {
  return {
    ...keys.escalation(escalation.orderId, seq),
    type: 'escalation',
    ...escalation,
    gsi1pk: keys.storeEscalations(escalation.storeId, escalation.state),
    gsi1sk: keys.dueAt(escalation.openedAt, escalation.id),
    // In the network's R&D queue only while raised: R&D's finding rewrites the item without it.
    ...(escalation.state === 'raised' && escalation.raised && { gsi2pk: keys.rdQueue, gsi2sk: keys.dueAt(escalation.raised.raisedAt, escalation.id) }),
    // In the SLA job's R&D queue until R&D answers or its one alert went out.
    ...(escalation.state === 'raised' && escalation.raised && !escalation.raised.alertedAt && { gsi3pk: keys.dueQueue('RD'), gsi3sk: keys.dueAt(escalation.raised.dueBy, escalation.id) }),
  };
}

export function toEscalation(item: Item): Escalation {
  return pick<Escalation>(item, ESCALATION_FIELDS);
}

// ── Warranties ───────────────────────────────────────────────────────────────────────────────

export type WarrantyNextAction = 'remind' | 'expire';

const WARRANTY_FIELDS = ['id', 'deviceId', 'kind', 'startsAt', 'endsAt', 'orderId', 'storeId', 'timezone', 'createdAt', 'expired', 'claimedBy', 'model', 'extensions'] as const;

/**
 * In the warranty job's due queue until expired: first for the reminder (repair warranties, which
 * know their customer through the order), then for the expiry.
 */
export function warrantyItem(warranty: Warranty, next: { action: WarrantyNextAction; at: Date } | null): Item {
  return {
    ...keys.warranty(warranty.deviceId, warranty.startsAt, warranty.id),
    type: 'warranty',
    ...warranty,
    expired: next === null,
    nextAction: next?.action ?? null,
    ...(next && { gsi3pk: keys.dueQueue('WARRANTY'), gsi3sk: keys.dueAt(next.at.toISOString(), warranty.id) }),
    // Every warranty, expired too, by its last day: the campaigns page through it (gsi2 is free on warranty items).
    gsi2pk: keys.warrantyEndMonth(warranty.endsAt.slice(0, 7)),
    gsi2sk: keys.dueAt(warranty.endsAt, warranty.id),
  };
}

/** A new warranty's first due step. */
export function firstWarrantyStep(warranty: Warranty): { action: WarrantyNextAction; at: Date } {
  return warranty.orderId ? { action: 'remind', at: reminderDueAt(warranty) } : { action: 'expire', at: expiryAt(warranty) };
}

export function toWarranty(item: Item): Warranty {
  return pick<Warranty>(item, WARRANTY_FIELDS);
}

// ── Photo retention ──────────────────────────────────────────────────────────────────────────

/** In the photos job's due queue until the ended order's photos are deleted. */
export function photoPurgeItem(purge: { orderId: string; storeId: string; purgeAt: Date }): Item {
  const at = purge.purgeAt.toISOString();
  return {
    ...keys.photoPurge(purge.orderId),
    type: 'photoPurge',
    orderId: purge.orderId,
    storeId: purge.storeId,
    purgeAt: at,
    gsi3pk: keys.dueQueue('PHOTOS'),
    gsi3sk: keys.dueAt(at, purge.orderId),
  };
}
