import { Duration, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Queue, type IQueue } from 'aws-cdk-lib/aws-sqs';
import { Bucket, type IBucket } from 'aws-cdk-lib/aws-s3';
import { photosBucketNagName } from '../names.js';
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import type { Construct } from 'constructs';
import { SCHEDULED_JOBS, type ScheduledJob } from '../../functions/schedules.js';
import { RECEIVED_DETAIL_TYPE, STATUS_DETAIL_TYPES } from '../../shared/notify/whatsapp/events.js';
import { smsEnvironment, whatsappEnvironment, type StageConfig } from '../config.js';
import { BaseFunction } from '../constructs/base-function.js';
import { AGGREGATOR_TABLE_USE, JOB_TABLE_USE, NOTIFIER_TABLE_USE, PHOTO_CHECK_TABLE_USE, WHATSAPP_EVENTS_TABLE_USE, type TableUse } from '../table-access.js';
import { jobRuleName, pascal, photoCheckRuleName, whatsappEventsRuleName } from '../names.js';
import { PHOTO_CHECK_ACCESS } from '../photo-access.js';
import { PHOTOS_PREFIX } from '../../shared/media/object-keys.js';
import type { DeadLetterQueues } from './stateful-stack.js';

export interface WorkersStackProps extends StackProps {
  readonly config: StageConfig;
  readonly table: ITableV2;
  readonly opsTopic: ITopic;
  readonly opsKey: IKey;
  readonly deadLetterQueues: DeadLetterQueues;
  /** Named by photosBucketName: the stacks agree on it without a cross-stack reference. */
  readonly photosBucketName: string;
  /** PUBLIC_BASE_URL of the customer page links (the custom domain, or the API stack's URL). */
  readonly publicBaseUrl: string;
}

type JobName = ScheduledJob['name'];

/** Why SNS Publish is granted on "*": the acknowledgement of the wildcard carries this text. */
const SMS_PUBLISH_REASON =
  'Customer SMS: sns:Publish with PhoneNumber sends to a phone number, which has no ARN, so IAM can only grant it on Resource "*". ' +
  'The policy holds this one action; it would also allow publishing to topics, and the code only ever sets PhoneNumber (shared/notify/sns-sender.ts).';

/**
 * The stateless work behind the API: the stream notifier (status change → customer SMS) and the
 * scheduled jobs of functions/schedules.ts, each with its dead-letter queue from the stateful stack.
 */
export class WorkersStack extends Stack {
  readonly notifier: BaseFunction;
  readonly aggregator: BaseFunction;
  readonly whatsappEvents: BaseFunction;
  readonly photoCheck: BaseFunction;
  readonly jobs: Readonly<Record<JobName, BaseFunction>>;

