import type { OrderEvent, RepairOrder } from '../domain/order.js';
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
