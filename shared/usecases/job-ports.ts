import type { Escalation } from '../domain/escalation.js';
import type { FollowUpTask } from '../domain/follow-up.js';
import type { RepairOrder } from '../domain/order.js';
import type { SlaFlag } from '../domain/sla-watch.js';
import type { Warranty } from '../domain/warranty.js';

/** One page of a job's due work, with the read units it cost (the job's cost must track due work only). */
export interface DueBatch<T> {
  items: T[];
  next: Record<string, unknown> | undefined;
  readUnits: number;
}

export type ReadDue<T> = (at: Date, limit: number, start?: Record<string, unknown>) => Promise<DueBatch<T>>;

export interface FollowUpQueue {
  due: ReadDue<FollowUpTask>;
  /** planned → due, only if still planned for that time; false when another run got there first. */
  markDue(task: FollowUpTask): Promise<boolean>;
}

/** An ended order whose photos are due for deletion. */
export interface DuePhotoPurge {
  orderId: string;
  storeId: string;
  purgeAt: string;
}

export interface PhotoPurgeQueue {
  due: ReadDue<DuePhotoPurge>;
  /** Takes the order out of the queue once its photos are gone. */
  done(purge: DuePhotoPurge): Promise<boolean>;
}

export type WarrantyStep = 'remind' | 'expire';
export type DueWarranty = Warranty & { nextAction: WarrantyStep };

export interface WarrantyQueue {
  due: ReadDue<DueWarranty>;
  /** Moves the warranty to its next step (or the same step later), only from the step it was read at. */
  reschedule(warranty: DueWarranty, step: WarrantyStep, at: Date): Promise<boolean>;
  expire(warranty: DueWarranty): Promise<boolean>;
}

/** The two promises an order can carry: the repair itself, and (overseas) the first answer. */
export type SlaTarget = 'resolution' | 'response';

/** Alerts whose flag was set but whose publish has not been confirmed yet, per target. */
export type DueOrder = RepairOrder & { slaAlertPending: SlaFlag | null; responseAlertPending: SlaFlag | null };

export interface SlaQueue {
  due: ReadDue<DueOrder>;
  /** Moves one target's flag, only from the flag the job read and only on an open, unpaused order. */
  setFlag(order: RepairOrder, target: SlaTarget, from: SlaFlag | null, to: SlaFlag | null): Promise<boolean>;
  /** Puts the order at its next check, or out of the queue, and clears a pending alert. */
  settle(order: RepairOrder): Promise<void>;
}

export interface SlaAlert {
  kind: 'sla';
  /** Which promise: `resolution` (promisedBy) or `response` (respondBy, overseas orders). */
  target: SlaTarget;
  flag: SlaFlag;
  storeId: string;
  orderId: string;
  trackingCode: string;
  status: string;
  channel: string;
  promisedBy: string;
  /** The response target, on response alerts. */
  respondBy?: string;
  at: string;
}

/** An escalation R&D has not answered within its SLA: no customer data, the store and the device only. */
export interface RdSlaAlert {
  kind: 'rd-sla';
  escalationId: string;
  storeId: string;
  model: string;
  category: string;
  raisedAt: string;
  dueBy: string;
  at: string;
}

export interface OpsAlerts {
  publish(alert: SlaAlert | RdSlaAlert): Promise<void>;
}

export interface RdQueue {
  due: ReadDue<Escalation>;
  /** Out of the queue once alerted, only while still raised. */
  markAlerted(escalation: Escalation, at: Date): Promise<boolean>;
}

/**
 * A customer to tell about a campaign's extension of their repair warranty: the campaign's marker
 * beside the warranty, while in the notice queue (no personal data: the order is read at sending).
 */
export interface DueExtensionNotice {
  campaignId: string;
  warrantyId: string;
  deviceId: string;
  orderId: string;
  storeId: string;
  timezone: string;
  /** The warranty's new last day (YYYY-MM-DD), as this campaign made it. */
  endsAt: string;
  /** When it is due (ISO): the first SMS window after the extension, or a later one. */
  dueAt: string;
}

export interface ExtensionNoticeQueue {
  due: ReadDue<DueExtensionNotice>;
  /** The same notice later (the next SMS window), only from the time it was read at. */
  reschedule(notice: DueExtensionNotice, at: Date): Promise<boolean>;
  /** Out of the queue (the marker stays: it keeps the extension once). */
  done(notice: DueExtensionNotice): Promise<boolean>;
}
