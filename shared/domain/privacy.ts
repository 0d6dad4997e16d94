import type { FollowUpTask } from './follow-up.js';
import type { RepairOrder } from './order.js';

/** Phone-like text staff may have typed into notes: '+' and 7–15 digits, or 10–15 digits standing alone. */
const PHONE_IN_TEXT = /\+[1-9]\d{6,14}|(?<![\w+-])[1-9]\d{9,14}(?![\w-])/g;

export function redactPhonesInText(text: string | null): string | null {
  return text === null ? null : text.replace(PHONE_IN_TEXT, '[phone erased]');
}

/**
 * Erasure on request: who the customer is goes (name, phone, consent to SMS), what was repaired
 * stays — the statistics, the warranty on the device and the history of the repair.
 */
export function eraseOrderCustomer(order: RepairOrder, at: Date): RepairOrder {
  return {
    ...order,
    customer: { ...order.customer, name: null, phone: null, smsOptIn: false },
    personalDataErasedAt: order.personalDataErasedAt ?? at.toISOString(),
  };
}

/** A call that can no longer be made (no number) leaves the queue as unreachable. */
export function eraseFollowUpCustomer(task: FollowUpTask): FollowUpTask {
  const pending = task.state === 'planned' || task.state === 'due';
  return {
    ...task,
    customer: { ...task.customer, name: null, phone: null },
    state: pending ? 'unreachable' : task.state,
    outcome: task.outcome && { ...task.outcome, notes: redactPhonesInText(task.outcome.notes ?? null) ?? undefined },
  };
}
