import { assertTransition } from './transition.js';
import { RuleViolationError } from './errors.js';
import { promisedBy, slaClockStartsAtCreation } from './sla.js';
import type { RepairStatus } from './status.js';
import type { SlaPolicy } from './store-settings.js';
import type { Channel, IssueCategory, Language, Money } from './vocabulary.js';
import { slaMet, type SlaFlag } from './sla-watch.js';

export interface Customer {
  /** null once the customer's personal data has been erased. */
  name: string | null;
  phone: string | null;
  language: Language;
  smsOptIn: boolean;
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
  promisedBy: string | null;
  /** When the SLA clock started (intake, or receipt for mail-in); null until promisedBy is set. */
  slaStartedAt: string | null;
  /** The SLA watch's flag on an open order. */
  sla: SlaFlag | null;
  /** Set on completion: finished at or before promisedBy. */
  slaMet: boolean | null;
  /** When the customer's name and phone were erased on request (the repair itself stays). */
  personalDataErasedAt: string | null;
  /** The customer page's key (shared/domain/page-link.ts); null once erased, or for orders older than the page. */
  pageToken: string | null;
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
  customer: { name: string; phone: string; language: Language; smsOptIn: boolean };
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
  store: { id: string; name: string; sla: SlaPolicy };
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
  const slaInput = { channel: intake.channel, category: intake.issue.category, distanceKm: intake.distanceKm, overseas: intake.overseas };
  const order: RepairOrder = {
    id: ctx.id,
    trackingCode: ctx.trackingCode,
    storeId: ctx.store.id,
    storeName: ctx.store.name,
    status,
    version: 1,
    channel: intake.channel,
    customer: intake.customer,
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
    promisedBy: slaClockStartsAtCreation(intake.channel) ? promisedBy(slaInput, ctx.store.sla, ctx.now) : null,
    slaStartedAt: slaClockStartsAtCreation(intake.channel) ? at : null,
    sla: null,
    slaMet: null,
    personalDataErasedAt: null,
    pageToken: ctx.pageToken,
    createdAt: at,
    updatedAt: at,
  };
  const event: OrderEvent = { version: 1, at, from: null, to: status, by: ctx.store.id, note: null, reason: null };
  return { order, event };
}

export interface Move {
  to: RepairStatus;
  note?: string | undefined;
  reason?: string | undefined;
  estimate?: Money | undefined;
}

export interface MoveContext {
  by: string;
  now: Date;
  sla: SlaPolicy;
}

/** Applies one lifecycle move; throws InvalidTransitionError / RuleViolationError when the move is refused. */
export function moveOrder(order: RepairOrder, move: Move, ctx: MoveContext): { order: RepairOrder; event: OrderEvent } {
  assertTransition(order.status, { to: move.to, reason: move.reason });
  if (move.to === 'awaiting_approval' && !move.estimate && !order.estimate) {
    // The customer is asked to approve a price; without one there is nothing to approve.
    throw new RuleViolationError('estimate', 'An estimate is required to ask the customer for approval');
  }
  const at = ctx.now.toISOString();
  const version = order.version + 1;
  const startsMailInClock = order.channel === 'mail_in' && move.to === 'received' && order.promisedBy === null;
  const next: RepairOrder = {
    ...order,
    status: move.to,
    version,
    estimate: move.estimate ?? order.estimate,
    promisedBy: startsMailInClock
      ? promisedBy({ ...order, category: order.issue.category }, ctx.sla, ctx.now)
      : order.promisedBy,
    slaStartedAt: startsMailInClock ? at : order.slaStartedAt,
    slaMet: move.to === 'completed' && order.promisedBy ? slaMet({ promisedBy: order.promisedBy }, ctx.now) : order.slaMet,
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
