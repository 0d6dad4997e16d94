import { SendWhatsAppMessageCommand, SocialMessagingClient } from '@aws-sdk/client-socialmessaging';
import { PUBLISH_TIMEOUTS } from '../sns-sender.js';

export interface WhatsAppMessage {
  /** The store's End User Messaging Social phone number id (phone-number-id-…). */
  phoneNumberId: string;
  /** Meta's message JSON (a template message). */
  message: Record<string, unknown>;
}

export interface WhatsAppSender {
  /**
   * Resolves with the message id the delivery events will carry. Throws WhatsAppRejectedError when
   * the service refused the message for good (so the update can go by SMS now), anything else when
   * it may be worth retrying (throttling, a 5xx, a timeout that may even have sent it).
   */
  send(message: WhatsAppMessage): Promise<{ messageId: string }>;
}

/** Refused for good: the same request can never succeed (bad number, unknown template, no access). */
export class WhatsAppRejectedError extends Error {
  override readonly name = 'WhatsAppRejectedError';
}

/** The service's answers that no retry changes. */
const DEFINITIVE = new Set(['ValidationException', 'InvalidParametersException', 'ResourceNotFoundException', 'AccessDeniedException', 'AccessDeniedByMetaException']);

export function createWhatsAppSender(metaApiVersion: string, timeouts = PUBLISH_TIMEOUTS): WhatsAppSender {
  // Locally, AWS_ENDPOINT_URL_SOCIALMESSAGING points the client at the stack's WhatsApp endpoint.
  const client = new SocialMessagingClient({
    maxAttempts: timeouts.maxAttempts,
    requestHandler: { connectionTimeout: timeouts.connectionMs, requestTimeout: timeouts.requestMs, throwOnRequestTimeout: true },
  });
  return {
    async send({ phoneNumberId, message }) {
      try {
        const result = await client.send(
          new SendWhatsAppMessageCommand({
            originationPhoneNumberId: phoneNumberId,
            metaApiVersion,
            message: new TextEncoder().encode(JSON.stringify(message)),
          }),
          { abortSignal: AbortSignal.timeout(timeouts.deadlineMs) },
        );
        if (!result.messageId) throw new Error('SendWhatsAppMessage answered without a message id');
        return { messageId: result.messageId };
      } catch (error) {
        if (DEFINITIVE.has((error as Error).name)) throw new WhatsAppRejectedError((error as Error).message);
        throw error;
      }
    },
  };
}
