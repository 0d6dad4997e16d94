import { advanceDelivery, failureNeedsFallback, isStopRequest, smsFallbackAllowed } from '../domain/message-channel.js';
import type { WhatsAppMessageRecord } from '../notify/ports.js';
import type { WhatsAppEvent } from '../notify/whatsapp/events.js';
import { SmsTemplateError, type SmsTemplateKey, type SmsValues } from '../notify/templates.js';
import type { OrderRepository, StoreRepository } from './ports.js';
import { deliverSms, SmsInFlightError, type SmsDeps } from './send-sms.js';

export interface WhatsAppEventDeps extends Pick<SmsDeps, 'ledger' | 'sender' | 'dlt' | 'now' | 'warn'> {
  orders: Pick<OrderRepository, 'get'>;
  stores: Pick<StoreRepository, 'get'>;
}

export type WhatsAppEventOutcome = 'recorded' | 'fallback-sent' | 'fallback-skipped' | 'duplicate' | 'opted-out' | 'ignored';

/** A status event for a message this system has no record of (yet): retried, then dead-lettered. */
export class UnknownWhatsAppMessageError extends Error {
  constructor(messageId: string) {
    super(`no WhatsApp message ${messageId} in the ledger`);
  }
}

/**
 * Delivery events: the message's state only moves forward, and a failure of a message the customer
 * does not have sends the same update by SMS — once, under the message's own claim, whatever order
 * or number of times the events arrive. A STOP reply takes the number off WhatsApp.
 */
export async function handleWhatsAppEvent(deps: WhatsAppEventDeps, event: WhatsAppEvent): Promise<WhatsAppEventOutcome> {
  if (event.kind === 'ignored') return 'ignored';
  if (event.kind === 'inbound') {
    const stops = event.messages.filter((message) => isStopRequest(message.text));
    for (const message of stops) await deps.ledger.recordWhatsAppOptOut(message.from, deps.now());
    return stops.length ? 'opted-out' : 'ignored';
  }
  const before = await recordDelivery(deps, event.messageId, event.status);
  if (event.status !== 'failed' || !failureNeedsFallback(before.delivery)) return 'recorded';
  return fallBackToSms(deps, before);
}

/** The record as it was before this event (its delivery state decides whether a failure matters). */
async function recordDelivery(deps: WhatsAppEventDeps, messageId: string, reported: WhatsAppMessageRecord['delivery']): Promise<WhatsAppMessageRecord> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const record = await deps.ledger.whatsAppMessage(messageId);
    if (!record) throw new UnknownWhatsAppMessageError(messageId);
    const next = advanceDelivery(record.delivery, reported);
    if (next === record.delivery || (await deps.ledger.recordDelivery(record, next))) return record;
  }
  throw new SmsInFlightError();
}

async function fallBackToSms(deps: WhatsAppEventDeps, record: WhatsAppMessageRecord): Promise<WhatsAppEventOutcome> {
  const claim = await deps.ledger.claimFallback(record.messageId, deps.now());
  if (claim === 'done') return 'duplicate';
  if (claim === 'in-flight') throw new SmsInFlightError();
  const skip = async (reason: 'erased' | 'no-channel' | 'opted-out' | 'unrenderable') => {
    await deps.ledger.finishFallback(record.messageId, { state: 'skipped', reason });
    return 'fallback-skipped' as const;
  };
  try {
    const found = await deps.orders.get(record.ref.orderId);
    const customer = found?.order.customer;
    if (!found || !customer?.phone) return await skip('erased');
    if (!smsFallbackAllowed(customer)) return await skip('no-channel');
    const store = await deps.stores.get(found.order.storeId);
    const values = record.update.values as unknown as SmsValues;
    const sent = await deliverSms(deps, {
      to: customer.phone,
      template: record.update.template as SmsTemplateKey,
      language: record.update.language,
      values: { ...values, storeName: store?.sms?.displayName ?? values.storeName },
      store,
    });
    if (sent === 'opted-out') return await skip('opted-out');
    await deps.ledger
      .finishFallback(record.messageId, { state: 'sent', smsMessageId: sent.messageId })
      .catch((error: unknown) => deps.warn('fallback SMS sent but its record was not updated', { ...record.ref, error: String(error) }));
    return 'fallback-sent';
  } catch (error) {
    if (error instanceof SmsTemplateError) return skip('unrenderable');
    await deps.ledger.releaseFallback(record.messageId);
    throw error;
  }
}
