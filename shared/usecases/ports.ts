import type { OrderEvent, RepairOrder } from '../domain/order.js';
import type { RepairStatus } from '../domain/status.js';
import type { StoreSettings } from '../domain/store-settings.js';

/** What the use cases need from storage; the DynamoDB adapters in shared/store implement it. */
export interface OrderWithHistory {
  order: RepairOrder;
  history: OrderEvent[];
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface ListOrdersQuery {
  storeId: string;
  status?: RepairStatus | undefined;
  limit: number;
  cursor?: string | undefined;
}

export interface OrderRepository {
  /** Writes order, tracking code and first event atomically; throws TrackingCodeTakenError if the code exists. */
  create(order: RepairOrder, event: OrderEvent): Promise<void>;
  get(orderId: string): Promise<OrderWithHistory | null>;
  /** Writes the moved order and its event atomically, only if the stored version is still `expectedVersion`. */
  saveMove(expectedVersion: number, order: RepairOrder, event: OrderEvent): Promise<void>;
  listByStore(query: ListOrdersQuery): Promise<Page<RepairOrder>>;
  findByTrackingCode(code: string): Promise<OrderWithHistory | null>;
}

export interface StoreRepository {
  get(storeId: string): Promise<StoreSettings | null>;
  create(store: StoreSettings, apiKeyHash: string): Promise<void>;
  findStoreIdByApiKeyHash(apiKeyHash: string): Promise<string | null>;
}

export class TrackingCodeTakenError extends Error {
  constructor() {
    super('tracking code already in use');
  }
}

/** A cursor that did not come from this API (or not for this query). */
export class InvalidCursorError extends Error {
  constructor() {
    super('cursor is not valid for this list');
  }
}
