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
import { BlockPublicAccess, Bucket, BucketEncryption, CfnBucket, HttpMethods, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { PHOTO_LIFECYCLE_DAYS } from '../../shared/domain/photo.js';
import { PHOTOS_PREFIX } from '../../shared/media/object-keys.js';
import type { Construct } from 'constructs';
import { SCHEDULED_JOBS, type ScheduledJob } from '../../functions/schedules.js';
import { TABLE } from '../../shared/store/table.js';
import type { StageConfig } from '../config.js';
import { jobRuleName, pascal, photoCheckRuleName, photosBucketName, whatsappEventsRuleName } from '../names.js';

export interface StatefulStackProps extends StackProps {
  readonly config: StageConfig;
}

/** Where work that failed for good waits for a human: each stream consumer's batches and each job's runs. */
export interface DeadLetterQueues {
  readonly notifier: Queue;
  readonly aggregator: Queue;
  /** WhatsApp delivery events the events function gave up on (malformed, foreign, or failing for good). */
  readonly whatsappEvents: Queue;
  /** Photo uploads the photo check gave up on (the EventBridge rule's and Lambda's retries both end here). */
  readonly photoCheck: Queue;
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
  readonly photosBucket: Bucket;

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
      SCHEDULED_JOBS.map((job) => [
        job.name,
        this.ruleDeadLetterQueue(`${pascal(job.name)}JobDlq`, config, `${job.name} runs that failed for good`, 'ScheduleRuleDeadLetters', jobRuleName(config.stage, job.name)),
      ]),
    ) as Record<ScheduledJob['name'], Queue>;
    const whatsappEvents = this.ruleDeadLetterQueue('WhatsAppEventsDlq', config, 'WhatsApp delivery events that could not be handled', 'WhatsAppEventsRuleDeadLetters', whatsappEventsRuleName(config.stage));
    const photoCheck = this.ruleDeadLetterQueue('PhotoCheckDlq', config, 'photo uploads the photo check gave up on', 'PhotoCheckRuleDeadLetters', photoCheckRuleName(config.stage));
    this.deadLetterQueues = {
      notifier: this.deadLetterQueue('NotifierDlq', config, 'stream batches the notifier gave up on'),
      aggregator: this.deadLetterQueue('AggregatorDlq', config, 'stream batches the metrics aggregator gave up on'),
      whatsappEvents,
      photoCheck,
      jobs,
    };
    this.photosBucket = this.photoBucket(config);

    new CfnOutput(this, 'TableName', { value: this.table.tableName, description: 'The single DynamoDB table' });
    new CfnOutput(this, 'PhotosBucketName', { value: this.photosBucket.bucketName, description: 'Repair photos (private; presigned links only)' });
    new CfnOutput(this, 'OpsTopicArn', { value: this.opsTopic.topicArn, description: 'Alarms and SLA alerts; subscribe the on-call address here' });
  }

  /**
   * Repair photos: private (every public access blocked, no ACLs, no website, no public URL: only
   * presigned POSTs and GETs signed by the functions), encrypted, TLS only, retained with the table.
   * Uploads arrive from store apps, so CORS allows POST (and GET for the links) from any origin:
   * the presigned policy, not the origin, is what authorizes a request. EventBridge carries each
   * ObjectCreated to the photo check (workers stack), which avoids a notification resource here
   * pointing at a function there (two stacks depending on each other).
   *
   * Retention: the lifecycle rule deletes objects under photos/ PHOTO_LIFECYCLE_DAYS after upload,
   * a conservative bound (shared/domain/photo.ts) that is never earlier than "90 days after the
   * order's repair warranty ends, or after it was cancelled"; README says what tightening it takes.
   */
  private photoBucket(config: StageConfig): Bucket {
    const accessLogs = new Bucket(this, 'PhotosAccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      // Log delivery writes only to SSE-S3 buckets.
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // Log delivery is allowed by a bucket policy (cdk.json: serverAccessLogsUseBucketPolicy), not an ACL.
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(365) }],
      removalPolicy: config.removalPolicy,
    });
    Validations.of(accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This bucket receives the photo bucket\'s server access logs; logging its own access would write a log for every log delivery, without end.',
    });
    const photos = new Bucket(this, 'PhotosBucket', {
      bucketName: photosBucketName(config.stage),
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'photos-bucket/',
      cors: [{ allowedMethods: [HttpMethods.POST, HttpMethods.GET], allowedOrigins: ['*'], allowedHeaders: ['*'], maxAge: 3000 }],
      lifecycleRules: [
        { id: 'photo-retention', prefix: PHOTOS_PREFIX, expiration: Duration.days(PHOTO_LIFECYCLE_DAYS), abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
      removalPolicy: config.removalPolicy,
    });
    // S3 → EventBridge set on the bucket itself: CDK's eventBridgeEnabled would add a custom-resource Lambda for it.
    (photos.node.defaultChild as CfnBucket).addPropertyOverride('NotificationConfiguration.EventBridgeConfiguration.EventBridgeEnabled', true);
    return photos;
  }

  /**
   * A dead-letter queue an EventBridge rule of the workers stack writes to: exactly that rule, by
   * the name both stacks agree on (names.ts), so neither stack refers to the other.
   */
  private ruleDeadLetterQueue(id: string, config: StageConfig, holds: string, sid: string, ruleName: string): Queue {
    const queue = this.deadLetterQueue(id, config, holds);
    queue.addToResourcePolicy(
      new PolicyStatement({
        sid,
        principals: [new ServicePrincipal('events.amazonaws.com')],
        actions: ['sqs:SendMessage'],
        resources: [queue.queueArn],
        conditions: { ArnEquals: { 'aws:SourceArn': this.formatArn({ service: 'events', resource: 'rule', resourceName: ruleName }) } },
      }),
    );
    return queue;
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
