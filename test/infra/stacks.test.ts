import { Match } from 'aws-cdk-lib/assertions';
import { API_ROUTES, type ApiRoute } from '../../functions/routes.js';
import { SCHEDULED_JOBS } from '../../functions/schedules.js';
import { TABLE } from '../../shared/store/table.js';
import { policyAllows, policyFor } from '../../functions/authorizer-policy.js';
import { NETWORK_SCOPES, type NetworkScope } from '../../shared/domain/access.js';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { build } from 'esbuild';
import { join, relative } from 'node:path';
import { esbuildOptions, REPO_ROOT, runtimeFilesOf } from '../../infra/constructs/base-function.js';
import { allowedActions, allowStatements, assetDir, bundle, resources, synthStage, type SynthesizedStage } from './support.js';

/**
 * Bundles beyond this slow cold starts for nothing: the budget every function must fit, the
 * customer page's too (its words in 11 languages are files beside its bundle, not code in it).
 */
const BUNDLE_BUDGET_BYTES = 250 * 1024;

let dev: SynthesizedStage;

beforeAll(() => {
  dev = synthStage('dev');
});

afterAll(() => dev?.dispose());

interface LambdaFunction {
  Properties: {
    Description?: string;
    Runtime: string;
    Architectures: string[];
    TracingConfig?: { Mode: string };
    Environment?: { Variables?: Record<string, unknown> };
    Code: { S3Key: string };
  };
}

const functions = () => resources(dev.api, 'AWS::Lambda::Function') as unknown as Record<string, LambdaFunction>;
/** Every function of the app: the API's and the workers' (notifier, jobs). */
const allFunctions = () => ({ ...functions(), ...(resources(dev.workers, 'AWS::Lambda::Function') as unknown as Record<string, LambdaFunction>) });
/** Handlers answer within API Gateway's 29 s; the notifier may wait for a dead sender's SMS claim; jobs stop 15 s before 5 min. */
/** API functions answer within 10 s; the notifier may wait out a dead sender's SMS claim; jobs page through their queues. */
const TIMEOUTS: Record<string, number> = {
  'Order status changes → customer SMS': 60,
  'Order and follow-up changes → per-store daily metrics': 30,
  'WhatsApp delivery events → delivery state, SMS fallback once, STOP opt-outs': 30,
  'Photo uploads → ready or rejected (size and signature bytes)': 30,
};
const timeoutOf = (fn: LambdaFunction) =>
  TIMEOUTS[fn.Properties.Description ?? ''] ?? (fn.Properties.Description?.startsWith('Job: ') ? 300 : 10);

/** The function serving a route: the base construct describes each one as "METHOD /path". */
function routeFunction(route: ApiRoute): [string, LambdaFunction] {
  const found = Object.entries(functions()).filter(([, fn]) => fn.Properties.Description === `${route.method} ${route.path}`);
  expect(found).toHaveLength(1);
  return found[0]!;
}

function authorizerId(): string {
  const found = Object.entries(functions()).filter(([, fn]) => fn.Properties.Description === 'API key → storeId');
  expect(found).toHaveLength(1);
  return found[0]![0];
}

/** Full path of every API Gateway method, rebuilt from the resource tree. */
function methodsByRoute(): Map<string, Record<string, unknown>> {
  const apiResources = resources(dev.api, 'AWS::ApiGateway::Resource');
  const pathOf = (id: string): string => {
    const props = apiResources[id]!.Properties as { ParentId: { Ref?: string }; PathPart: string };
    const parent = props.ParentId.Ref;
    return `${parent && apiResources[parent] ? pathOf(parent) : ''}/${props.PathPart}`;
  };
  const methods = new Map<string, Record<string, unknown>>();
  for (const method of Object.values(resources(dev.api, 'AWS::ApiGateway::Method'))) {
    const props = method.Properties as { HttpMethod: string; ResourceId: { Ref: string } };
    methods.set(`${props.HttpMethod} ${pathOf(props.ResourceId.Ref)}`, method.Properties!);
  }
  return methods;
}