  constructor(scope: Construct, id: string, props: WorkersStackProps) {
    const { config, table, opsTopic, opsKey, deadLetterQueues, photosBucketName, publicBaseUrl, ...stackProps } = props;
    super(scope, id, stackProps);
    const photosBucket = { bucket: Bucket.fromBucketName(this, 'PhotosBucket', photosBucketName), nagName: photosBucketNagName(config.stage) };
    const logs = { logRetention: config.logRetention, logRemovalPolicy: config.removalPolicy };
    // Every customer message links to the page: the stage's custom domain, else the API's own URL.
    const sms = { ...smsEnvironment(config.sms), ...whatsappEnvironment(config.whatsapp), PUBLIC_BASE_URL: publicBaseUrl };
    /** The functions that send customer updates may send WhatsApp from the stage's numbers only. */
    const grantWhatsAppSend = (fn: BaseFunction) => {
      if (!config.whatsapp) return;
      fn.addToRolePolicy(new PolicyStatement({ actions: ['social-messaging:SendWhatsAppMessage'], resources: [...config.whatsapp.phoneNumberArns] }));
    };

    const consume = (id: string, props: { entry: string; description: string; tableUse: TableUse; itemTypes: string[]; dlq: IQueue; timeout: Duration; environment?: Record<string, string> }) => {
      const fn = new BaseFunction(this, `${id}Fn`, {
        entry: props.entry,
        description: props.description,
        timeout: props.timeout,
        ...(props.environment ? { environment: props.environment } : {}),
        ...logs,
      }).useTable(table, props.tableUse);
      fn.addEventSource(
        new DynamoEventSource(table, {
          // Nothing in the stream's 24 h is skipped when the mapping is (re)created.
          startingPosition: StartingPosition.TRIM_HORIZON,
          batchSize: 50,
          // One shard, one batch at a time: an order's changes must be handled in order.
          parallelizationFactor: 1,
          reportBatchItemFailures: true,
          bisectBatchOnError: true,
          // Finite, so one poisoned record cannot hold up its shard for the stream's whole 24 h.
          retryAttempts: 10,
          maxRecordAge: Duration.hours(6),
          onFailure: new SqsDlq(importQueue(this, `${id}Dlq`, props.dlq)),
          // Only the item types the consumer acts on wake it: not events, markers, nor TTL removals.
          // Whether a status changed needs the old image too, which a filter cannot compare: the handlers skip those.
          filters: [
            FilterCriteria.filter({
              eventName: FilterRule.or('INSERT', 'MODIFY'),
              dynamodb: { NewImage: { type: { S: FilterRule.or(...props.itemTypes) } } },
            }),
          ],
        }),
      );
      return fn;
    };

    this.notifier = consume('Notifier', {
      entry: 'functions/notifier.ts',
      description: 'Order status changes → customer SMS',
      tableUse: NOTIFIER_TABLE_USE,
      itemTypes: ['order'],
      dlq: deadLetterQueues.notifier,
      // The SMS claim lease is 15 s and a record may wait ~16 s for a dead sender's claim to lapse.
      timeout: Duration.seconds(60),
      environment: sms,
    });
    this.notifier.grantOnAnyResource('SmsPublish', ['sns:Publish'], SMS_PUBLISH_REASON);
    grantWhatsAppSend(this.notifier);
    this.whatsappEvents = this.whatsappEventsFunction(config, table, sms, importQueue(this, 'WhatsAppEventsDlq', deadLetterQueues.whatsappEvents));
    this.aggregator = consume('Aggregator', {
      entry: 'functions/aggregator.ts',
      description: 'Order and follow-up changes → per-store daily metrics',
      tableUse: AGGREGATOR_TABLE_USE,
      itemTypes: ['order', 'followUp', 'pageRating'],
      dlq: deadLetterQueues.aggregator,
      timeout: Duration.seconds(30),
    });

    this.photoCheck = this.photoCheckFunction(config, table, photosBucket, importQueue(this, 'PhotoCheckDlq', deadLetterQueues.photoCheck));

    // What each job touches beyond its table use (JOB_TABLE_USE), and nothing else. Typed by job name: a new job does not compile until it is listed here.
    const wiring: Record<JobName, { environment?: Record<string, string>; grant?: (fn: BaseFunction) => void }> = {
      followups: {},
      // The extension campaigns' page-by-page job, then its notices: the customers told of the new end date.
      campaigns: {
        environment: sms,
        grant: (fn) => {
          fn.grantOnAnyResource('SmsPublish', ['sns:Publish'], SMS_PUBLISH_REASON);
          grantWhatsAppSend(fn);
        },
      },
      // Deletes the photos of orders past their retention (objects under photos/ only).
      photos: { grant: (fn) => fn.usePhotos(photosBucket, ['s3:DeleteObject']) },
      sla: {
        environment: { OPS_TOPIC_ARN: opsTopic.topicArn },
        grant: (fn) => {
          fn.addToRolePolicy(new PolicyStatement({ actions: ['sns:Publish'], resources: [opsTopic.topicArn] }));
          // The topic is encrypted: publishers need the key (the calls SNS documents for SSE topics).
          fn.addToRolePolicy(new PolicyStatement({ actions: ['kms:Decrypt', 'kms:GenerateDataKey*'], resources: [opsKey.keyArn] }));
          Validations.of(fn.role!.node.findChild('DefaultPolicy')).acknowledge({
            id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
            reason: 'Publishing to the SSE-encrypted ops topic: SNS documents kms:GenerateDataKey* for publishers; the grant names the one ops key.',
          });
        },
      },
      warranty: {
        environment: sms,
        grant: (fn) => {
          fn.grantOnAnyResource('SmsPublish', ['sns:Publish'], SMS_PUBLISH_REASON);
          grantWhatsAppSend(fn);
        },
      },
    };

    const jobs: Partial<Record<JobName, BaseFunction>> = {};
    for (const job of SCHEDULED_JOBS) {
      const { environment, grant } = wiring[job.name];
      const fn = new BaseFunction(this, `${pascal(job.name)}JobFn`, {
        entry: `functions/jobs/${job.handler}.ts`,
        description: `Job: ${job.description}`,
        // Jobs stop 15 s before their deadline and leave the rest due for the next run.
        timeout: Duration.minutes(5),
        ...(environment ? { environment } : {}),
        ...logs,
      });
      fn.useTable(table, JOB_TABLE_USE[job.name]);
      grant?.(fn);
      this.schedule(config, job, fn, importQueue(this, `${pascal(job.name)}JobDlq`, deadLetterQueues.jobs[job.name]));
      jobs[job.name] = fn;
    }
    this.jobs = jobs as Record<JobName, BaseFunction>;

    if (config.sms.senderId) this.applySenderId(config, config.sms.senderId);
  }

