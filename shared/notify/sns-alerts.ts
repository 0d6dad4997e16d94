import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { OpsAlerts, RdSlaAlert, SlaAlert } from '../usecases/job-ports.js';

const sns = new SNSClient({});

/**
 * Ops alerts on one topic; `storeId`, `flag` and `target` (resolution or response) ride as message attributes so each store's ops
 * team can subscribe with a filter policy to just its own alerts. No personal data in them.
 */
export function snsOpsAlerts(topicArn: string): OpsAlerts {
  return {
    async publish(alert: SlaAlert | RdSlaAlert) {
      if (alert.kind === 'rd-sla') {
        await sns.send(
          new PublishCommand({
            TopicArn: topicArn,
            Subject: `R&D SLA breached: escalation ${alert.escalationId}`,
            Message: JSON.stringify(alert),
            MessageAttributes: { storeId: { DataType: 'String', StringValue: alert.storeId }, flag: { DataType: 'String', StringValue: 'breached' }, target: { DataType: 'String', StringValue: 'rd' } },
          }),
        );
        return;
      }
      await sns.send(
        new PublishCommand({
          TopicArn: topicArn,
          Subject: `SLA ${alert.target === 'response' ? 'response ' : ''}${alert.flag}: ${alert.trackingCode}`,
          Message: JSON.stringify(alert),
          MessageAttributes: {
            storeId: { DataType: 'String', StringValue: alert.storeId },
            flag: { DataType: 'String', StringValue: alert.flag },
            target: { DataType: 'String', StringValue: alert.target },
          },
        }),
      );
    },
  };
}