describe('stateful stack', () => {
  test('the table is built from TABLE: keys, every GSI, TTL, stream, PITR, on-demand, AWS-managed key', () => {
    const key = (hash: string, range: string) => [
      { AttributeName: hash, KeyType: 'HASH' },
      { AttributeName: range, KeyType: 'RANGE' },
    ];
    dev.stateful.resourceCountIs('AWS::DynamoDB::GlobalTable', 1);
    dev.stateful.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      KeySchema: key(TABLE.partitionKey, TABLE.sortKey),
      GlobalSecondaryIndexes: TABLE.indexes.map((index) => ({
        IndexName: index.name,
        KeySchema: key(index.partitionKey, index.sortKey),
        Projection: { ProjectionType: 'ALL' },
      })),
      TimeToLiveSpecification: { AttributeName: TABLE.timeToLiveAttribute, Enabled: true },
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      BillingMode: 'PAY_PER_REQUEST',
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
      Replicas: [Match.objectLike({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } })],
    });
  });

  test('dev can be torn down: no deletion protection, Delete policy', () => {
    dev.stateful.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Delete',
      Properties: Match.objectLike({ Replicas: [Match.objectLike({ DeletionProtectionEnabled: false })] }),
    });
    expect(dev.terminationProtection).toBe(false);
  });

  test('outputs the table name', () => {
    dev.stateful.hasOutput('TableName', {});
  });
});

describe('functions', () => {
  test('one function per route plus the authorizer; two stream consumers, the WhatsApp events function, the photo check and one per scheduled job beside them', () => {
    expect(Object.keys(functions())).toHaveLength(API_ROUTES.length + 1);
    for (const route of API_ROUTES) routeFunction(route);
    expect(Object.keys(allFunctions())).toHaveLength(API_ROUTES.length + 1 + 4 + SCHEDULED_JOBS.length);
  });

  test('every function runs Node.js 22 on arm64 with active tracing and source maps', () => {
    for (const fn of Object.values(allFunctions())) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        Handler: 'index.handler',
        MemorySize: 512,
        Timeout: timeoutOf(fn),
        Environment: { Variables: { NODE_OPTIONS: '--enable-source-maps', POWERTOOLS_SERVICE_NAME: 'repair-api' } },
      });
    }
  });

  test('every function logs to its own log group with a retention', () => {
    const logGroups = { ...resources(dev.api, 'AWS::Logs::LogGroup'), ...resources(dev.workers, 'AWS::Logs::LogGroup') };
    const used = new Set<string>();
    for (const fn of Object.values(allFunctions())) {
      const { LoggingConfig } = fn.Properties as { LoggingConfig?: { LogGroup: { Ref: string } } };
      const logGroup = logGroups[LoggingConfig!.LogGroup.Ref];
      expect(logGroup?.Properties?.RetentionInDays).toBeGreaterThan(0);
      used.add(LoggingConfig!.LogGroup.Ref);
    }
    expect(used.size).toBe(Object.keys(allFunctions()).length);
  });

  test('TABLE_NAME is set exactly on the functions that use the table', () => {
    for (const route of API_ROUTES) {
      const [, fn] = routeFunction(route);
      const variables = fn.Properties.Environment?.Variables ?? {};
      expect([route.handler, 'TABLE_NAME' in variables]).toEqual([route.handler, route.tableAccess !== 'none']);
    }
  });

  test('bundles are ESM with the createRequire banner and a source map', () => {
    for (const fn of Object.values(allFunctions())) {
      const { text, hasSourceMap } = bundle(dev.outdir, fn.Properties.Code);
      expect(text.startsWith('import { createRequire as __cjsCreateRequire }')).toBe(true);
      expect(hasSourceMap).toBe(true);
    }
  });

  test('bundles are ASCII: V8 keeps a source with one character past Latin-1 as two bytes a character', () => {
    for (const fn of Object.values(allFunctions())) {
      expect({ fn: fn.Properties.Description, ascii: /^[\x00-\x7f]*$/.test(bundle(dev.outdir, fn.Properties.Code).text) }).toEqual({ fn: fn.Properties.Description, ascii: true });
    }
  });

  test("a function bundles only the adapters it uses: the store's settings read carries its repository and none of the container's others", async () => {
    // Built as the CDK builds it, with esbuild's metafile: a dropped module still lists its constants (a few dozen bytes).
    const { metafile } = await build({ ...esbuildOptions(join(tmpdir(), 'get-store', 'index.mjs')), entryPoints: [join(REPO_ROOT, 'functions/api/get-store.ts')], write: false });
    const inputs = Object.values(metafile!.outputs).find((output) => output.entryPoint)!.inputs;
    const adapters = Object.entries(inputs)
      .filter(([path, input]) => /^shared\/store\/.*(-repository|-ledger)\.ts$/.test(path) && input.bytesInOutput > 500)
      .map(([path]) => path);
    expect(adapters).toEqual(['shared/store/store-repository.ts']);
  });

  test('every minified bundle fits the 250 KB budget: API routes, authorizer, stream consumers, photo check and jobs', () => {
    const sizes = Object.values(allFunctions()).map((fn) => ({
      fn: fn.Properties.Description ?? '?',
      kb: Math.round(bundle(dev.outdir, fn.Properties.Code).bytes / 102.4) / 10,
    }));
    expect(sizes).toHaveLength(API_ROUTES.length + 5 + SCHEDULED_JOBS.length);
    console.log(['Minified bundle sizes (index.mjs):', ...sizes.map(({ fn, kb }) => `  ${kb.toFixed(1).padStart(7)} KB  ${fn}`)].join('\n'));
    expect(sizes.filter(({ kb }) => kb * 1024 > BUNDLE_BUDGET_BYTES).map(({ fn, kb }) => `${fn}: ${kb} KB`)).toEqual([]);
  });
});

