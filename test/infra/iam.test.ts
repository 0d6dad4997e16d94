import { API_ROUTES } from '../../functions/routes.js';
import { SCHEDULED_JOBS, type ScheduledJob } from '../../functions/schedules.js';
import { TABLE_READ_ACTIONS, TABLE_WRITE_ACTIONS } from '../../infra/constructs/base-function.js';
import { TABLE } from '../../shared/store/table.js';
import { grantLines, logicalId, managedPolicies, resources, synthStage, type SynthesizedStage } from './support.js';

/**
 * Least privilege, asserted per function: the table below is everything each role may do.
 * A grant that is not listed fails the test, and so does a listed one that went missing.
 */
const on = (actions: readonly string[], targets: readonly string[]) => actions.flatMap((action) => targets.map((target) => `${action} on ${target}`));

const XRAY = on(['xray:PutTelemetryRecords', 'xray:PutTraceSegments'], ['*']);
const TABLE_READ = on(TABLE_READ_ACTIONS, ['table.Arn', ...TABLE.indexes.map((index) => `table.Arn/index/${index.name}`)]);
const TABLE_WRITE = on(TABLE_WRITE_ACTIONS, ['table.Arn']);
const STREAM_READ = on(['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'], ['table.StreamArn']);
const SMS = on(['sns:Publish'], ['*']);
const OPS_ALERTS = [...on(['sns:Publish'], ['opsTopic.Ref']), ...on(['kms:Decrypt', 'kms:GenerateDataKey*'], ['opsKey.Arn'])];
const DEAD_LETTERS = (queue: string) => on(['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'], [`dlq:${queue}.Arn`]);

const JOBS: Record<ScheduledJob['name'], string[]> = {
  followups: [...XRAY, ...TABLE_READ, ...TABLE_WRITE, ...DEAD_LETTERS('followups')],
  sla: [...XRAY, ...TABLE_READ, ...TABLE_WRITE, ...OPS_ALERTS, ...DEAD_LETTERS('sla')],
  warranty: [...XRAY, ...TABLE_READ, ...TABLE_WRITE, ...SMS, ...DEAD_LETTERS('warranty')],
};

/** The table in words, for the test output: known groups by name, anything else spelt out. */
function summary(grants: string[]): string {
  const groups: [string, string[]][] = [
    ['X-Ray on *', XRAY],
    ['table read (Get/BatchGet/Query on table + 4 GSIs)', TABLE_READ],
    ['table write (Put/Update/Delete/BatchWrite/ConditionCheck on table)', TABLE_WRITE],
    ['stream read (table stream)', STREAM_READ],
    ['sns:Publish on * (SMS)', SMS],
    ['sns:Publish on ops topic + kms:Decrypt/GenerateDataKey* on its key', OPS_ALERTS],
    ...['notifier', 'aggregator', ...SCHEDULED_JOBS.map((job) => job.name)].map((queue): [string, string[]] => [`sqs:SendMessage(+GetQueueAttributes/Url) on ${queue} DLQ`, DEAD_LETTERS(queue)]),
  ];
  const present = new Set(grants);
  const named = groups.filter(([, members]) => members.every((grant) => present.has(grant)));
  const covered = new Set(named.flatMap(([, members]) => members));
  return [...named.map(([name]) => name), ...grants.filter((grant) => !covered.has(grant))].join('; ');
}

interface Row {
  fn: string;
  stack: 'api' | 'workers';
  logicalId: string;
  expected: string[];
}

