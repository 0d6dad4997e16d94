import type { Quote } from './quote.js';
import { assertTransition } from './transition.js';
import { ConflictError, RuleViolationError } from './errors.js';
import { slaClockStartsAtCreation } from './sla.js';
import { advanceClock, NO_CLOCK, startClock } from './sla-clock.js';
import { AROUND_THE_CLOCK, storeCalendar, type OpeningHours, type StoreCalendar } from './opening-hours.js';
import type { RepairStatus } from './status.js';
import type { SlaPolicy } from './store-settings.js';
import type { Channel, IssueCategory, Language, Money } from './vocabulary.js';
import type { SlaFlag } from './sla-watch.js';

export interface Customer {
  /** null once the customer's personal data has been erased. */
  name: string | null;
  phone: string | null;
  language: Language;
  smsOptIn: boolean;
  /** Explicit WhatsApp consent (Meta requires it); false on orders opened before WhatsApp existed. */
  whatsappOptIn: boolean;
}

export interface Device {
  brand: string;
  model: string;
  deviceId: string | null;
  purchaseDate: string | null;
}

export interface RepairOrder {
  id: string;
  trackingCode: string;
  storeId: string;
  /** Copied at intake so the public tracking page needs no second read. */
  storeName: string;
  status: RepairStatus;
  version: number;
  channel: Channel;
  customer: Customer;
  device: Device;
  issue: { category: IssueCategory; description: string };
  estimate: Money | null;
  dataBackupRequested: boolean;
  distanceKm: number | null;
  overseas: boolean;
  underWarranty: boolean;
  reworkOf: string | null;
  /** The current promise: moved later by the time spent paused. */
  promisedBy: string | null;
  /** When the promise becomes at risk (75 % of its target, counted like the target); null on orders from before it was stored. */
  promiseRiskAt: string | null;
  /** When the SLA clock started (intake, or receipt for mail-in); null until promisedBy is set. */
  slaStartedAt: string | null;
  /** The SLA watch's flag on the promise (resolution). */
  sla: SlaFlag | null;
  /** Overseas orders: the first answer is due by then (met by the first move after the clock started). */
  respondBy: string | null;
  respondRiskAt: string | null;
  respondedAt: string | null;
  /** The SLA watch's flag on the response target. */
  responseSla: SlaFlag | null;
  /** Set while the order is in one of the store's pause statuses. */
  pausedAt: string | null;
  /** Paused time so far, counted the way the order's targets count (opening time for walk-ins). */
  pausedMs: number;
  /** Set on completion: finished at or before promisedBy. */
  slaMet: boolean | null;
  /** When the customer's name and phone were erased on request (the repair itself stays). */
  personalDataErasedAt: string | null;
  /** The customer page's key (shared/domain/page-link.ts); null once erased, or for orders older than the page. */
  pageToken: string | null;
  /** The latest quote (each new one a new version); null until the store quotes from the price list. */
  quote: Quote | null;
  /** The quote version the customer (or the store for them) approved; a newer quote needs a new approval. */
  approvedQuoteVersion: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface OrderEvent {
  /** The order version this event produced: 1 for intake, +1 per move. */
  version: number;
  at: string;
  from: RepairStatus | null;
  to: RepairStatus;
  by: string;
  note: string | null;
  reason: string | null;
}

export interface OrderIntake {
  channel: Channel;
  customer: { name: string; phone: string; language: Language; smsOptIn: boolean; whatsappOptIn?: boolean | undefined };
  device: { brand: string; model: string; deviceId?: string | undefined; purchaseDate?: string | undefined };
  issue: { category: IssueCategory; description: string };
  estimate?: Money | undefined;
  dataBackupRequested?: boolean | undefined;
  distanceKm?: number | undefined;
  overseas?: boolean | undefined;
}

export interface IntakeContext {
  id: string;
  trackingCode: string;
  store: { id: string; name: string; sla: SlaPolicy; timezone?: string; hours?: OpeningHours | null; holidays?: readonly string[]; extendedMinutes?: number };
  now: Date;
  /** What the device's warranties say (network-wide), looked up before intake. */
  warranty?: { underWarranty: boolean; reworkOf: string | null };
  /** The customer page's random key, drawn by the caller (newPageToken). */
  pageToken: string;
}

/** Mail-in orders wait for the parcel; every other channel has the device in hand. */
export function initialStatus(channel: Channel): RepairStatus {
  return channel === 'mail_in' ? 'awaiting_device' : 'received';
}

export function openOrder(intake: OrderIntake, ctx: IntakeContext): { order: RepairOrder; event: OrderEvent } {
  const at = ctx.now.toISOString();
  const status = initialStatus(intake.channel);
  const calendar = ctx.store.timezone ? storeCalendar({ ...ctx.store, timezone: ctx.store.timezone }) : AROUND_THE_CLOCK;
  const order: RepairOrder = {
    id: ctx.id,
    trackingCode: ctx.trackingCode,
    storeId: ctx.store.id,
    storeName: ctx.store.name,
    status,
    version: 1,
    channel: intake.channel,
    customer: { ...intake.customer, whatsappOptIn: intake.customer.whatsappOptIn ?? false },
    device: {
      brand: intake.device.brand,
      model: intake.device.model,
      deviceId: intake.device.deviceId ?? null,
      purchaseDate: intake.device.purchaseDate ?? null,
    },
    issue: intake.issue,
    estimate: intake.estimate ?? null,
    dataBackupRequested: intake.dataBackupRequested ?? false,
    distanceKm: intake.distanceKm ?? null,
    overseas: intake.overseas ?? false,
    underWarranty: ctx.warranty?.underWarranty ?? false,
    reworkOf: ctx.warranty?.reworkOf ?? null,
    ...NO_CLOCK,
    sla: null,
    responseSla: null,
    personalDataErasedAt: null,
    pageToken: ctx.pageToken,
    quote: null,
    approvedQuoteVersion: null,
    createdAt: at,
    updatedAt: at,
  };
  if (slaClockStartsAtCreation(intake.channel)) Object.assign(order, startClock(order, ctx.store.sla, calendar, ctx.now));
  const event: OrderEvent = { version: 1, at, from: null, to: status, by: ctx.store.id, note: null, reason: null };
  return { order, event };
}

export interface Move {
  to: RepairStatus;
  note?: string | undefined;
  reason?: string | undefined;
  estimate?: Money | undefined;
  /** Approving (awaiting_approval → in_repair / awaiting_parts): the quote version the approver saw. */
  quoteVersion?: number | undefined;
}

export interface MoveContext {
  by: string;
  now: Date;
  sla: SlaPolicy;
  /** The store's opening time; without it, around the clock. */
  calendar?: StoreCalendar;
}

/** Applies one lifecycle move; throws InvalidTransitionError / RuleViolationError when the move is refused. */
export function moveOrder(order: RepairOrder, move: Move, ctx: MoveContext): { order: RepairOrder; event: OrderEvent } {
  assertTransition(order.status, { to: move.to, reason: move.reason });
  if (move.to === 'awaiting_approval' && !move.estimate && !order.estimate) {
    // The customer is asked to approve a price; without one there is nothing to approve.
    throw new RuleViolationError('estimate', 'An estimate is required to ask the customer for approval');
  }
  const approving = order.status === 'awaiting_approval' && (move.to === 'in_repair' || move.to === 'awaiting_parts');
  if (approving && order.quote && move.quoteVersion !== undefined && move.quoteVersion !== order.quote.version) {
    // The approver saw another quote than the one in force: approving it would approve a price nobody showed them.
    throw new ConflictError(`Quote version ${move.quoteVersion} is no longer the current one (version ${order.quote.version}); show the customer the current quote`, order.status);
  }
  const at = ctx.now.toISOString();
  const version = order.version + 1;
  const next: RepairOrder = {
    ...order,
    ...advanceClock(order, move.to, ctx.sla, ctx.now, ctx.calendar),
    status: move.to,
    version,
    estimate: move.estimate ?? order.estimate,
    approvedQuoteVersion: approving && order.quote ? order.quote.version : order.approvedQuoteVersion,
    updatedAt: at,
  };
  const event: OrderEvent = {
    version,
    at,
    from: order.status,
    to: move.to,
    by: ctx.by,
    note: move.note ?? null,
    reason: move.reason ?? null,
  };
  return { order: next, event };
}

/** Statuses an order can be quoted in: before the repair is checked and handed back. */
const QUOTABLE: readonly RepairStatus[] = ['received', 'diagnosing', 'awaiting_approval', 'awaiting_parts', 'in_repair'];

/**
 * A new quote on the order: its estimate becomes the quote's total, so every existing reader (SMS,
 * tracking) keeps working. A quote after an approval needs a new one: an order being repaired or
 * waiting for parts goes back to awaiting_approval (and the customer is asked again); an order
 * not yet approved keeps its status. One history event either way.
 */
export function quoteOrder(order: RepairOrder, quote: Quote, ctx: MoveContext): { order: RepairOrder; event: OrderEvent } {
  if (!QUOTABLE.includes(order.status)) {
    throw new ConflictError(`An order in status ${order.status} can no longer be quoted`, order.status);
  }
  const reapproval = order.approvedQuoteVersion !== null && (order.status === 'in_repair' || order.status === 'awaiting_parts');
  const to: RepairStatus = reapproval ? 'awaiting_approval' : order.status;
  const at = ctx.now.toISOString();
  const version = order.version + 1;
  const next: RepairOrder = {
    ...order,
    ...(to !== order.status && advanceClock(order, to, ctx.sla, ctx.now, ctx.calendar)),
    status: to,
    version,
    quote,
    estimate: quote.total,
    updatedAt: at,
  };
  const event: OrderEvent = {
    version,
    at,
    from: order.status,
    to,
    by: ctx.by,
    note: `Quote version ${quote.version}: ${quote.total.amount} ${quote.total.currency}`,
    reason: reapproval ? 'A new quote needs the customer\'s approval' : null,
  };
  return { order: next, event };
}