/** Every file in a function's asset but its bundle and source map, by path. */
function filesBeside(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .filter((path) => path !== 'index.mjs' && path !== 'index.mjs.map')
    .sort();
}

/** Invokes a deployed bundle in a Node process of its own, from its asset folder, as Lambda would. */
function invokeBundle(dir: string, event: Record<string, unknown>): { statusCode: number; headers: Record<string, string>; body: string } {
  const script = `const { handler } = await import(${JSON.stringify(`file://${join(dir, 'index.mjs')}`)});
const context = { functionName: 'infra-test', awsRequestId: 'infra-test', getRemainingTimeInMillis: () => 10000 };
process.stdout.write('RESULT ' + JSON.stringify(await handler(${JSON.stringify(event)}, context)) + '\\n');`;
  const out = execFileSync(process.execPath, ['--enable-source-maps', '--input-type=module', '-e', script], {
    cwd: dir,
    env: { PATH: process.env.PATH, AWS_REGION: 'ap-south-1', POWERTOOLS_SERVICE_NAME: 'repair-api', POWERTOOLS_LOG_LEVEL: 'ERROR' },
    encoding: 'utf8',
  });
  return JSON.parse(out.split('\n').find((line) => line.startsWith('RESULT '))!.slice('RESULT '.length));
}

describe('runtime files', () => {
  const PAGE_TEXT = ['bn', 'en', 'gu', 'hi', 'ka', 'kn', 'ml', 'mr', 'ta', 'te', 'zh'].map((code) => `shared/web/i18n/${code}.json`);

  test('a function is deployed with the files its bundle reads, beside it under their repository paths, and no other', () => {
    const carried = new Map<string, string[]>();
    for (const fn of Object.values(allFunctions())) {
      const files = filesBeside(assetDir(dev.outdir, fn.Properties.Code));
      expect({ fn: fn.Properties.Description, files }).toEqual({ fn: fn.Properties.Description, files: runtimeFilesOf(bundle(dev.outdir, fn.Properties.Code).text).sort() });
      if (files.length > 0) carried.set(fn.Properties.Description ?? '?', files);
    }
    // The customer page's four functions carry its words, the openapi function the document; nobody else anything.
    expect(Object.fromEntries(carried)).toEqual({
      'GET /r/{token}': PAGE_TEXT,
      'POST /r/{token}/{action}': PAGE_TEXT,
      'GET /track': PAGE_TEXT,
      'POST /track': PAGE_TEXT,
      'GET /v1/openapi.json': ['shared/schemas/openapi.min.json'],
    });
  });

  test('the deployed bundles read them: the lookup form in Hindi, the OpenAPI document as generated', () => {
    const route = (path: string) => routeFunction(API_ROUTES.find((r) => r.path === path && r.method === 'GET')!)[1];
    const hindi = JSON.parse(readFileSync(join(REPO_ROOT, 'shared/web/i18n/hi.json'), 'utf8')) as { lookupTitle: string };
    const form = invokeBundle(assetDir(dev.outdir, route('/track').Properties.Code), {
      httpMethod: 'GET', resource: '/track', path: '/track', headers: {}, multiValueHeaders: {}, queryStringParameters: { lang: 'hi' },
      multiValueQueryStringParameters: { lang: ['hi'] }, pathParameters: null, body: null, isBase64Encoded: false, requestContext: {},
    });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('<html lang="hi">');
    expect(form.body).toContain(hindi.lookupTitle);
    const openapi = invokeBundle(assetDir(dev.outdir, route('/v1/openapi.json').Properties.Code), {});
    expect(openapi.statusCode).toBe(200);
    expect(openapi.body).toBe(readFileSync(join(REPO_ROOT, 'shared/schemas/openapi.min.json'), 'utf8'));
  });
});

describe('IAM', () => {
  const dynamoActions = (logicalId: string) => allowedActions(dev.api, logicalId).filter((a) => a.startsWith('dynamodb:'));

  test('read-only functions cannot write the table; the authorizer only records a key’s use (Update) and migrates a legacy key (Put), never deletes', () => {
    const readOnly = API_ROUTES.filter((route) => route.tableAccess === 'read').map((route) => routeFunction(route)[0]);
    expect(readOnly.length).toBeGreaterThan(0);
    for (const id of readOnly) {
      const actions = dynamoActions(id);
      expect(actions.some((a) => a === 'dynamodb:GetItem' || a === 'dynamodb:Query')).toBe(true);
      expect(actions.filter((a) => /Put|Update|Delete|Write|ConditionCheck|PartiQL|\*/.test(a))).toEqual([]);
    }
    expect(dynamoActions(authorizerId()).sort()).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']);
  });

  test('Resource "*" is granted for X-Ray only (the one wildcard acknowledged to cdk-nag)', () => {
    for (const id of Object.keys(functions())) {
      const wildcard = allowStatements(dev.api, id).filter((statement) => statement.Resource === '*');
      expect(wildcard.flatMap((statement) => [statement.Action].flat()).filter((a) => !a.startsWith('xray:'))).toEqual([]);
    }
  });

  test('writing functions can write (iam.test.ts says exactly what), and nobody may Scan', () => {
    for (const route of API_ROUTES.filter((r) => r.tableAccess === 'write')) {
      expect({ route: route.handler, writes: dynamoActions(routeFunction(route)[0]).some((a) => /PutItem|UpdateItem|DeleteItem/.test(a)) }).toEqual({ route: route.handler, writes: true });
    }
    for (const id of Object.keys(functions())) expect(dynamoActions(id)).not.toContain('dynamodb:Scan');
  });

  test('functions without table access (the OpenAPI document) have no DynamoDB permission at all', () => {
    const none = API_ROUTES.filter((route) => route.tableAccess === 'none');
    expect(none.map((r) => r.handler)).toContain('openapi');
    for (const route of none) expect(dynamoActions(routeFunction(route)[0])).toEqual([]);
  });
});

describe('REST API', () => {
  test('the stage is named after the stage, throttled, traced and access-logged', () => {
    dev.api.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'dev',
      TracingEnabled: true,
      AccessLogSetting: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('resourcePath') },
      MethodSettings: [Match.objectLike({ ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() })],
    });
  });

  test('every route is a Lambda proxy method; only public routes skip the authorizer and the usage plan', () => {
    const methods = methodsByRoute();
    const gatewayAuthorizerId = Object.keys(resources(dev.api, 'AWS::ApiGateway::Authorizer'))[0];
    expect(methods.size).toBe(API_ROUTES.length);
    for (const route of API_ROUTES) {
      const method = methods.get(`${route.method} ${route.path}`);
      const [functionId] = routeFunction(route);
      expect(method).toMatchObject({
        Integration: { Type: 'AWS_PROXY', IntegrationHttpMethod: 'POST' },
        ...(route.access === 'public'
          ? { AuthorizationType: 'NONE' }
          : { AuthorizationType: 'CUSTOM', AuthorizerId: { Ref: gatewayAuthorizerId }, ApiKeyRequired: true }),
      });
      if (route.access === 'public') expect(method).not.toHaveProperty('AuthorizerId');
      if (route.access === 'public') expect(method?.ApiKeyRequired).not.toBe(true);
      expect(JSON.stringify(method?.Integration)).toContain(functionId);
    }
  });

  test('every network route carries its scope at the gateway: the deployed method is guarded by the authorizer, whose policy admits exactly the keys with that scope', () => {
    const methods = methodsByRoute();
    const stageArn = 'arn:aws:execute-api:ap-south-1:123456789012:abc123/dev';
    const networkRoutes = API_ROUTES.filter((route) => typeof route.access === 'object');
    expect(networkRoutes.length).toBeGreaterThan(0);
    const storeKey = policyFor({ kind: 'store', storeId: 'store_1', keyId: 'key_s', storeState: 'active' }, `${stageArn}/GET/v1/store`);
    for (const route of networkRoutes) {
      const scope = (route.access as { network: NetworkScope }).network;
      expect(methods.get(`${route.method} ${route.path}`)).toMatchObject({ AuthorizationType: 'CUSTOM', ApiKeyRequired: true });
      const methodArn = `${stageArn}/${route.method}${route.path.replace(/\{\w+\}/g, 'x1')}`;
      const holder = policyFor({ kind: 'network', keyId: 'key_h', scopes: [scope] }, methodArn);
      const others = policyFor({ kind: 'network', keyId: 'key_o', scopes: NETWORK_SCOPES.filter((s) => s !== scope) }, methodArn);
      expect({ route: route.path, scope, holder: policyAllows(holder, methodArn), others: policyAllows(others, methodArn), store: policyAllows(storeKey, methodArn) }).toEqual({
        route: route.path, scope, holder: true, others: false, store: false,
      });
    }
  });

  test('the authorizer reads the Authorization header and caches its decision', () => {
    const authorizers = Object.values(resources(dev.api, 'AWS::ApiGateway::Authorizer'));
    expect(authorizers).toHaveLength(1);
    expect(authorizers[0]?.Properties).toMatchObject({ Type: 'TOKEN', IdentitySource: 'method.request.header.Authorization' });
    expect(authorizers[0]?.Properties?.AuthorizerResultTtlInSeconds).toBeGreaterThan(0);
  });

  test('revocation and suspension may flush the authorizer cache of this stage only; nothing else may', () => {
    const flushers = ['DELETE /v1/store/keys/{keyId}', 'DELETE /v1/network/stores/{storeId}/keys/{keyId}', 'POST /v1/network/stores/{storeId}/suspend', 'POST /v1/network/stores/{storeId}/resume'];
    const restApiId = Object.keys(resources(dev.api, 'AWS::ApiGateway::RestApi'))[0]!;
    for (const route of API_ROUTES) {
      const [functionId] = routeFunction(route);
      const statements = allowStatements(dev.api, functionId).filter((st) => [st.Action].flat().includes('apigateway:DELETE') && JSON.stringify(st.Resource).includes('cache/authorizers'));
      if (!flushers.includes(`${route.method} ${route.path}`)) {
        expect({ route: route.path, statements }).toEqual({ route: route.path, statements: [] });
        continue;
      }
      expect(statements).toHaveLength(1);
      expect(statements[0]!.Resource).toEqual({
        'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':apigateway:', { Ref: 'AWS::Region' }, '::/restapis/', { Ref: restApiId }, '/stages/dev/cache/authorizers']],
      });
    }
  });

  test('no resource of a stack depends on itself (the flush and usage-key grants refer to the API without a cycle)', () => {
    for (const stack of [dev.api, dev.workers, dev.stateful, dev.monitoring]) {
      const all = stack.toJSON().Resources as Record<string, { DependsOn?: string | string[] }>;
      const edges = new Map<string, Set<string>>();
      for (const [id, resource] of Object.entries(all)) {
        const refs = new Set<string>([resource.DependsOn ?? []].flat());
        JSON.stringify(resource, (key, value: unknown) => {
          if (key === 'Ref' && typeof value === 'string' && value in all) refs.add(value);
          if (key === 'Fn::GetAtt' && Array.isArray(value) && typeof value[0] === 'string' && value[0] in all) refs.add(value[0]);
          return value;
        });
        edges.set(id, refs);
      }
      const state = new Map<string, 'visiting' | 'done'>();
      const cycle: string[] = [];
      const visit = (id: string, path: string[]): boolean => {
        if (state.get(id) === 'done') return false;
        if (state.get(id) === 'visiting') return cycle.push(...path, id) > 0;
        state.set(id, 'visiting');
        for (const next of edges.get(id) ?? []) if (visit(next, [...path, id])) return true;
        state.set(id, 'done');
        return false;
      };
      for (const id of edges.keys()) if (visit(id, [])) break;
      expect(cycle).toEqual([]);
    }
  });

  test('per-store throttling: the authorizer supplies the usage key, and one usage plan with the stage config limits covers the stage', () => {
    dev.api.hasResourceProperties('AWS::ApiGateway::RestApi', { ApiKeySourceType: 'AUTHORIZER' });
    const plans = Object.values(resources(dev.api, 'AWS::ApiGateway::UsagePlan'));
    expect(plans).toHaveLength(1);
    const { storeUsagePlan } = dev.config;
    expect(plans[0]?.Properties).toMatchObject({
      Throttle: { RateLimit: storeUsagePlan.rateLimit, BurstLimit: storeUsagePlan.burstLimit },
      Quota: { Limit: storeUsagePlan.quotaPerDay, Period: 'DAY' },
      ApiStages: [{ ApiId: { Ref: Object.keys(resources(dev.api, 'AWS::ApiGateway::RestApi'))[0] }, Stage: { Ref: Object.keys(resources(dev.api, 'AWS::ApiGateway::Stage'))[0] } }],
    });
    // Keys are added per store by `npm run store`, never by the stack.
    expect(resources(dev.api, 'AWS::ApiGateway::ApiKey')).toEqual({});
    // A store's own limit sits below the stage's.
    expect(storeUsagePlan.rateLimit).toBeLessThanOrEqual(dev.config.throttle.rateLimit);
  });

  test('authorizer failures and 429s are counted from the access log (API Gateway has no metric for either)', () => {
    const filters = Object.values(resources(dev.api, 'AWS::Logs::MetricFilter')).map((f) => f.Properties as { FilterPattern: string; MetricTransformations: { MetricName: string; MetricNamespace: string; DefaultValue: number }[] });
    const byName = new Map(filters.map((f) => [f.MetricTransformations[0]!.MetricName, f]));
    expect(byName.get('AuthorizerFailures')?.FilterPattern).toBe('{ ($.error = "AUTHORIZER_FAILURE") || ($.error = "AUTHORIZER_CONFIGURATION_ERROR") }');
    expect(byName.get('ThrottledRequests')?.FilterPattern).toBe('{ ($.error = "THROTTLED") || ($.error = "QUOTA_EXCEEDED") }');
    for (const f of filters) expect(f.MetricTransformations[0]).toMatchObject({ MetricNamespace: 'RepairApi/dev', DefaultValue: 0 });
    // The access log format does carry the field the filters read.
    dev.api.hasResourceProperties('AWS::ApiGateway::Stage', { AccessLogSetting: { Format: Match.stringLikeRegexp('"error":"\\$context.error.responseType"') } });
  });

  test('outputs the API URL and the usage plan id', () => {
    dev.api.hasOutput('ApiUrl', {});
    dev.api.hasOutput('UsagePlanId', { Value: { Ref: Object.keys(resources(dev.api, 'AWS::ApiGateway::UsagePlan'))[0] } });
  });
});
