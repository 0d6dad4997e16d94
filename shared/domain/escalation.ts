import { ConflictError } from './errors.js';

export const ESCALATION_STATES = ['open', 'raised', 'resolved'] as const;
/** open (the store works it) → raised (with R&D) → resolved (by the store, or by R&D with a finding). */
export type EscalationState = (typeof ESCALATION_STATES)[number];

/**
 * What R&D sees of a raised escalation, copied from the order and the store when it is raised, so
 * the network queue is one Query (no read per order or store) and never holds who the customer is.
 */
export interface RdReferral {
  summary: string;
  raisedAt: string;
  device: { brand: string; model: string; deviceId: string | null };
  category: string;
  storeName: string;
  /** R&D's answer once it has one (also the escalation's resolution). */
  finding: string | null;
  /** R&D should answer by then (the SLA job alerts the ops topic once if it has not). */
  dueBy: string;
  alertedAt: string | null;
}

/** R&D's answer time until HQ stores one (network setting rdSlaHours, shared/domain/network-settings.ts). */
export const DEFAULT_RD_SLA_HOURS = 72;

export interface Escalation {
  id: string;
  orderId: string;
  storeId: string;
  followUpId: string;
  state: EscalationState;
  openedAt: string;
  reason: string;
  notes: string | null;
  resolution: string | null;
  resolvedAt: string | null;
  /** Set when the store raised it to R&D. */
  raised: RdReferral | null;
}

export function escalationId(orderId: string, seq: number): string {
  return `${orderId}-E${seq}`;
}

export function parseEscalationId(id: string): { orderId: string; seq: number } | null {
  const match = /^([0-9A-HJKMNP-TV-Z]{26})-E([1-9]\d{0,3})$/.exec(id);
  return match ? { orderId: match[1] as string, seq: Number(match[2]) } : null;
}

export function openEscalation(input: { orderId: string; storeId: string; followUpId: string; seq: number; reason: string; notes?: string | undefined; at: Date }): Escalation {
  return {
    id: escalationId(input.orderId, input.seq),
    orderId: input.orderId,
    storeId: input.storeId,
    followUpId: input.followUpId,
    state: 'open',
    openedAt: input.at.toISOString(),
    reason: input.reason,
    notes: input.notes ?? null,
    resolution: null,
    resolvedAt: null,
    raised: null,
  };
}

const notOpen = (current: Escalation) =>
  new ConflictError(current.state === 'raised' ? 'This escalation is with R&D; it is resolved with their finding' : 'This escalation is already resolved', current.state);

export function resolveEscalation(current: Escalation, resolution: string, at: Date): Escalation {
  if (current.state !== 'open') throw notOpen(current);
  return { ...current, state: 'resolved', resolution, resolvedAt: at.toISOString() };
}

/** A problem the store cannot solve goes to R&D in writing; only an open escalation can be raised. */
export function raiseEscalation(current: Escalation, referral: Omit<RdReferral, 'raisedAt' | 'finding' | 'dueBy' | 'alertedAt'>, at: Date, slaHours = DEFAULT_RD_SLA_HOURS): Escalation {
  if (current.state !== 'open') throw notOpen(current);
  const dueBy = new Date(at.getTime() + slaHours * 3_600_000).toISOString();
  return { ...current, state: 'raised', raised: { ...referral, raisedAt: at.toISOString(), finding: null, dueBy, alertedAt: null } };
}

/** R&D's finding resolves the store's escalation: it becomes the resolution the store reads. */
export function resolveWithFinding(current: Escalation, finding: string, at: Date): Escalation {
  if (current.state !== 'raised' || !current.raised) throw new ConflictError(`Only a raised escalation takes R&D's finding; this one is ${current.state}`, current.state);
  return { ...current, state: 'resolved', resolution: finding, resolvedAt: at.toISOString(), raised: { ...current.raised, finding } };
}