  /**
   * End User Messaging Social sends WhatsApp events straight to EventBridge (source
   * aws.social-messaging): no SNS event destination and IAM role per WABA to set up, and the rule
   * gives each event its own invocation with retries and a dead-letter queue, so a malformed or
   * foreign event fails alone. Status events carry the message id SendWhatsAppMessage returned.
   */
  private whatsappEventsFunction(config: StageConfig, table: ITableV2, environment: Record<string, string>, dlq: IQueue): BaseFunction {
    const fn = new BaseFunction(this, 'WhatsAppEventsFn', {
      entry: 'functions/whatsapp-events.ts',
      description: 'WhatsApp delivery events → delivery state, SMS fallback once, STOP opt-outs',
      timeout: Duration.seconds(30),
      environment,
      logRetention: config.logRetention,
      logRemovalPolicy: config.removalPolicy,
    }).useTable(table, WHATSAPP_EVENTS_TABLE_USE);
    // The fallback SMS.
    fn.grantOnAnyResource('SmsPublish', ['sns:Publish'], SMS_PUBLISH_REASON);
    const maxEventAge = Duration.hours(6);
    fn.configureAsyncInvoke({ retryAttempts: 2, maxEventAge, onFailure: new SqsDestination(dlq) });
    new Rule(this, 'WhatsAppEvents', {
      ruleName: whatsappEventsRuleName(config.stage),
      description: 'End User Messaging Social WhatsApp events (status, received) to the events function',
      eventPattern: {
        source: ['aws.social-messaging'],
        detailType: [...Object.keys(STATUS_DETAIL_TYPES), RECEIVED_DETAIL_TYPE],
      },
      targets: [new LambdaFunction(fn, { retryAttempts: 2, maxEventAge, deadLetterQueue: dlq })],
    });
    return fn;
  }

  /**
   * Each object created under photos/ (S3 → EventBridge) → the photo check, which reads its first
   * bytes and deletes what it rejects. Delivery is retried by the rule, then the run by Lambda;
   * either one that gives up leaves the event in the photo-check dead-letter queue (alarmed).
   */
  private photoCheckFunction(config: StageConfig, table: ITableV2, bucket: { bucket: IBucket; nagName: string }, dlq: IQueue): BaseFunction {
    const fn = new BaseFunction(this, 'PhotoCheckFn', {
      entry: 'functions/photo-check.ts',
      description: 'Photo uploads → ready or rejected (size and signature bytes)',
      timeout: Duration.seconds(30),
      logRetention: config.logRetention,
      logRemovalPolicy: config.removalPolicy,
    })
      .useTable(table, PHOTO_CHECK_TABLE_USE)
      .usePhotos(bucket, PHOTO_CHECK_ACCESS);
    const maxEventAge = Duration.hours(6);
    fn.configureAsyncInvoke({ retryAttempts: 2, maxEventAge, onFailure: new SqsDestination(dlq) });
    new Rule(this, 'PhotoUploaded', {
      ruleName: photoCheckRuleName(config.stage),
      description: 'A photo was uploaded: check it',
      eventPattern: {
        source: ['aws.s3'],
        detailType: ['Object Created'],
        detail: { bucket: { name: [bucket.bucket.bucketName] }, object: { key: [{ prefix: PHOTOS_PREFIX }] } },
      },
      targets: [new LambdaFunction(fn, { retryAttempts: 4, maxEventAge, deadLetterQueue: dlq })],
    });
    return fn;
  }

