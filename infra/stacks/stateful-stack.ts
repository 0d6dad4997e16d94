import { ArnFormat, CfnOutput, Duration, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import {
  AttributeType,
  Billing,
  ProjectionType,
  StreamViewType,
  TableEncryptionV2,
  TableV2,
  type Attribute,
  type ITableV2,
} from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { SCHEDULED_JOBS, type ScheduledJob } from '../../functions/schedules.js';
import { TABLE } from '../../shared/store/table.js';
import type { StageConfig } from '../config.js';
import { jobRuleName, pascal, whatsappEventsRuleName } from '../names.js';

export interface StatefulStackProps extends StackProps {
  readonly config: StageConfig;
}

/** Where work that failed for good waits for a human: each stream consumer's batches and each job's runs. */
export interface DeadLetterQueues {
  readonly notifier: Queue;
  readonly aggregator: Queue;
  /** WhatsApp delivery events the events function gave up on (malformed, foreign, or failing for good). */
  readonly whatsappEvents: Queue;
  readonly jobs: Readonly<Record<ScheduledJob['name'], Queue>>;
}

const stringKey = (name: string): Attribute => ({ name, type: AttributeType.STRING });

/**
 * What holds data or must outlive deployments: the single table, the ops topic (its
 * subscriptions are set up by hand once) and the dead-letter queues (their messages are the
 * evidence of what failed). Kept apart from the functions so a stateless change can never
 * replace them, and protected in prod.
 */
export class StatefulStack extends Stack {
  readonly table: ITableV2;
  readonly opsTopic: Topic;
  readonly opsKey: Key;
  readonly deadLetterQueues: DeadLetterQueues;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    const { config, ...stackProps } = props;
    super(scope, id, { terminationProtection: config.deletionProtection, ...stackProps });

    // Keys and indexes come from TABLE, the definition DynamoDB Local is built from too.
    this.table = new TableV2(this, 'Table', {
      partitionKey: stringKey(TABLE.partitionKey),
      sortKey: stringKey(TABLE.sortKey),
      globalSecondaryIndexes: TABLE.indexes.map((index) => ({
        indexName: index.name,
        partitionKey: stringKey(index.partitionKey),
        sortKey: stringKey(index.sortKey),
        projectionType: ProjectionType.ALL,
      })),
      timeToLiveAttribute: TABLE.timeToLiveAttribute,
      // The notifier needs the status before and after each change to decide on an SMS.
      dynamoStream: StreamViewType.NEW_AND_OLD_IMAGES,
      billing: Billing.onDemand(),
      encryption: TableEncryptionV2.awsManagedKey(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: config.pointInTimeRecovery },
      deletionProtection: config.deletionProtection,
      removalPolicy: config.removalPolicy,
    });

    // A key of our own: CloudWatch alarms cannot publish to a topic under the AWS-managed SNS key.
    this.opsKey = new Key(this, 'OpsTopicKey', {
      description: `Repair API (${config.stage}): ops alerts topic`,
      enableKeyRotation: true,
      removalPolicy: config.removalPolicy,
    });
    this.opsKey.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarmsPublish',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );
    // SLA alerts (the sla job) and every alarm land here; no personal data in either.
    this.opsTopic = new Topic(this, 'OpsTopic', {
      displayName: `Repair API ${config.stage} ops`,
      masterKey: this.opsKey,
      enforceSSL: true,
    });
    // Its subscriptions are made by hand once (README, Operations): keep them in prod.
    this.opsTopic.applyRemovalPolicy(config.removalPolicy);
    // A topic policy replaces SNS's default one, so CloudWatch needs saying, for this account's alarms only.
    this.opsTopic.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarmsPublish',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.opsTopic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': this.account },
          ArnLike: { 'aws:SourceArn': this.formatArn({ service: 'cloudwatch', resource: 'alarm', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME }) },
        },
      }),
    );

    const jobs = Object.fromEntries(
      SCHEDULED_JOBS.map((job) => {
        const queue = this.deadLetterQueue(`${pascal(job.name)}JobDlq`, config, `${job.name} runs that failed for good`);
        // Lets exactly that job's rule (named in names.ts) hand over events it could not deliver.
        queue.addToResourcePolicy(
          new PolicyStatement({
            sid: 'ScheduleRuleDeadLetters',
            principals: [new ServicePrincipal('events.amazonaws.com')],
            actions: ['sqs:SendMessage'],
            resources: [queue.queueArn],
            conditions: { ArnEquals: { 'aws:SourceArn': this.formatArn({ service: 'events', resource: 'rule', resourceName: jobRuleName(config.stage, job.name) }) } },
          }),
        );
        return [job.name, queue];
      }),
    ) as Record<ScheduledJob['name'], Queue>;
    const whatsappEvents = this.deadLetterQueue('WhatsAppEventsDlq', config, 'WhatsApp delivery events that could not be handled');
    whatsappEvents.addToResourcePolicy(
      new PolicyStatement({
        sid: 'WhatsAppEventsRuleDeadLetters',
        principals: [new ServicePrincipal('events.amazonaws.com')],
        actions: ['sqs:SendMessage'],
        resources: [whatsappEvents.queueArn],
        conditions: { ArnEquals: { 'aws:SourceArn': this.formatArn({ service: 'events', resource: 'rule', resourceName: whatsappEventsRuleName(config.stage) }) } },
      }),
    );
    this.deadLetterQueues = {
      notifier: this.deadLetterQueue('NotifierDlq', config, 'stream batches the notifier gave up on'),
      aggregator: this.deadLetterQueue('AggregatorDlq', config, 'stream batches the metrics aggregator gave up on'),
      whatsappEvents,
      jobs,
    };

    new CfnOutput(this, 'TableName', { value: this.table.tableName, description: 'The single DynamoDB table' });
    new CfnOutput(this, 'OpsTopicArn', { value: this.opsTopic.topicArn, description: 'Alarms and SLA alerts; subscribe the on-call address here' });
  }

  /** Encrypted, TLS-only, and kept for the maximum 14 days: long enough to survive a holiday weekend. */
  private deadLetterQueue(id: string, config: StageConfig, holds: string): Queue {
    const queue = new Queue(this, id, {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: config.removalPolicy,
    });
    Validations.of(queue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: `This queue is itself a dead-letter queue (${holds}); a DLQ behind it would only move the problem, so its depth > 0 alarm calls a human instead.`,
    });
    return queue;
  }
}
