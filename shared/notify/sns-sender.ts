import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { PhoneOptedOutError, type SmsMessage, type SmsSender } from './ports.js';

/**
 * How long one publish may take, all attempts included. It must stay well under the SMS claim's
 * 15 s lease (CLAIM_LEASE_MS, shared/store/sms-ledger.ts): a publish still running when the lease
 * lapses could be repeated by whoever takes the claim over. SDK defaults have no timeout at all.
 */
export const PUBLISH_TIMEOUTS = {
  /** Per attempt: TCP/TLS connect, then the whole request and response. */
  connectionMs: 1_000,
  requestMs: 4_000,
  /** The first try and one retry (throttling, 5xx, a timed-out attempt); Lambda's stream retries do the rest. */
  maxAttempts: 2,
  /** Hard stop for the whole call, retries and backoff included. */
  deadlineMs: 10_000,
} as const;

export function createSnsSmsSender(timeouts: { connectionMs: number; requestMs: number; maxAttempts: number; deadlineMs: number } = PUBLISH_TIMEOUTS): SmsSender {
  // Locally, AWS_ENDPOINT_URL_SNS points the client at the stack's SNS endpoint.
  const sns = new SNSClient({
    maxAttempts: timeouts.maxAttempts,
    requestHandler: { connectionTimeout: timeouts.connectionMs, requestTimeout: timeouts.requestMs, throwOnRequestTimeout: true },
  });
  return {
    async send(message: SmsMessage) {
      try {
        const result = await sns.send(
          new PublishCommand({
            PhoneNumber: message.to,
            Message: message.text,
            MessageAttributes: Object.fromEntries(
              Object.entries(message.attributes).map(([name, value]) => [name, { DataType: 'String', StringValue: value }]),
            ),
          }),
          { abortSignal: AbortSignal.timeout(timeouts.deadlineMs) },
        );
        return { messageId: result.MessageId ?? 'unknown' };
      } catch (error) {
        if ((error as Error).name === 'OptedOutException') throw new PhoneOptedOutError();
        throw error;
      }
    },
  };
}

/** One client per container. */
export const snsSmsSender: SmsSender = createSnsSmsSender();
