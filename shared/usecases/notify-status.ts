import { isCustomerFacing, type RepairStatus } from '../domain/status.js';
import type { RepairOrder } from '../domain/order.js';
import { repairWarrantyDays, repairWarrantyEndsOn } from '../domain/warranty.js';
import { DEFAULT_REPAIR_WARRANTY_DAYS } from '../domain/store-settings.js';
import { PhoneOptedOutError, type SmsLedger, type SmsSender } from '../notify/ports.js';
import { smsAttributes, type DltDefaults } from '../notify/sms-attributes.js';
import { countSegments } from '../notify/segments.js';
import { renderSms, SmsTemplateError, type SmsTemplateKey } from '../notify/templates.js';
import type { StoreRepository } from './ports.js';

export interface StatusChange {
  order: RepairOrder;
  /** null when the order was just created. */
  previousStatus: RepairStatus | null;
}

export interface NotifyDeps {
  ledger: SmsLedger;
  sender: SmsSender;
  stores: StoreRepository;
  dlt: DltDefaults;
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
  /** How long this invocation may still wait for a dead sender's claim to lapse. */
  remainingMs: () => number;
  warn: (message: string, details: Record<string, unknown>) => void;
}

export type NotifyOutcome = 'sent' | 'unchanged' | 'not-customer-facing' | 'no-consent' | 'opted-out' | 'duplicate' | 'unrenderable';

/** Another sender holds a live claim on this change: retry later rather than risk a second SMS. */
export class SmsInFlightError extends Error {
  constructor() {
    super('another sender holds the claim for this SMS');
  }
}

/**
 * One SMS per customer-facing change, at most once per (order, version):
 * claim the marker → check opt-out → render → publish → mark sent.
 * If the process dies between claim and publish, the claim's lease lapses and a retry sends it
 * (nothing is lost). Only a death after SNS accepted the message and before the marker update
 * (one DynamoDB write) can repeat an SMS; that window is the price of never losing one.
 */
export async function notifyStatusChange(deps: NotifyDeps, change: StatusChange): Promise<NotifyOutcome> {
  const { order } = change;
  if (change.previousStatus === order.status) return 'unchanged';
  if (!isCustomerFacing(order.status)) return 'not-customer-facing';
  if (!order.customer.smsOptIn || !order.customer.phone) return 'no-consent';

  let claim = await deps.ledger.claim(order.id, order.version, deps.now());
  if (claim === 'in-flight' && deps.remainingMs() > CLAIM_WAIT_MS + 5_000) {
    await deps.sleep(CLAIM_WAIT_MS);
    claim = await deps.ledger.claim(order.id, order.version, deps.now());
  }
  if (claim === 'done') return 'duplicate';
  if (claim === 'in-flight') throw new SmsInFlightError();

  try {
    if (await deps.ledger.isOptedOut(order.customer.phone)) {
      await deps.ledger.markSkipped(order.id, order.version, 'opted-out');
      return 'opted-out';
    }
    const key = order.status as SmsTemplateKey;
    const store = await deps.stores.get(order.storeId);
    const timezone = store?.timezone ?? 'UTC';
    const warrantyEndsOn =
      order.status === 'completed'
        ? repairWarrantyEndsOn(
            new Date(order.updatedAt),
            repairWarrantyDays(store?.repairWarrantyDays ?? { default: DEFAULT_REPAIR_WARRANTY_DAYS }, order.issue.category),
            timezone,
          )
        : undefined;
    const sms = renderSms(key, order.customer.language, {
      storeName: order.storeName,
      trackingCode: order.trackingCode,
      timezone,
      estimate: order.estimate,
      promisedBy: order.promisedBy,
      ...(warrantyEndsOn && { warrantyEndsOn }),
    });
    const attributes = smsAttributes(order.customer.phone, { key, language: sms.language }, store?.sms ?? {}, deps.dlt);
    const { messageId } = await deps.sender.send({ to: order.customer.phone, text: sms.text, attributes });
    // Sent: from here on a failure must not make the record retry, or the customer gets it twice.
    await deps.ledger
      .markSent(order.id, order.version, { messageId, template: key, language: sms.language, segments: countSegments(sms.text).segments })
      .catch((error: unknown) => deps.warn('SMS sent but its marker was not updated', { orderId: order.id, version: order.version, error: String(error) }));
    return 'sent';
  } catch (error) {
    if (error instanceof PhoneOptedOutError) {
      await deps.ledger.recordOptOut(order.customer.phone, deps.now());
      await deps.ledger.markSkipped(order.id, order.version, 'opted-out');
      return 'opted-out';
    }
    if (error instanceof SmsTemplateError) {
      // Retrying cannot fill a missing value: record it and let the stream move on.
      deps.warn('SMS not sent: the template lacks a value', { orderId: order.id, version: order.version, error: error.message });
      await deps.ledger.markSkipped(order.id, order.version, 'unrenderable');
      return 'unrenderable';
    }
    await deps.ledger.release(order.id, order.version);
    throw error;
  }
}

/** A little over the ledger's lease: waiting this long lets a dead sender's claim lapse. */
export const CLAIM_WAIT_MS = 16_000;
