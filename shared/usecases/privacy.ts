import type { CustomerDataRepository } from './ports.js';

/**
 * "Forget me" for one store: name and phone go from its orders, calls and escalation notes; the
 * repairs, warranties and statistics stay. Idempotent: a second request finds nothing to erase.
 * Other stores' orders for the same number are theirs to erase.
 */
export async function erasePersonalData(
  customers: CustomerDataRepository,
  storeId: string,
  phone: string,
  now: Date,
): Promise<{ erasedOrders: number }> {
  const orderIds = await customers.orderIdsFor(storeId, phone);
  let erasedOrders = 0;
  for (const orderId of orderIds) if (await customers.eraseOrder(orderId, storeId, phone, now)) erasedOrders++;
  await customers.forget(storeId, phone, orderIds);
  return { erasedOrders };
}
