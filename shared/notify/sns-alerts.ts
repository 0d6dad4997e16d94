import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { OpsAlerts, SlaAlert } from '../usecases/job-ports.js';

const sns = new SNSClient({});

/**
 * Ops alerts on one topic; `storeId` and `flag` ride as message attributes so each store's ops
 * team can subscribe with a filter policy to just its own alerts. No personal data in them.
 */
export function snsOpsAlerts(topicArn: string): OpsAlerts {
  return {
    async publish(alert: SlaAlert) {
      await sns.send(
        new PublishCommand({
          TopicArn: topicArn,
          Subject: `SLA ${alert.flag}: ${alert.trackingCode}`,
          Message: JSON.stringify(alert),
          MessageAttributes: {
            storeId: { DataType: 'String', StringValue: alert.storeId },
            flag: { DataType: 'String', StringValue: alert.flag },
          },
        }),
      );
    },
  };
}
