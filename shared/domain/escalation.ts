import { ConflictError } from './errors.js';

export type EscalationState = 'open' | 'resolved';

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
  };
}

export function resolveEscalation(current: Escalation, resolution: string, at: Date): Escalation {
  if (current.state !== 'open') throw new ConflictError('This escalation is already resolved', current.state);
  return { ...current, state: 'resolved', resolution, resolvedAt: at.toISOString() };
}
