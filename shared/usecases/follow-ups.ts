import { openEscalation, parseEscalationId, resolveEscalation, type Escalation, type EscalationState } from '../domain/escalation.js';
import { NotFoundError } from '../domain/errors.js';
import { planCallback, recordOutcome, type FollowUpOutcome, type FollowUpState, type FollowUpTask } from '../domain/follow-up.js';
import type { EscalationRepository, FollowUpRepository, OrderRepository, Page } from './ports.js';

export interface FollowUpDeps {
  followUps: FollowUpRepository;
  escalations: EscalationRepository;
  orders: OrderRepository;
  now: () => Date;
}

/** Callbacks take positions after the planned calls, one per escalation: deterministic, so a retry cannot plan two. */
const CALLBACK_SEQ_OFFSET = 100;

export function listFollowUps(deps: FollowUpDeps, storeId: string, state: FollowUpState, limit: number, cursor?: string): Promise<Page<FollowUpTask>> {
  return deps.followUps.list({ storeId, state, limit, cursor });
}

export async function recordFollowUpOutcome(
  deps: FollowUpDeps,
  storeId: string,
  id: string,
  outcome: Omit<FollowUpOutcome, 'recordedAt'>,
): Promise<{ task: FollowUpTask; escalation: Escalation | null }> {
  const task = await deps.followUps.get(id);
  if (!task || task.storeId !== storeId) throw new NotFoundError('follow-up', id);
  const now = deps.now();
  const result = recordOutcome(task, { ...outcome, recordedAt: now.toISOString() });
  const escalation = result.escalate
    ? openEscalation({ orderId: task.orderId, storeId, followUpId: task.id, seq: task.seq, reason: result.escalate, notes: outcome.notes, at: now })
    : null;
  await deps.followUps.saveOutcome(task, result.task, escalation);
  return { task: result.task, escalation };
}

export function listEscalations(deps: FollowUpDeps, storeId: string, state: EscalationState, limit: number, cursor?: string): Promise<Page<Escalation>> {
  return deps.escalations.list({ storeId, state, limit, cursor });
}

/** Resolving a complaint promises the customer a call back: planned for the next day in the same write. */
export async function resolveEscalationWithCallback(
  deps: FollowUpDeps,
  storeId: string,
  id: string,
  resolution: string,
): Promise<{ escalation: Escalation; callback: FollowUpTask }> {
  const current = await deps.escalations.get(id);
  if (!current || current.storeId !== storeId) throw new NotFoundError('escalation', id);
  return closeWithCallback(deps, current, (now) => resolveEscalation(current, resolution, now));
}

/**
 * The one way an escalation closes, whoever resolves it (the store, or R&D with its finding): the
 * resolved escalation and the customer's callback, in the store's queue for the next day, in one
 * write that holds only while the escalation is still in the state it was read in.
 */
export async function closeWithCallback(
  deps: Pick<FollowUpDeps, 'escalations' | 'orders' | 'now'>,
  current: Escalation,
  resolve: (now: Date) => Escalation,
): Promise<{ escalation: Escalation; callback: FollowUpTask }> {
  const now = deps.now();
  const escalation = resolve(now);
  const found = await deps.orders.get(current.orderId);
  if (!found) throw new NotFoundError('repair order', current.orderId);
  const seq = CALLBACK_SEQ_OFFSET + (parseEscalationId(current.id)?.seq ?? 0);
  const callback = planCallback(found.order, seq, now);
  await deps.escalations.resolve(escalation, callback, current.state);
  return { escalation, callback };
}
