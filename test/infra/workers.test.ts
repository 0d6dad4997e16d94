import type { DynamoDBRecord } from 'aws-lambda';
import { SCHEDULED_JOBS } from '../../functions/schedules.js';
import { stageConfig, type StageConfig } from '../../infra/config.js';
import { jobRuleName } from '../../infra/names.js';
import { statusChangeFromRecord } from '../../shared/store/stream-records.js';
import { label, logicalId, resources, synthStage, type SynthesizedStage } from './support.js';

let dev: SynthesizedStage;

beforeAll(() => {
  dev = synthStage('dev', { bundle: false });
});
afterAll(() => dev?.dispose());

type Props = Record<string, unknown>;
const only = (synth: SynthesizedStage, type: string): Props => {
  const found = Object.values(resources(synth.workers, type));
  expect(found).toHaveLength(1);
  return found[0]!.Properties!;
};
const functionProps = (synth: SynthesizedStage, id: string) =>
  (synth.workers.toJSON().Resources[id] as { Properties: { Timeout: number; Environment?: { Variables?: Record<string, unknown> } } }).Properties;

/** EventBridge-style matching of the exact-value patterns the notifier's filter uses (arrays of allowed values). */
function matches(pattern: unknown, event: unknown): boolean {
  if (Array.isArray(pattern)) return pattern.includes(event);
  if (typeof pattern !== 'object' || pattern === null) return false;
  return Object.entries(pattern).every(([key, sub]) => typeof event === 'object' && event !== null && key in event && matches(sub, (event as Record<string, unknown>)[key]));
}

const record = (eventName: string, type: string, extra: Record<string, unknown> = {}): DynamoDBRecord =>
  ({
    eventID: '1',
    eventName,
    dynamodb: {
      NewImage: eventName === 'REMOVE' ? undefined : { type: { S: type }, id: { S: 'o1' }, version: { N: '2' }, status: { S: 'received' }, customer: { M: { language: { S: 'en' } } }, ...extra },
      OldImage: { type: { S: type }, status: { S: 'diagnosing' } },
    },
  }) as unknown as DynamoDBRecord;

/** The stream mapping that invokes a given consumer. */
const mappingOf = (synth: SynthesizedStage, fn: Parameters<typeof logicalId>[0]): Props => {
  const found = Object.values(resources(synth.workers, 'AWS::Lambda::EventSourceMapping'))
    .map((r) => r.Properties!)
    .filter((p) => (p.FunctionName as { Ref?: string }).Ref === logicalId(fn));
  expect(found).toHaveLength(1);
  return found[0]!;
};

describe('notifier', () => {
  test('reads the table stream from the oldest record, one ordered batch of ≤ 50 at a time, with finite retries and partial failures', () => {
    expect(Object.values(resources(dev.workers, 'AWS::Lambda::EventSourceMapping'))).toHaveLength(2);
    const mapping = mappingOf(dev, dev.stacks.workers.notifier);
    expect(mapping).toMatchObject({
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 50,
      ParallelizationFactor: 1,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 10,
      MaximumRecordAgeInSeconds: 6 * 3600,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      FunctionName: { Ref: logicalId(dev.stacks.workers.notifier) },
    });
    expect(label(dev, mapping.EventSourceArn)).toBe('table.StreamArn');
    expect(label(dev, (mapping.DestinationConfig as { OnFailure: { Destination: unknown } }).OnFailure.Destination)).toBe('dlq:notifier.Arn');
  });

  test('its filter lets through exactly the order inserts and modifications, never a record the handler would act on is dropped', () => {
    const { FilterCriteria } = mappingOf(dev, dev.stacks.workers.notifier) as { FilterCriteria: { Filters: { Pattern: string }[] } };
    expect(FilterCriteria.Filters).toHaveLength(1);
    const pattern = JSON.parse(FilterCriteria.Filters[0]!.Pattern) as unknown;
    expect(pattern).toEqual({ eventName: ['INSERT', 'MODIFY'], dynamodb: { NewImage: { type: { S: ['order'] } } } });
    const cases: [DynamoDBRecord, boolean][] = [
      [record('INSERT', 'order'), true],
      [record('MODIFY', 'order'), true],
      [record('REMOVE', 'order'), false],
      [record('MODIFY', 'event'), false],
      [record('INSERT', 'smsMarker'), false],
      [record('MODIFY', 'followUp'), false],
    ];
    for (const [r, expected] of cases) {
      expect({ eventName: r.eventName, type: (r.dynamodb?.NewImage as { type?: { S: string } } | undefined)?.type?.S, passes: matches(pattern, r) }).toEqual({
        eventName: r.eventName,
        type: (r.dynamodb?.NewImage as { type?: { S: string } } | undefined)?.type?.S,
        passes: expected,
      });
      // The handler's own test agrees: what the filter drops, the handler would have ignored.
      if (!expected) expect(statusChangeFromRecord(r)).toBeNull();
      else expect(statusChangeFromRecord(r)).not.toBeNull();
    }
  });

  test('60 s timeout (15 s SMS claim lease, up to ~16 s waiting for a dead sender), no DLT variables unless configured', () => {
    const props = functionProps(dev, logicalId(dev.stacks.workers.notifier));
    expect(props.Timeout).toBe(60);
    expect(props.Environment?.Variables).not.toHaveProperty('SMS_DLT_ENTITY_ID');
    expect(props.Environment?.Variables).not.toHaveProperty('SMS_DLT_TEMPLATE_IDS');
    expect(props.Environment?.Variables).toHaveProperty('TABLE_NAME');
  });
});

