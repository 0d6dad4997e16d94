import type { Escalation } from '../domain/escalation.js';
import type { FollowUpTask } from '../domain/follow-up.js';
import type { OrderEvent, RepairOrder } from '../domain/order.js';
import type { Warranty } from '../domain/warranty.js';
import { maskPhone } from '../domain/phone.js';

/** The order as partner stores see it: phone masked, internal fields (storeName) left out. */
export function orderView(order: RepairOrder, history?: OrderEvent[]) {
  const { storeName: _storeName, ...visible } = order;
  return {
    ...visible,
    customer: { ...order.customer, phone: maskPhone(order.customer.phone) },
    ...(history && { history: history.map(({ at, from, to, by, note, reason }) => ({ at, from, to, by, note, reason })) }),
  };
}

/** What anyone holding the tracking code and the phone's last 4 digits may see: no personal data. */
export function trackingView(order: RepairOrder, history: OrderEvent[]) {
  return {
    trackingCode: order.trackingCode,
    status: order.status,
    storeName: order.storeName,
    device: { brand: order.device.brand, model: order.device.model },
    promisedBy: order.promisedBy,
    timeline: history.map((event) => ({ at: event.at, status: event.to })),
  };
}

/** The call queue: the one view with the full phone number, because the call center dials it. */
export function followUpView(task: FollowUpTask) {
  const { id, orderId, trackingCode, kind, attempt, dueAt, state, customer, device, outcome } = task;
  return { id, orderId, trackingCode, kind, attempt, dueAt, state, customer, device, outcome };
}

export function escalationView(escalation: Escalation) {
  const { id, orderId, state, openedAt, reason, notes, resolution, resolvedAt } = escalation;
  return { id, orderId, state, openedAt, reason, notes, resolution, resolvedAt };
}

/** Network-wide warranty facts about a device: never who owns it. */
export function warrantyView(warranty: Warranty & { state: 'active' | 'expired' }) {
  const { id, deviceId, kind, startsAt, endsAt, state, orderId } = warranty;
  return { id, deviceId, kind, startsAt, endsAt, state, orderId };
}
