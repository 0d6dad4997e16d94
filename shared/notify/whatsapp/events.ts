/**
 * End User Messaging Social's WhatsApp events as they reach the events function: EventBridge
 * events with source aws.social-messaging. Status events carry the message id SendWhatsAppMessage
 * returned; a received message carries Meta's webhook entry (a JSON string) with the sender and text.
 */
import * as z from 'zod';
import type { WhatsAppDelivery } from '../../domain/message-channel.js';

export type WhatsAppEvent =
  | { kind: 'status'; messageId: string; status: WhatsAppDelivery }
  | { kind: 'inbound'; messages: { from: string; text: string }[] }
  | { kind: 'ignored'; detailType: string };

export const STATUS_DETAIL_TYPES: Readonly<Record<string, WhatsAppDelivery>> = {
  'WhatsApp Message Sent': 'sent',
  'WhatsApp Message Delivered': 'delivered',
  'WhatsApp Message Read': 'read',
  'WhatsApp Message Failed': 'failed',
  'WhatsApp Message Undeliverable': 'failed',
};
export const RECEIVED_DETAIL_TYPE = 'WhatsApp Message Received';

/** A malformed or foreign event: it can never be handled, so it fails alone (and lands in the DLQ). */
export class MalformedWhatsAppEventError extends Error {
  override readonly name = 'MalformedWhatsAppEventError';
}

const Envelope = z.object({
  source: z.literal('aws.social-messaging'),
  'detail-type': z.string(),
  detail: z.record(z.string(), z.unknown()),
});

const StatusDetail = z.object({ messageId: z.string().min(1).max(200) });

/** Meta's webhook entry: changes[].value.messages[] with `from` (digits, no +) and a text body. */
const WebhookEntry = z.object({
  changes: z.array(
    z.object({
      value: z.object({
        messages: z
          .array(z.object({ from: z.string().regex(/^\d{6,15}$/), type: z.string(), text: z.object({ body: z.string() }).optional() }))
          .optional(),
      }),
    }),
  ),
});

export function parseWhatsAppEvent(raw: unknown): WhatsAppEvent {
  const envelope = Envelope.safeParse(raw);
  if (!envelope.success) throw new MalformedWhatsAppEventError('not an End User Messaging Social event');
  const detailType = envelope.data['detail-type'];
  const status = STATUS_DETAIL_TYPES[detailType];
  if (status) {
    const detail = StatusDetail.safeParse(envelope.data.detail);
    if (!detail.success) throw new MalformedWhatsAppEventError(`${detailType} without a messageId`);
    return { kind: 'status', messageId: detail.data.messageId, status };
  }
  if (detailType !== RECEIVED_DETAIL_TYPE) return { kind: 'ignored', detailType };
  const entryText = envelope.data.detail.whatsAppWebhookEntry;
  let entry: z.infer<typeof WebhookEntry>;
  try {
    entry = WebhookEntry.parse(typeof entryText === 'string' ? JSON.parse(entryText) : entryText);
  } catch {
    throw new MalformedWhatsAppEventError(`${detailType} without a readable webhook entry`);
  }
  const messages = entry.changes.flatMap((change) =>
    (change.value.messages ?? []).flatMap((message) => (message.text ? [{ from: `+${message.from}`, text: message.text.body }] : [])),
  );
  return { kind: 'inbound', messages };
}
