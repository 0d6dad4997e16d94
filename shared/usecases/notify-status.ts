import { isCustomerFacing, type RepairStatus } from '../domain/status.js';
import type { RepairOrder } from '../domain/order.js';
import { DEFAULT_REPAIR_WARRANTY_DAYS } from '../domain/store-settings.js';
import { repairWarrantyDays, repairWarrantyEndsOn } from '../domain/warranty.js';
import { changeTag } from '../notify/ports.js';
import type { StoreRepository } from './ports.js';
import { sendSmsOnce, type SendOutcome, type SmsDeps } from './send-sms.js';

export interface StatusChange {
  order: RepairOrder;
  /** null when the order was just created. */
  previousStatus: RepairStatus | null;
}

export interface NotifyDeps extends SmsDeps {
  stores: StoreRepository;
}

export type NotifyOutcome = SendOutcome | 'unchanged' | 'not-customer-facing' | 'no-consent';

/** One SMS per customer-facing change, in the customer's language, at most once per (order, version). */
export async function notifyStatusChange(deps: NotifyDeps, change: StatusChange): Promise<NotifyOutcome> {
  const { order } = change;
  if (change.previousStatus === order.status) return 'unchanged';
  if (!isCustomerFacing(order.status)) return 'not-customer-facing';
  if (!order.customer.smsOptIn || !order.customer.phone) return 'no-consent';

  const store = await deps.stores.get(order.storeId);
  const timezone = store?.timezone ?? 'UTC';
  // The same end date the repair warranty was granted with (same function, same completion instant).
  const warrantyEndsOn =
    order.status === 'completed'
      ? repairWarrantyEndsOn(
          new Date(order.updatedAt),
          repairWarrantyDays(store?.repairWarrantyDays ?? { default: DEFAULT_REPAIR_WARRANTY_DAYS }, order.issue.category),
          timezone,
        )
      : undefined;
  return sendSmsOnce(deps, {
    marker: { orderId: order.id, tag: changeTag(order.version) },
    to: order.customer.phone,
    language: order.customer.language,
    template: order.status,
    store,
    values: {
      storeName: order.storeName,
      trackingCode: order.trackingCode,
      timezone,
      estimate: order.estimate,
      promisedBy: order.promisedBy,
      ...(warrantyEndsOn && { warrantyEndsOn }),
    },
  });
}