  /**
   * The rule, and what happens when a run fails: EventBridge retries delivering it, then Lambda
   * retries the run; either one that gives up leaves the event in the job's dead-letter queue.
   * A late run is harmless (a job's "now" is the event's time), so retries may take a while.
   */
  private schedule(config: StageConfig, job: ScheduledJob, fn: BaseFunction, dlq: IQueue): void {
    const daily = 'dailyAtUtc' in job.schedule;
    const maxEventAge = daily ? Duration.hours(6) : Duration.hours(1);
    fn.configureAsyncInvoke({ retryAttempts: 2, maxEventAge, onFailure: new SqsDestination(dlq) });
    new Rule(this, `${pascal(job.name)}Schedule`, {
      ruleName: jobRuleName(config.stage, job.name),
      description: job.description,
      schedule:
        'everyMinutes' in job.schedule
          ? Schedule.rate(Duration.minutes(job.schedule.everyMinutes))
          : Schedule.cron({ hour: String(job.schedule.dailyAtUtc.hour), minute: String(job.schedule.dailyAtUtc.minute) }),
      targets: [new LambdaFunction(fn, { retryAttempts: 2, maxEventAge, deadLetterQueue: dlq })],
    });
  }

  /**
   * The stage's default sender ID is an account setting of SNS (SetSMSAttributes), not a
   * CloudFormation resource: one SDK call at deploy time. Account-wide, so stages sharing an
   * account share it; a store's own sender ID still wins per message.
   */
  private applySenderId(config: StageConfig, senderId: string): void {
    const call = {
      service: 'SNS',
      action: 'setSMSAttributes',
      parameters: { attributes: { DefaultSenderID: senderId, DefaultSMSType: 'Transactional' } },
      physicalResourceId: PhysicalResourceId.of('sms-account-settings'),
    };
    const settings = new AwsCustomResource(this, 'SmsAccountSettings', {
      onCreate: call,
      onUpdate: call,
      policy: AwsCustomResourcePolicy.fromSdkCalls({ resources: AwsCustomResourcePolicy.ANY_RESOURCE }),
      // The SDK in the Lambda runtime is enough for one call; installing the latest needs the internet at deploy time.
      installLatestAwsSdk: false,
      logGroup: new LogGroup(this, 'SmsAccountSettingsLogs', { retention: config.logRetention, removalPolicy: config.removalPolicy }),
    });
    Validations.of(settings).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'sns:SetSMSAttributes changes account-level SMS settings, which have no ARN: IAM only grants it on Resource "*". The function runs only during deployments.',
    });
    const provider = this.node.tryFindChild(`AWS${AwsCustomResource.PROVIDER_FUNCTION_UUID.replace(/-/g, '')}`);
    if (provider) {
      Validations.of(provider).acknowledge(
        { id: 'AwsSolutions-L1', reason: "CDK's own provider for AwsCustomResource: its runtime is chosen and upgraded by aws-cdk-lib, not by this app." },
        {
          id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
          reason: 'The AWS-maintained Lambda logging policy on CDK\'s custom resource provider: CloudWatch Logs create-stream/put-events only.',
        },
      );
    }
  }
}

/**
 * The stateful stack's queue, seen from here by ARN. Handing over the queue object would make
 * CDK add the rule's DLQ permission to the queue's policy over there, referring back to this
 * stack: a cycle. The stateful stack grants that permission itself, by rule name.
 */
function importQueue(scope: Construct, id: string, queue: IQueue): IQueue {
  return Queue.fromQueueArn(scope, `${id}Ref`, queue.queueArn);
}
