import { API_ROUTES } from '../../functions/routes.js';
import { SCHEDULED_JOBS, type ScheduledJob } from '../../functions/schedules.js';
import { routeTableUse } from '../../infra/table-access.js';
import { grantLines, logicalId, managedPolicies, resources, synthStage, type SynthesizedStage } from './support.js';

/**
 * Least privilege, asserted per function: the table below is everything each role may do, derived
 * by hand from each function's code path (the repositories and use cases it calls), independently
 * of infra/table-access.ts. A grant that is not listed fails the test, and so does a listed one that went missing.
 */
const on = (actions: readonly string[], targets: readonly string[]) => actions.flatMap((action) => targets.map((target) => `${action} on ${target}`));

const XRAY = on(['xray:PutTelemetryRecords', 'xray:PutTraceSegments'], ['*']);
/** DynamoDB actions on the table itself. */
const table = (...actions: string[]) => on(actions.map((action) => `dynamodb:${action}`), ['table.Arn']);
/** Query on the named indexes, the only action an index is ever granted. */
const queries = (...indexes: string[]) => on(['dynamodb:Query'], indexes.map((index) => `table.Arn/index/${index}`));
/** Powertools idempotency records (Idempotency-Key): get, conditional put, update, and delete when the handler fails. */
const IDEMPOTENCY = ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem'];
const STREAM_READ = on(['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'], ['table.StreamArn']);
const SMS = on(['sns:Publish'], ['*']);
const OPS_ALERTS = [...on(['sns:Publish'], ['opsTopic.Ref']), ...on(['kms:Decrypt', 'kms:GenerateDataKey*'], ['opsKey.Arn'])];
/** Object actions on the photos/ prefix of the photo bucket, nothing bucket-wide (infra/photo-access.ts). */
const PHOTOS = (...actions: string[]) => on(actions.map((action) => `s3:${action}`), ['photosBucket/photos/*']);
/** The bucket is named, not referenced (infra/names.ts photosBucketName): its ARN as the policies spell it, in this stage. */
const photoGrants = (stage: string, grants: string[]) =>
  grants.map((grant) => grant.replace(`arn:AWS::Partition.Ref:s3:::repair-api-${stage}-photos-AWS::AccountId.Ref-AWS::Region.Ref/`, 'photosBucket/'));
const DEAD_LETTERS = (queue: string) => on(['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'], [`dlq:${queue}.Arn`]);

/**
 * FlushStageAuthorizersCache on this API and stage only (IAM: DELETE on the stage's authorizer cache).
 * THIS_API, THIS_PLAN and THIS_STAGE stand for the stage's own RestApi, usage plan and stage name.
 */
const FLUSH = ['apigateway:DELETE on arn:AWS::Partition.Ref:apigateway:AWS::Region.Ref::/restapis/THIS_API.Ref/stages/THIS_STAGE/cache/authorizers'];
/** A new key's usage key: find the plan by name, create the API key, add it to this plan; delete it again on failure. */
const REGISTER_USAGE_KEYS = [
  'apigateway:GET on arn:AWS::Partition.Ref:apigateway:AWS::Region.Ref::/usageplans',
  'apigateway:POST on arn:AWS::Partition.Ref:apigateway:AWS::Region.Ref::/apikeys',
  'apigateway:POST on arn:AWS::Partition.Ref:apigateway:AWS::Region.Ref::/usageplans/THIS_PLAN.Ref/keys',
  'apigateway:DELETE on arn:AWS::Partition.Ref:apigateway:AWS::Region.Ref::/apikeys/*',
];

