import type { Context, EventBridgeEvent } from 'aws-lambda';
import { snsSmsSender } from '../shared/notify/sns-sender.js';
import { parseWhatsAppEvent } from '../shared/notify/whatsapp/events.js';
import { logger } from '../shared/observability/logger.js';
import { config, orders, smsLedger, stores } from '../shared/store/container.js';
import { handleWhatsAppEvent } from '../shared/usecases/whatsapp-events.js';

/**
 * WhatsApp delivery events (EventBridge rule on source aws.social-messaging): one event per
 * invocation, so a malformed or foreign one fails alone — retried by the rule's target, then
 * kept in its dead-letter queue — and never holds back the others.
 */
export async function handler(event: EventBridgeEvent<string, unknown>, context: Context) {
  logger.addContext(context);
  const parsed = parseWhatsAppEvent(event);
  const outcome = await handleWhatsAppEvent(
    { ledger: smsLedger, sender: snsSmsSender, orders, stores, dlt: config.dlt, now: () => new Date(), warn: (message, details) => logger.warn(message, details) },
    parsed,
  );
  logger.info('WhatsApp event handled', { detailType: event['detail-type'], kind: parsed.kind, outcome });
  return { outcome };
}
