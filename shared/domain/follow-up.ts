import type { Customer, Device, RepairOrder } from './order.js';
import { ConflictError } from './errors.js';

export const FOLLOW_UP_STATES = ['planned', 'due', 'done', 'unreachable'] as const;
export type FollowUpState = (typeof FOLLOW_UP_STATES)[number];
export type FollowUpKind = 'follow_up' | 'callback';

/** A call that could not reach the customer is tried again the next day, three attempts in all. */
export const MAX_CALL_ATTEMPTS = 3;
const DAY_MS = 86_400_000;

export interface FollowUpOutcome {
  reached: boolean;
  satisfied?: boolean | undefined;
  rating?: number | undefined;
  resolved?: boolean | undefined;
  engineerCourteous?: boolean | undefined;
  notes?: string | undefined;
  recordedAt: string;
}

export interface FollowUpTask {
  id: string;
  orderId: string;
  storeId: string;
  trackingCode: string;
  kind: FollowUpKind;
  /** Position among the order's tasks; part of the id. */
  seq: number;
  attempt: number;
  dueAt: string;
  state: FollowUpState;
  customer: Pick<Customer, 'name' | 'phone' | 'language'>;
  device: Pick<Device, 'brand' | 'model'>;
  outcome: FollowUpOutcome | null;
  /** Outcomes of earlier, unanswered attempts. */
  attempts: FollowUpOutcome[];
}

/** Ids name their order and position, so a task is found with one GetItem and no index. */
export function followUpId(orderId: string, seq: number): string {
  return `${orderId}-F${seq}`;
}

export function parseFollowUpId(id: string): { orderId: string; seq: number } | null {
  const match = /^([0-9A-HJKMNP-TV-Z]{26})-F([1-9]\d{0,3})$/.exec(id);
  return match ? { orderId: match[1] as string, seq: Number(match[2]) } : null;
}

function task(order: RepairOrder, seq: number, kind: FollowUpKind, dueAt: Date): FollowUpTask {
  return {
    id: followUpId(order.id, seq),
    orderId: order.id,
    storeId: order.storeId,
    trackingCode: order.trackingCode,
    kind,
    seq,
    attempt: 1,
    dueAt: dueAt.toISOString(),
    state: 'planned',
    customer: { name: order.customer.name, phone: order.customer.phone, language: order.customer.language },
    device: { brand: order.device.brand, model: order.device.model },
    outcome: null,
    attempts: [],
  };
}

/** The calls planned when a repair completes: one per configured day offset (default +3 and +90). */
export function planFollowUps(order: RepairOrder, completedAt: Date, followUpDays: readonly number[]): FollowUpTask[] {
  // A customer whose personal data was erased has no number to call: no calls are planned.
  if (order.customer.phone === null) return [];
  return [...followUpDays]
    .sort((a, b) => a - b)
    .map((days, i) => task(order, i + 1, 'follow_up', new Date(completedAt.getTime() + days * DAY_MS)));
}

/** The callback promised to the customer once their complaint is resolved: the next day. */
export function planCallback(order: RepairOrder, seq: number, resolvedAt: Date): FollowUpTask {
  return task(order, seq, 'callback', new Date(resolvedAt.getTime() + DAY_MS));
}

export interface OutcomeResult {
  task: FollowUpTask;
  /** Why an escalation opens, when it does. */
  escalate: string | null;
}

/** Records one call. Not reached: retried tomorrow until the third attempt, then unreachable. */
export function recordOutcome(current: FollowUpTask, outcome: FollowUpOutcome): OutcomeResult {
  if (current.state !== 'due') {
    throw new ConflictError(`Only a due call can take an outcome; this one is ${current.state}`, current.state);
  }
  if (!outcome.reached) {
    const attempts = [...current.attempts, outcome];
    if (current.attempt >= MAX_CALL_ATTEMPTS) {
      return { task: { ...current, attempts, state: 'unreachable', outcome }, escalate: null };
    }
    const nextDue = new Date(Date.parse(outcome.recordedAt) + DAY_MS).toISOString();
    return { task: { ...current, attempts, attempt: current.attempt + 1, state: 'planned', dueAt: nextDue }, escalate: null };
  }
  return { task: { ...current, state: 'done', outcome }, escalate: escalationReason(outcome) };
}

/** An unhappy customer is never left there: dissatisfaction, a low rating or an unresolved problem escalate. */
export function escalationReason(outcome: FollowUpOutcome): string | null {
  const reasons: string[] = [];
  if (outcome.satisfied === false) reasons.push('customer not satisfied');
  if (outcome.rating !== undefined && outcome.rating <= 2) reasons.push(`rating ${outcome.rating}/5`);
  if (outcome.resolved === false) reasons.push('problem not resolved');
  return reasons.length ? reasons.join('; ') : null;
}