/** Each API function by handler: what its code calls (functions/api/<handler>.ts → use case → repository). */
const ROUTES: Record<string, string[]> = {
  'create-repair': table('GetItem', 'Query', 'PutItem', ...IDEMPOTENCY),
  'list-repairs': queries('gsi1', 'gsi2', 'gsi4'),
  'get-repair': table('Query'),
  'move-repair': table('Query', 'GetItem', 'PutItem', 'UpdateItem'),
  'track-repair': table('GetItem', 'Query'),
  'list-follow-ups': queries('gsi1'),
  'record-follow-up-outcome': table('GetItem', 'PutItem'),
  'list-escalations': queries('gsi1'),
  'resolve-escalation': table('GetItem', 'Query', 'PutItem'),
  'raise-escalation': table('GetItem', 'Query', 'PutItem'),
  'network-list-escalations': queries('gsi2'),
  'network-resolve-escalation': table('GetItem', 'Query', 'PutItem'),
  'network-get-settings': table('GetItem'),
  'network-update-settings': table('GetItem', 'UpdateItem', 'PutItem'),
  'network-get-metrics': [...table('Query'), ...queries('gsi1')],
  'network-get-quality': table('Query'),
  'network-start-warranty-extension': table('PutItem'),
  'network-get-warranty-extension': table('GetItem'),
  'network-cancel-warranty-extension': table('GetItem', 'UpdateItem', 'PutItem'),
  'get-warranties': table('Query'),
  'register-warranty': table('GetItem', 'Query', 'PutItem', ...IDEMPOTENCY),
  'get-metrics': table('Query'),
  'erase-customer': [...table('Query', 'PutItem', 'UpdateItem', 'DeleteItem'), ...PHOTOS('DeleteObject')],
  'get-store': table('GetItem'),
  'update-store': table('GetItem', 'PutItem'),
  // The presigned POST is signed with s3:PutObject: the function itself never uploads.
  'request-photo-upload': [...table('Query', 'PutItem'), ...PHOTOS('PutObject')],
  'list-photos': [...table('Query'), ...PHOTOS('GetObject')],
  'delete-photo': [...table('Query', 'DeleteItem'), ...PHOTOS('DeleteObject')],
  'get-device-history': queries('gsi5'),
  openapi: [],
  // keys.storeState (store, ACCESS); addKey (Puts of the key and its description, Update of ACCESS); audit Put; the usage key.
  'issue-store-key': [...table('GetItem', 'PutItem', 'UpdateItem'), ...REGISTER_USAGE_KEYS],
  'network-issue-store-key': [...table('GetItem', 'PutItem', 'UpdateItem'), ...REGISTER_USAGE_KEYS],
  'list-store-keys': table('GetItem', 'Query'),
  'network-list-store-keys': table('GetItem', 'Query'),
  // The key's description; the revocation (Delete key, Update description and ACCESS); audit Put; the cache flush.
  'revoke-store-key': [...table('GetItem', 'DeleteItem', 'UpdateItem', 'PutItem'), ...FLUSH],
  'network-revoke-store-key': [...table('GetItem', 'DeleteItem', 'UpdateItem', 'PutItem'), ...FLUSH],
  // stores.create: a transaction of Puts; audit Puts; the first key's usage key.
  'network-create-store': [...table('PutItem'), ...REGISTER_USAGE_KEYS],
  'network-list-stores': [...table('GetItem'), ...queries('gsi1')],
  'network-get-store': table('GetItem'),
  // ACCESS and the key list; the state on ACCESS and each active key; audit Put; the cache flush.
  'network-suspend-store': [...table('GetItem', 'Query', 'UpdateItem', 'PutItem'), ...FLUSH],
  'network-resume-store': [...table('GetItem', 'Query', 'UpdateItem', 'PutItem'), ...FLUSH],
  'network-audit': table('Query'),
  'page-view': [...table('GetItem', 'Query'), ...PHOTOS('GetObject')],
  'page-action': [...table('GetItem', 'Query', 'PutItem', 'UpdateItem'), ...PHOTOS('GetObject')],
  'page-lookup-form': [],
  'page-lookup': table('GetItem', 'Query'),
  'network-replace-prices': table('PutItem'),
  'network-create-program': table('PutItem'),
  'quote-repair': table('Query', 'GetItem', 'PutItem', 'UpdateItem'),
  'get-store-prices': table('GetItem'),
};

const JOBS: Record<ScheduledJob['name'], string[]> = {
  followups: [...XRAY, ...queries('gsi3'), ...table('PutItem'), ...DEAD_LETTERS('followups')],
  sla: [...XRAY, ...queries('gsi3'), ...table('UpdateItem'), ...OPS_ALERTS, ...DEAD_LETTERS('sla')],
  campaigns: [...XRAY, ...queries('gsi2', 'gsi3'), ...table('GetItem', 'Query', 'PutItem', 'UpdateItem'), ...SMS, ...DEAD_LETTERS('campaigns')],
  warranty: [...XRAY, ...queries('gsi3'), ...table('GetItem', 'Query', 'PutItem', 'UpdateItem'), ...SMS, ...DEAD_LETTERS('warranty')],
  photos: [...XRAY, ...queries('gsi3'), ...table('Query', 'DeleteItem'), ...PHOTOS('DeleteObject'), ...DEAD_LETTERS('photos')],
};

