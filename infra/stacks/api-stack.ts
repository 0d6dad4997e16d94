import { CfnOutput, Duration, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import {
  AccessLogFormat,
  ApiKeySourceType,
  AuthorizationType,
  IdentitySource,
  LambdaIntegration,
  LogGroupLogDestination,
  Period,
  RestApi,
  TokenAuthorizer,
  type UsagePlan,
} from 'aws-cdk-lib/aws-apigateway';
import { Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { FilterPattern, LogGroup } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { API_ROUTES, AUTHORIZER_CACHE_TTL_SECONDS } from '../../functions/routes.js';
import type { StageConfig } from '../config.js';
import { BaseFunction } from '../constructs/base-function.js';
import { addProblemResponses } from '../constructs/problem-responses.js';
import { StageWebAcl } from '../constructs/stage-web-acl.js';
import { metricsNamespace, pascal } from '../names.js';
import { AUTHORIZER_TABLE_USE, routeTableUse } from '../table-access.js';
import { GATEWAY_USE } from '../gateway-access.js';

export interface ApiStackProps extends StackProps {
  readonly config: StageConfig;
  readonly table: ITableV2;
}

/** Mirrors parseBearer: malformed headers get their 401 from API Gateway without invoking the authorizer. */
const BEARER_PATTERN = '^[Bb][Ee][Aa][Rr][Ee][Rr]\\s+\\S{8,512}\\s*$';

/**
 * The stateless part: one function per route of API_ROUTES (the same table the local gateway
 * serves), the store authorizer, and the REST API in front of them. Safe to destroy and redeploy.
 */
export class ApiStack extends Stack {
  readonly api: RestApi;
  readonly authorizerFn: BaseFunction;
  readonly usagePlan: UsagePlan;
  /** Counted from the access log: API Gateway publishes neither as a metric of its own. */
  readonly gatewayMetrics: { readonly authorizerFailures: Metric; readonly throttled: Metric };
  /** The stage's web ACL, when the stage config has one. */
  readonly webAcl: StageWebAcl | undefined;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    const { config, table, ...stackProps } = props;
    super(scope, id, stackProps);
    const logs = { logRetention: config.logRetention, logRemovalPolicy: config.removalPolicy };

    this.authorizerFn = new BaseFunction(this, 'AuthorizerFn', {
      entry: 'functions/authorizer.ts',
      description: 'API key → storeId',
      ...logs,
    }).useTable(table, AUTHORIZER_TABLE_USE);
    const authorizer = new TokenAuthorizer(this, 'StoreAuthorizer', {
      handler: this.authorizerFn,
      identitySource: IdentitySource.header('Authorization'),
      validationRegex: BEARER_PATTERN,
      resultsCacheTtl: Duration.seconds(AUTHORIZER_CACHE_TTL_SECONDS),
    });

    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: config.logRetention, removalPolicy: config.removalPolicy });
    this.api = new RestApi(this, 'Api', {
      restApiName: `repair-api-${config.stage}`,
      description: `Repair tracking API (${config.stage})`,
      // Execution logging would need the account-wide API Gateway CloudWatch role: access logs instead.
      cloudWatchRole: false,
      // Per-store throttling: the authorizer names the store's usage key (usageIdentifierKey), so
      // stores never handle a second key and cannot present another store's.
      apiKeySourceType: ApiKeySourceType.AUTHORIZER,
      // No body-size setting exists on REST APIs (the hard limit is 10 MB): the stage's web ACL refuses
      // big bodies (413), and the handlers' zod schemas cap every field (a 400 naming it).
      deployOptions: {
        stageName: config.stage,
        throttlingRateLimit: config.throttle.rateLimit,
        throttlingBurstLimit: config.throttle.burstLimit,
        tracingEnabled: true,
        accessLogDestination: new LogGroupLogDestination(accessLogs),
        accessLogFormat: accessLogFormat(),
      },
    });
    addProblemResponses(this.api);
    this.webAcl = config.waf
      ? new StageWebAcl(this, 'Waf', { name: `repair-api-${config.stage}`, stage: this.api.deploymentStage, config: config.waf })
      : undefined;

    const usagePlanName = `repair-api-${config.stage}-stores`;
    const registersUsageKeys: BaseFunction[] = [];
    for (const route of API_ROUTES) {
      const fn = new BaseFunction(this, `${pascal(route.handler)}Fn`, {
        entry: `functions/api/${route.handler}.ts`,
        description: `${route.method} ${route.path}`,
        ...logs,
      });
      const tableUse = routeTableUse(route);
      if (tableUse) fn.useTable(table, tableUse);
      const gatewayUse = GATEWAY_USE[route.handler] ?? [];
      if (gatewayUse.includes('flush-authorizer-cache')) this.grantAuthorizerCacheFlush(fn, config.stage);
      if (gatewayUse.includes('register-usage-keys')) {
        fn.addEnvironment('USAGE_PLAN_NAME', usagePlanName);
        registersUsageKeys.push(fn);
      }
      const method = this.api.root.resourceForPath(route.path).addMethod(
        route.method,
        // No test-invoke permission: one Lambda permission per method, for the deployed stage only.
        new LambdaIntegration(fn, { allowTestInvoke: false }),
        route.access === 'public'
          ? { authorizationType: AuthorizationType.NONE }
          : { authorizer, authorizationType: AuthorizationType.CUSTOM, apiKeyRequired: true },
      );
      if (route.access === 'public') {
        Validations.of(method).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: `${route.method} ${route.path} is public by contract (API.md): customers and integrators call it without a store API key; it returns no personal data.`,
        });
      }
    }
    this.acknowledgeGatewayFindings(config);

    // Every store's usage key joins this plan (npm run store, USAGE_PLAN_ID): one rate, burst and
    // daily quota per store, under the stage-wide throttle above.
    this.usagePlan = this.api.addUsagePlan('StorePlan', {
      name: usagePlanName,
      description: 'Per-store limits; each store has its own key in this plan',
      throttle: { rateLimit: config.storeUsagePlan.rateLimit, burstLimit: config.storeUsagePlan.burstLimit },
      quota: { limit: config.storeUsagePlan.quotaPerDay, period: Period.DAY },
      apiStages: [{ api: this.api, stage: this.api.deploymentStage }],
    });
    this.gatewayMetrics = gatewayMetrics(accessLogs, config);
    this.grantUsageKeyRegistration(registersUsageKeys);

    // Stable output names for scripts, in place of RestApi's own hash-suffixed "Endpoint" output.
    this.api.node.tryRemoveChild('Endpoint');
    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'Base URL; routes start with /v1' });
    new CfnOutput(this, 'UsagePlanId', { value: this.usagePlan.usagePlanId, description: 'USAGE_PLAN_ID for npm run store' });
  }

  /**
   * FlushStageAuthorizersCache is `DELETE /restapis/{id}/stages/{stage}/cache/authorizers` to IAM
   * (API Gateway's management actions are its HTTP verbs): exactly that resource of this API and
   * stage. The function learns the API by its id (a Ref to the RestApi, which depends on no
   * method) and the stage by its name (a literal): referring to the Stage resource would be a cycle
   * (stage → deployment → methods → this function).
   */
  private grantAuthorizerCacheFlush(fn: BaseFunction, stage: string): void {
    fn.addEnvironment('API_ID', this.api.restApiId).addEnvironment('API_STAGE', stage);
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['apigateway:DELETE'],
        resources: [`arn:${this.partition}:apigateway:${this.region}::/restapis/${this.api.restApiId}/stages/${stage}/cache/authorizers`],
      }),
    );
  }

  /**
   * Onboarding and issuing keys register the new key's usage key in the stage's plan, as
   * `npm run store` does: create the API key, add it to this plan (found by name, GET /usageplans:
   * the plan's id in the function's environment would be a cycle), delete it again if that fails.
   * One policy of its own, attached to the roles without the functions depending on it — the plan
   * depends on the stage, the stage on the methods, the methods on the functions.
   */
  private grantUsageKeyRegistration(functions: BaseFunction[]): void {
    if (functions.length === 0) return;
    const apigateway = (path: string) => `arn:${this.partition}:apigateway:${this.region}::${path}`;
    const policy = new Policy(this, 'UsageKeyRegistrationPolicy', {
      statements: [
        new PolicyStatement({ actions: ['apigateway:GET'], resources: [apigateway('/usageplans')] }),
        new PolicyStatement({ actions: ['apigateway:POST'], resources: [apigateway('/apikeys'), apigateway(`/usageplans/${this.usagePlan.usagePlanId}/keys`)] }),
        new PolicyStatement({ actions: ['apigateway:DELETE'], resources: [apigateway('/apikeys/*')] }),
      ],
    });
    for (const fn of functions) policy.attachToRole(fn.role!);
    Validations.of(policy).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:apigateway:<AWS::Region>::/apikeys/*]',
      reason: 'Deleting the API key it just created when the usage plan refuses it (the rollback of a failed registration): the key id is only known at run time.',
    });
  }

  private acknowledgeGatewayFindings(config: StageConfig): void {
    Validations.of(this.api).acknowledge(
      {
        id: 'AwsSolutions-COG4',
        reason: 'Callers are partner stores with per-store API keys (SPEC, partner access), checked by the Lambda TOKEN authorizer; there are no end users to keep in a Cognito user pool.',
      },
      {
        id: 'AwsSolutions-APIG2',
        reason: 'Each handler validates path, query and body with the zod schemas the OpenAPI is generated from, and answers RFC 9457 problem+json naming every bad field; a gateway validator would duplicate that contract and answer in another shape.',
      },
    );
    Validations.of(this.api.deploymentStage).acknowledge({
      id: 'AwsSolutions-APIG6',
      reason: "Execution logging needs the account-wide API Gateway CloudWatch role, account setup this app does not own (cdk.json disables it). Access logs record every request's status and error type, and every function logs its own errors.",
    });
    if (!config.waf) {
      Validations.of(this.api.deploymentStage).acknowledge({
        id: 'AwsSolutions-APIG3',
        reason: `The ${config.stage} stage config turns the web ACL off (waf: false) to save its cost: every route but two read-only public ones needs a store API key, each store is throttled by its usage plan and the stage throttle caps the total load; handlers cap every field.`,
      });
    }
  }
}

/**
 * Two counts API Gateway REST does not publish itself, taken from the access log's error type:
 * requests refused because the authorizer failed (crashed, timed out, answered nonsense: a 500,
 * unlike an unknown key's designed 401) and requests refused for a throttle or a store's quota.
 */
function gatewayMetrics(accessLogs: LogGroup, config: StageConfig): ApiStack['gatewayMetrics'] {
  const namespace = metricsNamespace(config.stage);
  const count = (id: string, metricName: string, errorTypes: string[]) => {
    accessLogs.addMetricFilter(id, {
      filterPattern: FilterPattern.any(...errorTypes.map((type) => FilterPattern.stringValue('$.error', '=', type))),
      metricNamespace: namespace,
      metricName,
      metricValue: '1',
      // A zero on quiet minutes, so an alarm sees "no failures" rather than "no data".
      defaultValue: 0,
    });
    return new Metric({ namespace, metricName, statistic: 'Sum' });
  };
  return {
    authorizerFailures: count('AuthorizerFailures', 'AuthorizerFailures', ['AUTHORIZER_FAILURE', 'AUTHORIZER_CONFIGURATION_ERROR']),
    throttled: count('ThrottledRequests', 'ThrottledRequests', ['THROTTLED', 'QUOTA_EXCEEDED']),
  };
}

/**
 * One JSON line per request, without personal data: the resource path is the route template, so
 * path values (a phone number in /customers/{phone}, a tracking code) never reach the log, nor do
 * query strings (phoneLast4), the caller's IP address or user agent (customers call /v1/track).
 * The store id comes from the authorizer. test/infra/gateway.test.ts holds the allowed keys.
 */
function accessLogFormat(): AccessLogFormat {
  return AccessLogFormat.custom(
    JSON.stringify({
      requestId: '$context.requestId',
      time: '$context.requestTime',
      method: '$context.httpMethod',
      route: '$context.resourcePath',
      status: '$context.status',
      storeId: '$context.authorizer.principalId',
      latencyMs: '$context.responseLatency',
      integrationLatencyMs: '$context.integrationLatency',
      responseLength: '$context.responseLength',
      error: '$context.error.responseType',
      // WAF_ALLOW / WAF_BLOCK; empty on a stage without a web ACL.
      waf: '$context.wafResponseCode',
    }),
  );
}
