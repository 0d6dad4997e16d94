import { Match } from 'aws-cdk-lib/assertions';
import { SCHEDULED_JOBS } from '../../functions/schedules.js';
import { stageConfig } from '../../infra/config.js';
import { TABLE } from '../../shared/store/table.js';
import { label, resources, synthStage, type SynthesizedStage } from './support.js';

let dev: SynthesizedStage;
let prod: SynthesizedStage;

beforeAll(() => {
  dev = synthStage('dev', { bundle: false });
  prod = synthStage('prod', { bundle: false });
});
afterAll(() => {
  dev?.dispose();
  prod?.dispose();
});

interface AlarmProps {
  AlarmName: string;
  AlarmActions: unknown[];
  OKActions: unknown[];
  Threshold: number;
  ComparisonOperator: string;
  TreatMissingData: string;
  Namespace?: string;
  MetricName?: string;
  Dimensions?: { Name: string; Value: unknown }[];
  Metrics?: { Id: string; Expression?: string; MetricStat?: { Metric: { Namespace: string; MetricName: string; Dimensions?: { Name: string; Value: unknown }[] }; Stat: string } }[];
}

const alarms = (synth: SynthesizedStage) =>
  new Map(Object.values(resources(synth.monitoring, 'AWS::CloudWatch::Alarm')).map((a) => [(a.Properties as unknown as AlarmProps).AlarmName, a.Properties as unknown as AlarmProps]));
const alarm = (synth: SynthesizedStage, name: string): AlarmProps => {
  const found = alarms(synth).get(`repair-api-${synth.config.stage}-${name}`);
  expect({ name, found: found !== undefined }).toEqual({ name, found: true });
  return found!;
};
const dimensions = (synth: SynthesizedStage, dims: { Name: string; Value: unknown }[] = []) => Object.fromEntries(dims.map((d) => [d.Name, label(synth, d.Value)]));

const JOB_NAMES = SCHEDULED_JOBS.map((job) => job.name);
const EXPECTED_ALARMS = [
  'api-5xx-rate',
  'api-p99-latency',
  'api-authorizer-failures',
  'api-throttled',
  'lambda-throttled',
  'table-throttled',
  'table-throttled-2',
  'notifier-dlq-not-empty',
  'photo-check-dlq-not-empty',
  'photo-check-errors',
  'aggregator-dlq-not-empty',
  'whatsapp-events-dlq-not-empty',
  ...JOB_NAMES.map((job) => `${job}-job-dlq-not-empty`),
  'notifier-iterator-age',
  'aggregator-iterator-age',
  ...JOB_NAMES.map((job) => `${job}-job-errors`),
  'sms-failure-rate',
];

describe('ops topic and dead-letter queues (stateful stack)', () => {
  test('the ops topic is encrypted with a rotating key of our own that CloudWatch may use, and takes TLS-only publishes', () => {
    dev.stateful.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    dev.stateful.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'] })]) },
    });
    const topics = Object.values(resources(dev.stateful, 'AWS::SNS::Topic'));
    expect(topics).toHaveLength(1);
    expect(label(dev, topics[0]!.Properties!.KmsMasterKeyId)).toBe('opsKey.Arn');
    const statements = (Object.values(resources(dev.stateful, 'AWS::SNS::TopicPolicy'))[0]!.Properties!.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement;
    expect(statements).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        expect.objectContaining({ Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: 'sns:Publish', Condition: expect.objectContaining({ StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } }) }),
      ]),
    );
  });

  test('one dead-letter queue for each stream consumer, the WhatsApp events, the photo check and each job: SSE, TLS-only, kept 14 days', () => {
    const queues = resources(dev.stateful, 'AWS::SQS::Queue');
    expect(Object.keys(queues).map((id) => label(dev, { Ref: id })).sort()).toEqual(['dlq:notifier.Ref', 'dlq:aggregator.Ref', 'dlq:whatsapp-events.Ref', 'dlq:photoCheck.Ref', ...JOB_NAMES.map((job) => `dlq:${job}.Ref`)].sort());
    for (const queue of Object.values(queues)) {
      expect(queue.Properties).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
    }
    const policies = Object.values(resources(dev.stateful, 'AWS::SQS::QueuePolicy'));
    expect(policies).toHaveLength(Object.keys(queues).length);
    for (const policy of policies) expect(JSON.stringify(policy.Properties)).toContain('"aws:SecureTransport":"false"');
  });

  test('prod keeps the queues, the topic and its key when they leave the stack; dev deletes them', () => {
    for (const type of ['AWS::SQS::Queue', 'AWS::SNS::Topic', 'AWS::KMS::Key']) {
      for (const resource of Object.values(resources(prod.stateful, type))) expect(resource).toMatchObject({ DeletionPolicy: 'Retain' });
      for (const resource of Object.values(resources(dev.stateful, type))) expect(resource).toMatchObject({ DeletionPolicy: 'Delete' });
    }
  });
});