function expectedTable(synth: SynthesizedStage): Row[] {
  const apiFunctions = resources(synth.api, 'AWS::Lambda::Function') as Record<string, { Properties: { Description?: string } }>;
  const byDescription = (description: string) => {
    const ids = Object.keys(apiFunctions).filter((id) => apiFunctions[id]!.Properties.Description === description);
    expect(ids).toHaveLength(1);
    return ids[0]!;
  };
  const { workers } = synth.stacks;
  return [
    { fn: 'authorizer', stack: 'api', logicalId: byDescription('API key → storeId'), expected: [...XRAY, ...TABLE_READ] },
    ...API_ROUTES.map((route): Row => ({
      fn: `${route.method} ${route.path}`,
      stack: 'api',
      logicalId: byDescription(`${route.method} ${route.path}`),
      expected: [...XRAY, ...(route.tableAccess === 'none' ? [] : TABLE_READ), ...(route.tableAccess === 'write' ? TABLE_WRITE : [])],
    })),
    {
      fn: 'notifier',
      stack: 'workers',
      logicalId: logicalId(workers.notifier),
      expected: [...XRAY, ...TABLE_READ, ...TABLE_WRITE, ...STREAM_READ, ...SMS, ...DEAD_LETTERS('notifier')],
    },
    {
      fn: 'aggregator',
      stack: 'workers',
      logicalId: logicalId(workers.aggregator),
      expected: [...XRAY, ...TABLE_READ, ...TABLE_WRITE, ...STREAM_READ, ...DEAD_LETTERS('aggregator')],
    },
    ...SCHEDULED_JOBS.map((job): Row => ({ fn: `job ${job.name}`, stack: 'workers', logicalId: logicalId(workers.jobs[job.name]), expected: JOBS[job.name] })),
  ];
}

describe.each(['dev', 'prod'] as const)('least privilege, %s stage', (stage) => {
  let synth: SynthesizedStage;
  beforeAll(() => {
    synth = synthStage(stage, { bundle: false });
  });
  afterAll(() => synth?.dispose());

  test('the table covers every function of the app, and nothing else runs', () => {
    const rows = expectedTable(synth);
    expect(rows).toHaveLength(API_ROUTES.length + 1 + 2 + SCHEDULED_JOBS.length);
    for (const stack of ['api', 'workers'] as const) {
      const listed = rows.filter((row) => row.stack === stack).map((row) => row.logicalId).sort();
      expect(Object.keys(resources(synth[stack], 'AWS::Lambda::Function')).sort()).toEqual(listed);
    }
    expect(resources(synth.stateful, 'AWS::Lambda::Function')).toEqual({});
    expect(resources(synth.monitoring, 'AWS::Lambda::Function')).toEqual({});
  });

  test('each function may do exactly what the table says: nothing extra, nothing missing', () => {
    const rows = expectedTable(synth);
    const actual = rows.map((row) => ({ fn: row.fn, grants: grantLines(synth, synth[row.stack], row.logicalId) }));
    expect(actual).toEqual(rows.map((row) => ({ fn: row.fn, grants: [...new Set(row.expected)].sort() })));
    if (stage === 'dev') console.log(['Least privilege (function → what its role may do):', ...rows.map((row) => `  ${row.fn.padEnd(44)} ${summary(row.expected)}`)].join('\n'));
  });

  test('the only managed policy is the basic Lambda logging one, and no role has inline policies', () => {
    for (const row of expectedTable(synth)) {
      expect({ fn: row.fn, managed: managedPolicies(synth[row.stack], row.logicalId) }).toEqual({ fn: row.fn, managed: ['service-role/AWSLambdaBasicExecutionRole'] });
    }
  });

  test('Resource "*" beyond X-Ray sits in a policy of its own whose cdk-nag acknowledgement names the action', () => {
    let checked = 0;
    for (const stack of ['api', 'workers'] as const) {
      for (const [id, policy] of Object.entries(resources(synth[stack], 'AWS::IAM::Policy'))) {
        const statements = (policy.Properties?.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown }[] }).Statement;
        const wildcard = statements.filter((s) => s.Resource === '*').flatMap((s) => [s.Action].flat()).filter((a) => !a.startsWith('xray:'));
        if (wildcard.length === 0) continue;
        // Such a policy holds nothing else, so its acknowledgement cannot cover a different grant.
        expect({ id, statements: statements.length }).toEqual({ id, statements: 1 });
        const construct = synth.stacks[stack].node.findAll().find((c) => c.node.defaultChild !== undefined && logicalId(c) === id);
        const reasons = construct!.node.metadata.filter((m) => m.type === 'aws:cdk:acknowledged-rules').map((m) => JSON.stringify(m.data));
        for (const action of wildcard) expect(reasons.join(' ')).toContain(action);
        checked += 1;
      }
    }
    // The notifier's and the warranty job's SMS policies.
    expect(checked).toBe(2);
  });
});
