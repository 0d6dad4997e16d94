import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { PhoneOptedOutError, type SmsMessage, type SmsSender } from './ports.js';

/** One client per container. Locally, AWS_ENDPOINT_URL_SNS points it at the stack's SNS endpoint. */
const sns = new SNSClient({});

export const snsSmsSender: SmsSender = {
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
      );
      return { messageId: result.MessageId ?? 'unknown' };
    } catch (error) {
      if ((error as Error).name === 'OptedOutException') throw new PhoneOptedOutError();
      throw error;
    }
  },
};