describe('alarms', () => {
  test('the expected alarms, each telling the ops topic when it fires and when it recovers', () => {
    // dev also watches SMS spend: its config carries the account's 1 USD limit; prod has none configured.
    expect([...alarms(dev).keys()].sort()).toEqual([...EXPECTED_ALARMS, 'sms-spend'].map((n) => `repair-api-dev-${n}`).sort());
    expect([...alarms(prod).keys()].sort()).toEqual(EXPECTED_ALARMS.map((n) => `repair-api-prod-${n}`).sort());
    for (const synth of [dev, prod]) {
      for (const props of alarms(synth).values()) {
        expect({ name: props.AlarmName, on: props.AlarmActions.map((a) => label(synth, a)), ok: props.OKActions.map((a) => label(synth, a)), missing: props.TreatMissingData }).toEqual({
          name: props.AlarmName,
          on: ['opsTopic.Ref'],
          ok: ['opsTopic.Ref'],
          missing: 'notBreaching',
        });
      }
    }
  });

  test('API: 5xx rate of the stage, p99 latency, authorizer failures and 429s from the access log', () => {
    const fiveXx = alarm(dev, 'api-5xx-rate');
    expect(fiveXx.Metrics?.find((m) => m.Expression)?.Expression).toBe('IF(requests >= 20, 100 * errors / requests, 0)');
    const byId = new Map(fiveXx.Metrics?.filter((m) => m.MetricStat).map((m) => [m.Id, m.MetricStat!]));
    expect(byId.get('errors')?.Metric.MetricName).toBe('5XXError');
    expect(byId.get('requests')?.Metric.MetricName).toBe('Count');
    for (const stat of byId.values()) {
      expect(dimensions(dev, stat.Metric.Dimensions)).toEqual({ ApiName: 'repair-api-dev', Stage: expect.stringMatching(/^ApiDeploymentStagedev\w+\.Ref$/) });
    }
    const p99 = alarm(dev, 'api-p99-latency') as AlarmProps & { ExtendedStatistic: string };
    expect({ metric: p99.MetricName, statistic: p99.ExtendedStatistic, threshold: p99.Threshold }).toEqual({ metric: 'Latency', statistic: 'p99', threshold: 3000 });
    expect(alarm(dev, 'api-authorizer-failures')).toMatchObject({ Namespace: 'RepairApi/dev', MetricName: 'AuthorizerFailures', Threshold: 1 });
    expect(alarm(dev, 'api-throttled')).toMatchObject({ Namespace: 'RepairApi/dev', MetricName: 'ThrottledRequests' });
  });

  test('Lambda throttles: any function of the account and region (Lambda\'s own aggregate), from the first one', () => {
    const props = alarm(dev, 'lambda-throttled');
    const stats = props.Metrics!.filter((m) => m.MetricStat);
    expect(stats.map((m) => ({ ...m.MetricStat!.Metric, stat: m.MetricStat!.Stat }))).toEqual([{ Namespace: 'AWS/Lambda', MetricName: 'Throttles', stat: 'Sum' }]);
    expect(props.Threshold).toBe(1);
  });

  test('DynamoDB throttling: read and write throttle events of the table and of every index, summed, sustained for 10 minutes', () => {
    // CloudWatch refuses an alarm watching more than 10 metrics: the table and gsi1–gsi4, then the rest.
    const watched = ['table-throttled', 'table-throttled-2'].flatMap((name) => {
      const props = alarm(dev, name) as AlarmProps & { EvaluationPeriods: number; DatapointsToAlarm: number };
      expect(props.Metrics?.find((m) => m.Expression)?.Expression).toBe('SUM(METRICS())');
      const metrics = props.Metrics!.filter((m) => m.MetricStat).map((m) => `${m.MetricStat!.Metric.Namespace} ${m.MetricStat!.Metric.MetricName} ${JSON.stringify(dimensions(dev, m.MetricStat!.Metric.Dimensions))} ${m.MetricStat!.Stat}`);
      expect(metrics.length).toBeLessThanOrEqual(10);
      expect({ name, threshold: props.Threshold, periods: props.EvaluationPeriods, datapoints: props.DatapointsToAlarm }).toEqual({ name, threshold: 5, periods: 2, datapoints: 2 });
      return metrics;
    });
    const targets = [{}, ...TABLE.indexes.map((index) => ({ GlobalSecondaryIndexName: index.name }))];
    const expected = targets.flatMap((target) =>
      ['ReadThrottleEvents', 'WriteThrottleEvents'].map((metric) => `AWS/DynamoDB ${metric} ${JSON.stringify({ ...target, TableName: 'table.Ref' })} Sum`),
    );
    const sortKeys = (line: string) => line.replace(/\{.*\}/, (json) => JSON.stringify(Object.fromEntries(Object.entries(JSON.parse(json) as Record<string, string>).sort())));
    expect(watched.map(sortKeys).sort()).toEqual(expected.map(sortKeys).sort());
  });

  test('every dead-letter queue alarms as soon as it holds one message', () => {
    for (const name of ['notifier', 'aggregator', ...JOB_NAMES]) {
      const props = alarm(dev, ['notifier', 'aggregator'].includes(name) ? `${name}-dlq-not-empty` : `${name}-job-dlq-not-empty`);
      expect({ name, metric: props.MetricName, threshold: props.Threshold, queue: dimensions(dev, props.Dimensions) }).toEqual({
        name,
        metric: 'ApproximateNumberOfMessagesVisible',
        threshold: 1,
        queue: { QueueName: `dlq:${name}.QueueName` },
      });
    }
    expect(dimensions(dev, alarm(dev, 'photo-check-dlq-not-empty').Dimensions)).toEqual({ QueueName: 'dlq:photoCheck.QueueName' });
  });

  test('the photo check alarms on its first failed run', () => {
    const props = alarm(dev, 'photo-check-errors');
    expect({ metric: props.MetricName, threshold: props.Threshold, fn: dimensions(dev, props.Dimensions) }).toEqual({ metric: 'Errors', threshold: 1, fn: { FunctionName: 'fn:photoCheck.Ref' } });
  });

  test("each stream consumer's iterator age and each job's errors", () => {
    for (const consumer of ['notifier', 'aggregator']) {
      expect(alarm(dev, `${consumer}-iterator-age`)).toMatchObject({ MetricName: 'IteratorAge', Threshold: 600_000 });
      expect(dimensions(dev, alarm(dev, `${consumer}-iterator-age`).Dimensions)).toEqual({ FunctionName: `fn:${consumer}.Ref` });
    }
    for (const job of JOB_NAMES) {
      const props = alarm(dev, `${job}-job-errors`);
      expect({ job, metric: props.MetricName, threshold: props.Threshold, fn: dimensions(dev, props.Dimensions) }).toEqual({ job, metric: 'Errors', threshold: 1, fn: { FunctionName: `fn:${job}.Ref` } });
    }
  });

  test('SMS: the failed share of carrier deliveries for direct-to-phone SMS, and spend against the configured limit', () => {
    const failure = alarm(dev, 'sms-failure-rate');
    const stats = failure.Metrics!.filter((m) => m.MetricStat).map((m) => m.MetricStat!.Metric);
    expect(stats.map((m) => [m.Namespace, m.MetricName, dimensions(dev, m.Dimensions)]).sort()).toEqual([
      ['AWS/SNS', 'NumberOfNotificationsDelivered', { PhoneNumber: 'PhoneNumberDirect' }],
      ['AWS/SNS', 'NumberOfNotificationsFailed', { PhoneNumber: 'PhoneNumberDirect' }],
    ]);
    expect(failure.Threshold).toBe(10);
    expect(alarm(dev, 'sms-spend')).toMatchObject({ Namespace: 'AWS/SNS', MetricName: 'SMSMonthToDateSpentUSD', Threshold: 0.8 * stageConfig('dev').sms.monthlySpendLimitUsd! });
  });
});

