import { CfnOutput, Duration, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import {
  AccessLogFormat,
  AuthorizationType,
  IdentitySource,
  LambdaIntegration,
  LogGroupLogDestination,
  RestApi,
  TokenAuthorizer,
} from 'aws-cdk-lib/aws-apigateway';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { API_ROUTES } from '../../functions/routes.js';
import type { StageConfig } from '../config.js';
import { BaseFunction } from '../constructs/base-function.js';
import { addProblemResponses } from '../constructs/problem-responses.js';

export interface ApiStackProps extends StackProps {
  readonly config: StageConfig;
  readonly table: ITableV2;
}

/** `create-repair` → `CreateRepair`: stable construct ids, so logical ids survive reordering the route table. */
const pascal = (name: string) => name.replace(/(^|-)(\w)/g, (_, _dash: string, c: string) => c.toUpperCase());

/** Mirrors parseBearer: malformed headers get their 401 from API Gateway without invoking the authorizer. */
const BEARER_PATTERN = '^[Bb][Ee][Aa][Rr][Ee][Rr]\\s+\\S{8,512}\\s*$';

/**
 * The stateless part: one function per route of API_ROUTES (the same table the local gateway
 * serves), the store authorizer, and the REST API in front of them. Safe to destroy and redeploy.
 */
export class ApiStack extends Stack {
  readonly api: RestApi;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    const { config, table, ...stackProps } = props;
    super(scope, id, stackProps);
    const logs = { logRetention: config.logRetention, logRemovalPolicy: config.removalPolicy };

    const authorizerFn = new BaseFunction(this, 'AuthorizerFn', {
      entry: 'functions/authorizer.ts',
      description: 'API key → storeId',
      ...logs,
    }).useTable(table, 'read');
    const authorizer = new TokenAuthorizer(this, 'StoreAuthorizer', {
      handler: authorizerFn,
      identitySource: IdentitySource.header('Authorization'),
      validationRegex: BEARER_PATTERN,
      // The policy allows the whole stage, so one decision per key serves every route for 5 minutes.
      resultsCacheTtl: Duration.minutes(5),
    });

    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: config.logRetention, removalPolicy: config.removalPolicy });
    this.api = new RestApi(this, 'Api', {
      restApiName: `repair-api-${config.stage}`,
      description: `Repair tracking API (${config.stage})`,
      // Execution logging would need the account-wide API Gateway CloudWatch role: access logs instead.
      cloudWatchRole: false,
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

    for (const route of API_ROUTES) {
      const fn = new BaseFunction(this, `${pascal(route.handler)}Fn`, {
        entry: `functions/api/${route.handler}.ts`,
        description: `${route.method} ${route.path}`,
        ...logs,
      });
      if (route.tableAccess !== 'none') fn.useTable(table, route.tableAccess);
      const method = this.api.root.resourceForPath(route.path).addMethod(
        route.method,
        // No test-invoke permission: one Lambda permission per method, for the deployed stage only.
        new LambdaIntegration(fn, { allowTestInvoke: false }),
        route.public ? { authorizationType: AuthorizationType.NONE } : { authorizer, authorizationType: AuthorizationType.CUSTOM },
      );
      if (route.public) {
        Validations.of(method).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: `${route.method} ${route.path} is public by contract (API.md): customers and integrators call it without a store API key; it returns no personal data.`,
        });
      }
    }
    this.acknowledgeGatewayFindings();

    // A stable output name for scripts, in place of RestApi's own hash-suffixed "Endpoint" output.
    this.api.node.tryRemoveChild('Endpoint');
    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'Base URL; routes start with /v1' });
  }

  private acknowledgeGatewayFindings(): void {
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
    Validations.of(this.api.deploymentStage).acknowledge(
      {
        id: 'AwsSolutions-APIG6',
        reason: "Execution logging needs the account-wide API Gateway CloudWatch role, account setup this app does not own (cdk.json disables it). Access logs record every request's status and error type, and every function logs its own errors.",
      },
      {
        id: 'AwsSolutions-APIG3',
        reason: 'No WAF in v1: every route but two read-only public ones needs a store API key, and stage throttling caps the load. A web ACL with per-IP rate rules for /v1/track is the next step if abuse shows up.',
      },
    );
  }
}

/**
 * One JSON line per request. The resource path is the route template, so path values (a phone
 * number in /customers/{phone}) never reach the log; the store id comes from the authorizer.
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
      sourceIp: '$context.identity.sourceIp',
      userAgent: '$context.identity.userAgent',
    }),
  );
}