describe('metrics aggregator', () => {
  test('its own mapping on the same stream and settings, with its own dead-letter queue; orders, follow-up calls and page ratings only', () => {
    const mapping = mappingOf(dev, dev.stacks.workers.aggregator);
    expect(mapping).toMatchObject({ StartingPosition: 'TRIM_HORIZON', ParallelizationFactor: 1, BisectBatchOnFunctionError: true, MaximumRetryAttempts: 10, FunctionResponseTypes: ['ReportBatchItemFailures'] });
    expect(label(dev, mapping.EventSourceArn)).toBe('table.StreamArn');
    expect(label(dev, (mapping.DestinationConfig as { OnFailure: { Destination: unknown } }).OnFailure.Destination)).toBe('dlq:aggregator.Arn');
    const pattern = JSON.parse((mapping.FilterCriteria as { Filters: { Pattern: string }[] }).Filters[0]!.Pattern) as unknown;
    expect(pattern).toEqual({ eventName: ['INSERT', 'MODIFY'], dynamodb: { NewImage: { type: { S: ['order', 'followUp', 'pageRating'] } } } });
    expect(matches(pattern, record('INSERT', 'pageRating'))).toBe(true);
    expect(matches(pattern, record('MODIFY', 'followUp'))).toBe(true);
    expect(matches(pattern, record('INSERT', 'metricsMarker'))).toBe(false);
  });
});