/** The only functions whose code deletes items: erasure, the two with Idempotency-Key (Powertools deletes its record on a failure), revocation (the key's item goes) photo deletion and the photo retention job. */
const DELETERS = ['POST /v1/repairs', 'POST /v1/warranties', 'DELETE /v1/customers/{phone}/personal-data', 'DELETE /v1/store/keys/{keyId}', 'DELETE /v1/network/stores/{storeId}/keys/{keyId}', 'DELETE /v1/repairs/{id}/photos/{photoId}', 'job photos'];

/** The table in words, for the test output: known groups by name, anything else spelt out. */
function summary(grants: string[]): string {
  const groups: [string, string[]][] = [
    ['X-Ray on *', XRAY],
    ['stream read (table stream)', STREAM_READ],
    ['sns:Publish on * (SMS)', SMS],
    ['sns:Publish on ops topic + kms:Decrypt/GenerateDataKey* on its key', OPS_ALERTS],
    ...['notifier', 'aggregator', 'whatsapp-events', ...SCHEDULED_JOBS.map((job) => job.name)].map((queue): [string, string[]] => [`sqs:SendMessage(+GetQueueAttributes/Url) on ${queue} DLQ`, DEAD_LETTERS(queue)]),
  ];
  const present = new Set(grants);
  const named = groups.filter(([, members]) => members.every((grant) => present.has(grant)));
  const covered = new Set(named.flatMap(([, members]) => members));
  const rest = grants.filter((grant) => !covered.has(grant));
  const onTable = [...new Set(rest.filter((grant) => grant.endsWith(' on table.Arn')).map((grant) => grant.replace(/^dynamodb:(\S+) on .*$/, '$1')))];
  const indexes = [...new Set(rest.filter((grant) => grant.includes('table.Arn/index/')).map((grant) => grant.replace(/.*\/index\//, '')))];
  const other = rest.filter((grant) => !grant.startsWith('dynamodb:') || !grant.includes(' on table.Arn'));
  return [
    ...(onTable.length ? [`table: ${onTable.join('/')}`] : []),
    ...(indexes.length ? [`Query ${indexes.join(', ')}`] : []),
    ...named.map(([name]) => name),
    ...other,
  ].join('; ');
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
  const only = (type: string) => {
    const ids = Object.keys(resources(synth.api, type));
    expect(ids).toHaveLength(1);
    return ids[0]!;
  };
  const [restApi, plan, stageName] = [only('AWS::ApiGateway::RestApi'), only('AWS::ApiGateway::UsagePlan'), synth.stacks.api.stackName.split('-')[1]];
  const thisStage = (grant: string) => grant.replace('THIS_API', restApi).replace('THIS_PLAN', plan).replace('THIS_STAGE', stageName!);
  return [
    // findGrant (GetItem); lastUsedAt at most hourly and a legacy key's migration (Updates, Put).
    { fn: 'authorizer', stack: 'api', logicalId: byDescription('API key → storeId'), expected: [...XRAY, ...table('GetItem', 'PutItem', 'UpdateItem')] },
    ...API_ROUTES.map((route): Row => {
      const expected = ROUTES[route.handler];
      // A route without a row here fails: its grants have to be derived from its code first.
      expect({ handler: route.handler, listed: expected !== undefined }).toEqual({ handler: route.handler, listed: true });
      return { fn: `${route.method} ${route.path}`, stack: 'api', logicalId: byDescription(`${route.method} ${route.path}`), expected: [...XRAY, ...expected!.map(thisStage)] };
    }),
    {
      fn: 'notifier',
      stack: 'workers',
      logicalId: logicalId(workers.notifier),
      // stores.get; warranties.listByDevice; SMS ledger: later markers (Query), claim + opt-out record (Put), opt-out check (Get), sent/skipped/release (Update).
      expected: [...XRAY, ...table('GetItem', 'Query', 'PutItem', 'UpdateItem'), ...STREAM_READ, ...SMS, ...DEAD_LETTERS('notifier')],
    },
    {
      fn: 'aggregator',
      stack: 'workers',
      logicalId: logicalId(workers.aggregator),
      // stores.get (time zone); orders.get (reworked repair); metrics.addOnce (Put marker + Update day).
      expected: [...XRAY, ...table('GetItem', 'Query', 'PutItem', 'UpdateItem'), ...STREAM_READ, ...DEAD_LETTERS('aggregator')],
    },
    {
      fn: 'whatsapp-events',
      stack: 'workers',
      logicalId: logicalId(workers.whatsappEvents),
      // The message record (Get, Update); a fallback: orders.get (Query), stores.get + opt-out check (Get), opt-out records (Put); the SMS.
      expected: [...XRAY, ...table('GetItem', 'Query', 'PutItem', 'UpdateItem'), ...SMS, ...DEAD_LETTERS('whatsapp-events')],
    },
    {
      fn: 'photo-check',
      stack: 'workers',
      logicalId: logicalId(workers.photoCheck),
      // photos.listByOrder (Query), settle (Update); the object's first bytes (Get) and deleting a rejected one.
      expected: [...XRAY, ...table('Query', 'UpdateItem'), ...PHOTOS('GetObject', 'DeleteObject'), ...DEAD_LETTERS('photoCheck')],
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
    expect(rows).toHaveLength(API_ROUTES.length + 1 + 4 + SCHEDULED_JOBS.length);
    for (const stack of ['api', 'workers'] as const) {
      const listed = rows.filter((row) => row.stack === stack).map((row) => row.logicalId).sort();
      expect(Object.keys(resources(synth[stack], 'AWS::Lambda::Function')).sort()).toEqual(listed);
    }
    expect(resources(synth.stateful, 'AWS::Lambda::Function')).toEqual({});
    expect(resources(synth.monitoring, 'AWS::Lambda::Function')).toEqual({});
  });

  test('each function may do exactly what the table says: nothing extra, nothing missing', () => {
    const rows = expectedTable(synth);
    const actual = rows.map((row) => ({ fn: row.fn, grants: photoGrants(stage, grantLines(synth, synth[row.stack], row.logicalId)) }));
    expect(actual).toEqual(rows.map((row) => ({ fn: row.fn, grants: [...new Set(row.expected)].sort() })));
    if (stage === 'dev') console.log(['Least privilege (function → what its role may do):', ...rows.map((row) => `  ${row.fn.padEnd(44)} ${summary(row.expected)}`)].join('\n'));
  });

  test('no function may Scan, batch-read or batch-write, nor act on every table; indexes only answer Query', () => {
    const all = expectedTable(synth).flatMap((row) => grantLines(synth, synth[row.stack], row.logicalId).map((grant) => ({ fn: row.fn, grant })));
    expect(all.filter(({ grant }) => /dynamodb:(Scan|BatchGetItem|BatchWriteItem|PartiQL\w*|\*)\b/.test(grant))).toEqual([]);
    expect(all.filter(({ grant }) => grant.startsWith('dynamodb:') && !/ on table\.(Arn|StreamArn)(\/index\/gsi\d)?$/.test(grant))).toEqual([]);
    expect(all.filter(({ grant }) => grant.includes('/index/') && !grant.startsWith('dynamodb:Query on '))).toEqual([]);
  });

  test('DeleteItem only where the code deletes: erasure, and the Idempotency-Key routes (Powertools removes its record on a failure)', () => {
    const deleters = expectedTable(synth)
      .filter((row) => grantLines(synth, synth[row.stack], row.logicalId).includes('dynamodb:DeleteItem on table.Arn'))
      .map((row) => row.fn);
    expect(deleters.sort()).toEqual([...DELETERS].sort());
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
    // The SMS policies of the notifier, the WhatsApp events function (its fallback), the warranty and campaigns jobs.
    expect(checked).toBe(4);
  });
});

describe('infra/table-access.ts guards the route table', () => {
  test('a route using the table without a listed use, a write for a read-only route, or a use for a route without the table stops the synth', () => {
    expect(() => routeTableUse({ handler: 'new-route', tableAccess: 'read' })).toThrow(/has no table use for new-route/);
    expect(() => routeTableUse({ handler: 'update-store', tableAccess: 'read' })).toThrow(/read-only route .* grants it a write/);
    expect(() => routeTableUse({ handler: 'get-store', tableAccess: 'none' })).toThrow(/says it does not use the table/);
    expect(routeTableUse({ handler: 'openapi', tableAccess: 'none' })).toBeNull();
    for (const route of API_ROUTES) expect(() => routeTableUse(route)).not.toThrow();
  });
});
