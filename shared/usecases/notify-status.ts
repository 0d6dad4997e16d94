import { isCustomerFacing, type RepairStatus } from '../domain/status.js';
import type { RepairOrder } from '../domain/order.js';
import { changeTag } from '../notify/ports.js';
import { customerPageUrl } from '../domain/page-link.js';
import type { StoreRepository, WarrantyRepository } from './ports.js';
import { sendUpdateOnce, type SendOutcome, type SmsDeps } from './send-sms.js';
import { hasMessagingConsent } from '../domain/message-channel.js';

export interface StatusChange {
  order: RepairOrder;
  /** null when the order was just created. */
  previousStatus: RepairStatus | null;
}

export interface NotifyDeps extends SmsDeps {
  stores: StoreRepository;
  warranties: Pick<WarrantyRepository, 'listByDevice'>;
}

export type NotifyOutcome = SendOutcome | 'unchanged' | 'not-customer-facing' | 'no-consent' | 'superseded';

/** One update per customer-facing change (WhatsApp or SMS), in the customer's language, at most once per (order, version). */
export async function notifyStatusChange(deps: NotifyDeps, change: StatusChange): Promise<NotifyOutcome> {
  const { order } = change;
  if (change.previousStatus === order.status) return 'unchanged';
  if (!isCustomerFacing(order.status)) return 'not-customer-facing';
  if (!hasMessagingConsent(order.customer) || !order.customer.phone) return 'no-consent';
  // A record that arrives after a later change of its order was handled (a redelivered or
  // replayed batch) is stale: "we have received your device" must not follow "completed".
  // Only later *markers* count, not the order's current version: a change not yet notified
  // because the stream lags behind the API is still sent.
  if (await deps.ledger.laterChangeHandled(order.id, order.version)) return 'superseded';

  const store = await deps.stores.get(order.storeId);
  // The end date the repair warranty was actually granted with, when one was: never recomputed
  // from today's settings, never promised for a repair that granted none.
  const warrantyEndsOn = order.status === 'completed' ? await grantedRepairWarrantyEnd(deps, order) : undefined;
  return sendUpdateOnce(deps, {
    marker: { orderId: order.id, tag: changeTag(order.version) },
    consent: { smsOptIn: order.customer.smsOptIn, whatsappOptIn: order.customer.whatsappOptIn === true },
    // WhatsApp carries the page link as its URL button (the token is the button's suffix).
    pageToken: order.pageToken ?? null,
    to: order.customer.phone,
    language: order.customer.language,
    template: order.status === 'completed' && !warrantyEndsOn ? 'completed_no_warranty' : order.status,
    store,
    values: {
      storeName: order.storeName,
      trackingCode: order.trackingCode,
      timezone: store?.timezone ?? 'UTC',
      estimate: order.estimate,
      promisedBy: order.promisedBy,
      // The page's own expiry rule needs the history; a status change is never 90 days after the end.
      pageUrl: customerPageUrl(deps.publicBaseUrl ?? null, order.pageToken ?? null),
      ...(warrantyEndsOn && { warrantyEndsOn }),
    },
  });
}

/** Completion writes the repair warranty in its own transaction, under the device (shared/usecases/repairs.ts). */
async function grantedRepairWarrantyEnd(deps: NotifyDeps, order: RepairOrder): Promise<string | undefined> {
  const deviceId = order.device.deviceId;
  if (!deviceId) return undefined;
  const granted = (await deps.warranties.listByDevice(deviceId)).find((w) => w.kind === 'repair' && w.orderId === order.id);
  return granted?.endsAt;
}