describe('scheduled jobs', () => {
  // The schedules; the photo check's event rule is asserted in photos.test.ts.
  const rules = () =>
    Object.values(resources(dev.workers, 'AWS::Events::Rule'))
      .map((r) => r.Properties as Props & { Name: string; Targets: Props[] })
      .filter((r) => r.ScheduleExpression !== undefined);

  test('one rule per job of functions/schedules.ts, on its cadence, at UTC', () => {
    expect(rules()).toHaveLength(SCHEDULED_JOBS.length);
    for (const job of SCHEDULED_JOBS) {
      const rule = rules().find((r) => r.Name === jobRuleName('dev', job.name));
      const expression =
        'everyMinutes' in job.schedule ? `rate(${job.schedule.everyMinutes} minutes)` : `cron(${job.schedule.dailyAtUtc.minute} ${job.schedule.dailyAtUtc.hour} * * ? *)`;
      expect({ job: job.name, schedule: rule?.ScheduleExpression, state: rule?.State }).toEqual({ job: job.name, schedule: expression, state: 'ENABLED' });
    }
    expect(rules().map((r) => r.ScheduleExpression).sort()).toEqual(['cron(0 3 * * ? *)', 'cron(30 6 * * ? *)', 'rate(15 minutes)', 'rate(5 minutes)', 'rate(5 minutes)']);
  });

  test('each rule targets its job with retries, a maximum event age and the job\'s dead-letter queue; Lambda retries failed runs into the same queue', () => {
    const invokeConfigs = Object.values(resources(dev.workers, 'AWS::Lambda::EventInvokeConfig')).map((c) => c.Properties as Props);
    for (const job of SCHEDULED_JOBS) {
      const fnId = logicalId(dev.stacks.workers.jobs[job.name]);
      const rule = rules().find((r) => r.Name === jobRuleName('dev', job.name))!;
      expect(rule.Targets).toHaveLength(1);
      const target = rule.Targets[0] as { Arn: unknown; RetryPolicy: Props; DeadLetterConfig: { Arn: unknown } };
      expect(label(dev, target.Arn)).toBe(`fn:${job.name}.Arn`);
      expect(target.RetryPolicy).toEqual({ MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 'dailyAtUtc' in job.schedule ? 6 * 3600 : 3600 });
      expect(label(dev, target.DeadLetterConfig.Arn)).toBe(`dlq:${job.name}.Arn`);
      const invoke = invokeConfigs.filter((c) => (c.FunctionName as { Ref: string }).Ref === fnId);
      expect(invoke).toHaveLength(1);
      expect(invoke[0]).toMatchObject({ MaximumRetryAttempts: 2, Qualifier: '$LATEST' });
      expect(label(dev, (invoke[0]!.DestinationConfig as { OnFailure: { Destination: unknown } }).OnFailure.Destination)).toBe(`dlq:${job.name}.Arn`);
      expect(functionProps(dev, fnId).Timeout).toBe(300);
    }
  });

  test('the stateful stack lets exactly those rules, by the names the workers stack gives them, write to the job DLQs', () => {
    const policies = Object.values(resources(dev.stateful, 'AWS::SQS::QueuePolicy')).map((p) => p.Properties as { Queues: unknown[]; PolicyDocument: { Statement: Props[] } });
    for (const job of SCHEDULED_JOBS) {
      const policy = policies.find((p) => p.Queues.some((q) => label(dev, q) === `dlq:${job.name}.Ref`));
      const allow = policy?.PolicyDocument.Statement.filter((s) => s.Effect === 'Allow') ?? [];
      expect(allow).toHaveLength(1);
      expect(allow[0]).toMatchObject({ Principal: { Service: 'events.amazonaws.com' }, Action: 'sqs:SendMessage' });
      const sourceArn = label(dev, (allow[0]!.Condition as { ArnEquals: Record<string, unknown> }).ArnEquals['aws:SourceArn']);
      const ruleName = rules().find((r) => label(dev, r.Targets[0]!.Arn) === `fn:${job.name}.Arn`)?.Name;
      expect(sourceArn).toBe(`arn:AWS::Partition.Ref:events:AWS::Region.Ref:AWS::AccountId.Ref:rule/${ruleName}`);
    }
  });

  test('WhatsApp events: one rule on End User Messaging Social\'s status and received events, retries and a DLQ; SendWhatsAppMessage only on the stage\'s numbers', () => {
    const rule = Object.values(resources(dev.workers, 'AWS::Events::Rule'))
      .map((r) => r.Properties as Props & { Name: string; Targets: Props[] })
      .find((r) => r.Name === 'repair-api-dev-whatsapp-events')!;
    expect(rule.EventPattern).toEqual({
      source: ['aws.social-messaging'],
      'detail-type': ['WhatsApp Message Sent', 'WhatsApp Message Delivered', 'WhatsApp Message Read', 'WhatsApp Message Failed', 'WhatsApp Message Undeliverable', 'WhatsApp Message Received'],
    });
    const target = rule.Targets[0] as { Arn: unknown; RetryPolicy: Props; DeadLetterConfig: { Arn: unknown } };
    expect(label(dev, target.Arn)).toBe('fn:whatsapp-events.Arn');
    expect(label(dev, target.DeadLetterConfig.Arn)).toBe('dlq:whatsapp-events.Arn');
    expect(target.RetryPolicy).toEqual({ MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 6 * 3600 });
    // dev has no WhatsApp numbers configured: nobody may send WhatsApp there.
    expect(JSON.stringify(resources(dev.workers, 'AWS::IAM::Policy'))).not.toContain('social-messaging');
    const arn = 'arn:aws:social-messaging:ap-south-1:111122223333:phone-number-id/976c72a700aac43eaf573ae050a1b2c3';
    const withWhatsApp = synthStage('dev', { bundle: false, config: { ...stageConfig('dev'), whatsapp: { phoneNumberArns: [arn], metaApiVersion: 'v20.0' } } });
    try {
      const statements = Object.values(resources(withWhatsApp.workers, 'AWS::IAM::Policy')).flatMap(
        (p) => (p.Properties as { PolicyDocument: { Statement: { Action: unknown; Resource: unknown }[] } }).PolicyDocument.Statement,
      );
      const sends = statements.filter((s) => s.Action === 'social-messaging:SendWhatsAppMessage');
      expect(sends.map((s) => s.Resource)).toEqual([arn, arn, arn]); // the notifier, the warranty and campaigns jobs, that number only
      const env = Object.values(resources(withWhatsApp.workers, 'AWS::Lambda::Function')).filter(
        (fn) => (fn.Properties as { Environment?: { Variables?: Record<string, string> } }).Environment?.Variables?.WHATSAPP_META_API_VERSION === 'v20.0',
      );
      expect(env).toHaveLength(4);
    } finally {
      withWhatsApp.dispose();
    }
  });

  test('the SLA job is told the ops topic; the others get no topic', () => {
    for (const job of SCHEDULED_JOBS) {
      const variables = functionProps(dev, logicalId(dev.stacks.workers.jobs[job.name])).Environment?.Variables ?? {};
      expect({ job: job.name, topic: variables.OPS_TOPIC_ARN === undefined ? undefined : label(dev, variables.OPS_TOPIC_ARN) }).toEqual({
        job: job.name,
        topic: job.name === 'sla' ? 'opsTopic.Ref' : undefined,
      });
    }
  });
});

