import type { Escalation } from './escalation.js';
import type { FollowUpOutcome, FollowUpTask } from './follow-up.js';
import type { OrderEvent, RepairOrder } from './order.js';

/** Phone-like text staff may have typed into notes: '+' and 7–15 digits, or 10–15 digits standing alone. */
const PHONE_IN_TEXT = /\+[1-9]\d{6,14}|(?<![\w+-])[1-9]\d{9,14}(?![\w-])/g;

export function redactPhonesInText(text: string): string;
export function redactPhonesInText(text: string | null): string | null;
export function redactPhonesInText(text: string | null): string | null {
  return text === null ? null : text.replace(PHONE_IN_TEXT, '[phone erased]');
}

/**
 * Erasure on request: who the customer is goes (name, phone, consent to SMS, a number typed into
 * the issue), what was repaired stays — the statistics, the warranty on the device and the history.
 */
export function eraseOrderCustomer(order: RepairOrder, at: Date): RepairOrder {
  return {
    ...order,
    customer: { ...order.customer, name: null, phone: null, smsOptIn: false, whatsappOptIn: false },
    issue: { ...order.issue, description: redactPhonesInText(order.issue.description) },
    personalDataErasedAt: order.personalDataErasedAt ?? at.toISOString(),
    // The page link dies with the personal data: it shows the repair of a person who asked to be forgotten.
    pageToken: null,
  };
}

function eraseOutcome(outcome: FollowUpOutcome): FollowUpOutcome {
  return { ...outcome, notes: redactPhonesInText(outcome.notes ?? null) ?? undefined };
}

/**
 * A call that can no longer be made (no number) leaves the queue as unreachable. The notes of
 * every attempt go through redaction, the unanswered earlier ones as well as the last outcome.
 */
export function eraseFollowUpCustomer(task: FollowUpTask): FollowUpTask {
  const pending = task.state === 'planned' || task.state === 'due';
  return {
    ...task,
    customer: { ...task.customer, name: null, phone: null },
    state: pending ? 'unreachable' : task.state,
    outcome: task.outcome && eraseOutcome(task.outcome),
    attempts: task.attempts.map(eraseOutcome),
  };
}

/** Staff's free text on an escalation (the customer's complaint, how it was resolved). */
export function eraseEscalationNotes(escalation: Escalation): Escalation {
  const raised = escalation.raised && { ...escalation.raised, summary: redactPhonesInText(escalation.raised.summary), finding: redactPhonesInText(escalation.raised.finding) };
  return { ...escalation, notes: redactPhonesInText(escalation.notes), resolution: redactPhonesInText(escalation.resolution), raised };
}

/** Staff's free text on a move: its note and a cancellation's reason. */
export function eraseEventNotes(event: OrderEvent): OrderEvent {
  return { ...event, note: redactPhonesInText(event.note), reason: redactPhonesInText(event.reason) };
}
