import type { CustomerDataRepository } from './ports.js';
import { awaitTogether } from './reads.js';

/** Deletes an order's photos, objects and records (shared/usecases/photos.ts eraseOrderPhotos). */
export type OrderPhotoEraser = (storeId: string, orderId: string) => Promise<number>;

/**
 * "Forget me" for one store: name and phone go from its orders, calls and escalation notes, and
 * the orders' photos go altogether (a photo of a screen can show personal data); the repairs,
 * warranties and statistics stay. Idempotent: a second request finds nothing to erase.
 * Other stores' orders for the same number are theirs to erase.
 */
export async function erasePersonalData(
  customers: CustomerDataRepository,
  storeId: string,
  phone: string,
  now: Date,
  erasePhotos?: OrderPhotoEraser,
): Promise<{ erasedOrders: number }> {
  const orderIds = await customers.orderIdsFor(storeId, phone);
  let erasedOrders = 0;
  for (const orderId of orderIds) {
    // The order's fields and its photos go at once: neither needs the other's outcome. The index
    // entry (store and phone in its key) names this store's order of this customer until forget()
    // below: a retry after a failure of either finds the order again and deletes what is left.
    const [erased] = await awaitTogether(customers.eraseOrder(orderId, storeId, phone, now), erasePhotos?.(storeId, orderId) ?? Promise.resolve(0));
    if (erased) erasedOrders++;
  }
  await customers.forget(storeId, phone, orderIds);
  return { erasedOrders };
}