describe('SMS settings come from the stage config', () => {
  const sms = { senderId: 'REPAIRS', dltEntityId: '1101234567890123456', dltTemplateIds: { received: '1107000000000000001', 'received.hi': '1107000000000000002' } };
  let registered: SynthesizedStage;

  beforeAll(() => {
    const config: StageConfig = { ...stageConfig('dev'), sms: { ...stageConfig('dev').sms, ...sms } };
    registered = synthStage('dev', { bundle: false, config });
  });
  afterAll(() => registered?.dispose());

  test('the DLT IDs reach the notifier, the warranty and campaigns jobs (and only them) as SMS_DLT_ENTITY_ID and SMS_DLT_TEMPLATE_IDS', () => {
    const { workers } = registered.stacks;
    const env = (id: string) => functionProps(registered, id).Environment?.Variables ?? {};
    for (const fn of [workers.notifier, workers.jobs.warranty, workers.jobs.campaigns]) {
      const variables = env(logicalId(fn));
      expect(variables.SMS_DLT_ENTITY_ID).toBe(sms.dltEntityId);
      expect(JSON.parse(variables.SMS_DLT_TEMPLATE_IDS as string)).toEqual(sms.dltTemplateIds);
    }
    for (const fn of [workers.jobs.followups, workers.jobs.sla]) expect(env(logicalId(fn))).not.toHaveProperty('SMS_DLT_ENTITY_ID');
  });

  test('the sender ID becomes the account default through one SetSMSAttributes call, allowed nothing else', () => {
    const custom = Object.values(resources(registered.workers, 'Custom::AWS'));
    expect(custom).toHaveLength(1);
    const create = JSON.parse(JSON.stringify(custom[0]!.Properties!.Create)) as unknown;
    expect(JSON.stringify(create)).toContain('"DefaultSenderID\\":\\"REPAIRS\\"');
    expect(JSON.stringify(create)).toContain('setSMSAttributes');
    const policies = Object.values(resources(registered.workers, 'AWS::IAM::Policy')).filter((p) => JSON.stringify(p).includes('SetSMSAttributes'));
    expect(policies).toHaveLength(1);
    expect((policies[0]!.Properties!.PolicyDocument as { Statement: unknown[] }).Statement).toEqual([{ Action: 'sns:SetSMSAttributes', Effect: 'Allow', Resource: '*' }]);
  });

  test('without a sender ID there is no custom resource (and no extra function)', () => {
    expect(resources(dev.workers, 'Custom::AWS')).toEqual({});
    // Notifier, aggregator, WhatsApp events, photo check and the jobs.
    expect(Object.keys(resources(dev.workers, 'AWS::Lambda::Function'))).toHaveLength(4 + SCHEDULED_JOBS.length);
  });
});