describe('dashboard and outputs', () => {
  test('one dashboard per stage with the alarms and the key graphs', () => {
    const dashboards = Object.values(resources(dev.monitoring, 'AWS::CloudWatch::Dashboard'));
    expect(dashboards).toHaveLength(1);
    expect(dashboards[0]!.Properties!.DashboardName).toBe('repair-api-dev');
    const body = JSON.stringify(dashboards[0]!.Properties!.DashboardBody);
    for (const title of ['Alarms', 'API requests and 5xx', 'API latency', 'Refused at the gateway', 'Authorizer (errors include refused keys)', 'Throttling (Lambda, account-wide; DynamoDB table + indexes)', 'Refused by the WAF (per rule)', 'Stream consumers', 'SMS (carrier verdict)', 'Job runs and errors', 'Dead-letter queues']) {
      expect(body).toContain(`\\"title\\":\\"${title}\\"`);
    }
    for (const rule of ['body-too-large', 'track-rate-per-ip']) expect(body).toContain(`\\"Rule\\",\\"${rule}\\"`);
  });

  test('outputs: API URL and usage plan id (API stack), table name, photo bucket and ops topic ARN (stateful stack)', () => {
    for (const synth of [dev, prod]) {
      expect(Object.keys(synth.api.toJSON().Outputs ?? {}).filter((o) => !o.startsWith('PublishOutput'))).toEqual(['ApiUrl', 'UsagePlanId']);
      expect(Object.keys(synth.stateful.toJSON().Outputs ?? {}).filter((o) => !o.startsWith('PublishOutput'))).toEqual(['TableName', 'PhotosBucketName', 'OpsTopicArn']);
      expect(label(synth, synth.stateful.toJSON().Outputs.OpsTopicArn.Value)).toBe('opsTopic.Ref');
    }
  });
});
