import type { RepairOrder } from '../domain/order.js';
import type { Page } from './ports.js';

export interface DeviceHistoryRepository {
  listByDevice(query: { deviceId: string; limit: number; cursor?: string | undefined }): Promise<Page<RepairOrder>>;
}

/**
 * Every repair of one device at any store, newest first: what was done, where and when, never
 * who brought it in (no name, phone, notes or photos) — any store in the network may ask.
 */
export async function deviceHistory(repository: DeviceHistoryRepository, query: { deviceId: string; limit: number; cursor?: string | undefined }) {
  const page = await repository.listByDevice(query);
  return { deviceId: query.deviceId, items: page.items.map(deviceHistoryEntry), nextCursor: page.nextCursor };
}

/** A finished order's updatedAt is when it ended: nothing moves it afterwards (erasure keeps it). */
export function deviceHistoryEntry(order: RepairOrder) {
  return {
    orderId: order.id,
    storeName: order.storeName,
    channel: order.channel,
    category: order.issue.category,
    status: order.status,
    openedAt: order.createdAt,
    completedAt: order.status === 'completed' ? order.updatedAt : null,
    underWarranty: order.underWarranty,
    reworkOf: order.reworkOf,
  };
}
