import { Aws, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { Stage } from 'aws-cdk-lib/aws-apigateway';
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  MathExpression,
  Metric,
  TreatMissingData,
  type IMetric,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Function as LambdaFunction, type IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { TABLE } from '../../shared/store/table.js';
import type { StageConfig } from '../config.js';
import { WAF_RULES } from '../constructs/stage-web-acl.js';
import { pascal } from '../names.js';
import type { ApiStack } from './api-stack.js';

export interface MonitoringStackProps extends StackProps {
  readonly config: StageConfig;
  readonly opsTopic: ITopic;
  readonly table: ITableV2;
  /** The stage's web ACL by name, when it has one. */
  readonly webAclName?: string;
  readonly apiStage: Stage;
  readonly gatewayMetrics: ApiStack['gatewayMetrics'];
  readonly authorizer: IFunction;
  /** The table stream's consumers (notifier, aggregator), by name. */
  readonly streamConsumers: Readonly<Record<string, IFunction>>;
  readonly jobs: Readonly<Record<string, IFunction>>;
  /** Functions invoked by events (the photo check), by name: an alarm on their errors. */
  readonly eventFunctions: Readonly<Record<string, IFunction>>;
  /** Every dead-letter queue, by a short name used in the alarm's name. */
  readonly deadLetterQueues: Readonly<Record<string, IQueue>>;
}

const FIVE_MINUTES = Duration.minutes(5);

/** CloudWatch takes at most 10 metrics in one alarm's math expression. */
const MAX_ALARM_METRICS = 10;

/**
 * Throttle events of the table and of each index (an index that cannot keep up throttles the
 * table's writes too): every kind of throttling, on-demand limits and hot partitions included.
 * CloudWatch takes 10 metrics per alarm, so the table and its indexes are watched in groups of
 * five targets (reads and writes each): the first group is the table with gsi1–gsi4.
 */
function tableThrottleEvents(table: ITableV2): MathExpression[] {
  const targets: Array<[string, Record<string, string>]> = [['table', {}], ...TABLE.indexes.map((index): [string, Record<string, string>] => [index.name, { GlobalSecondaryIndexName: index.name }])];
  const groups: MathExpression[] = [];
  for (let start = 0; start < targets.length; start += MAX_ALARM_METRICS / 2) {
    const group = targets.slice(start, start + MAX_ALARM_METRICS / 2);
    const metrics: Record<string, IMetric> = {};
    for (const [id, target] of group) {
      for (const [kind, metricName] of [['r', 'ReadThrottleEvents'], ['w', 'WriteThrottleEvents']] as const) {
        metrics[`${kind}${id}`] = new Metric({ namespace: 'AWS/DynamoDB', metricName, dimensionsMap: { TableName: table.tableName, ...target }, statistic: 'Sum', period: FIVE_MINUTES });
      }
    }
    groups.push(new MathExpression({ expression: 'SUM(METRICS())', usingMetrics: metrics, period: FIVE_MINUTES, label: `throttle events: ${group.map(([id]) => id).join(', ')}` }));
  }
  return groups;
}

/**
 * SMS deliveries SNS reports for messages published straight to phone numbers (no topic): the
 * carriers' verdict, which the notifier cannot see (its Publish succeeded). Account-wide in the region.
 */
const smsDeliveries = (metricName: 'NumberOfNotificationsDelivered' | 'NumberOfNotificationsFailed') =>
  new Metric({ namespace: 'AWS/SNS', metricName, dimensionsMap: { PhoneNumber: 'PhoneNumberDirect' }, statistic: 'Sum', period: Duration.minutes(15) });

/**
 * Alarms (each to the ops topic, on alarm and on recovery) and one dashboard. Its own stack so
 * thresholds and widgets can change without touching a function; README "Operations" says what
 * each alarm means and what to do.
 */
export class MonitoringStack extends Stack {
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: MonitoringStackProps) {
    const { config, opsTopic, table, webAclName, apiStage, gatewayMetrics, authorizer, streamConsumers, jobs, eventFunctions, deadLetterQueues, ...stackProps } = props;
    super(scope, id, stackProps);
    const alarm = (name: string, metric: IMetric, options: { threshold: number; periods?: number; datapoints?: number; description: string }) => {
      const created = new Alarm(this, `${pascal(name)}Alarm`, {
        alarmName: `repair-api-${config.stage}-${name}`,
        alarmDescription: options.description,
        metric,
        threshold: options.threshold,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: options.periods ?? 1,
        datapointsToAlarm: options.datapoints ?? options.periods ?? 1,
        // Quiet is healthy: no requests, no runs and no messages are not failures.
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      created.addAlarmAction(new SnsAction(opsTopic));
      created.addOkAction(new SnsAction(opsTopic));
      this.alarms.push(created);
      return created;
    };

    const requests = apiStage.metricCount({ period: FIVE_MINUTES, statistic: 'Sum' });
    const serverErrors = apiStage.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' });
    const api5xxPercent = new MathExpression({
      // Below 20 requests a single failure is not a rate worth waking someone for.
      expression: 'IF(requests >= 20, 100 * errors / requests, 0)',
      usingMetrics: { requests, errors: serverErrors },
      period: FIVE_MINUTES,
      label: '5xx % of requests',
    });
    alarm('api-5xx-rate', api5xxPercent, { threshold: 1, periods: 3, datapoints: 2, description: 'More than 1 % of API requests answered 5xx (2 of the last 3 five-minute periods)' });
    const p99 = apiStage.metricLatency({ period: FIVE_MINUTES, statistic: 'p99' });
    alarm('api-p99-latency', p99, { threshold: 3000, periods: 3, description: 'API p99 latency at or above 3 s for 15 minutes' });
    alarm('api-authorizer-failures', gatewayMetrics.authorizerFailures.with({ period: FIVE_MINUTES }), {
      threshold: 1,
      description: 'The store authorizer failed (crash, timeout or bad answer): those callers got a 500, not a 401',
    });
    alarm('api-throttled', gatewayMetrics.throttled.with({ period: FIVE_MINUTES }), {
      threshold: 50,
      periods: 2,
      description: '50+ requests per five minutes refused with 429 (stage throttle, a store over its usage plan, or its daily quota), twice in a row',
    });

    // Account-wide in the region (Lambda's own aggregate): one alarm for all 20-odd functions, which
    // an alarm could not list one by one (10 metrics at most). Stages live in separate accounts.
    const lambdaThrottles = LambdaFunction.metricAllThrottles({ period: FIVE_MINUTES, statistic: 'Sum', label: 'Lambda throttles (account)' });
    alarm('lambda-throttled', lambdaThrottles, {
      threshold: 1,
      description: 'Lambda refused invocations for lack of concurrency: API callers got a 5xx, stream records and job runs wait for a retry',
    });
    const tableThrottles = tableThrottleEvents(table);
    tableThrottles.forEach((throttles, i) => {
      alarm(i === 0 ? 'table-throttled' : `table-throttled-${i + 1}`, throttles, {
        threshold: 5,
        periods: 2,
        description: `DynamoDB throttled 5+ requests (${throttles.label}) in each of two five-minute periods (hot key, or the on-demand limits)`,
      });
    });

    for (const [name, queue] of Object.entries(deadLetterQueues)) {
      alarm(`${name}-dlq-not-empty`, queue.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: 'Maximum' }), {
        threshold: 1,
        description: `Work that failed for good waits in the ${name} dead-letter queue`,
      });
    }
    const behind: Record<string, string> = {
      notifier: 'Status-change SMS are more than 10 minutes behind the table (notifier failing or throttled)',
      aggregator: 'Store metrics are more than 10 minutes behind the table (aggregator failing or throttled)',
    };
    for (const [name, fn] of Object.entries(streamConsumers)) {
      alarm(`${name}-iterator-age`, fn.metric('IteratorAge', { period: FIVE_MINUTES, statistic: 'Maximum' }), {
        threshold: Duration.minutes(10).toMilliseconds(),
        periods: 2,
        description: behind[name] ?? `The ${name} stream consumer is more than 10 minutes behind the table`,
      });
    }
    for (const [name, fn] of Object.entries(eventFunctions)) {
      alarm(`${name}-errors`, fn.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }), { threshold: 1, description: `A run of the ${name} function failed (it is retried; what fails for good lands in its dead-letter queue)` });
    }
    for (const [name, fn] of Object.entries(jobs)) {
      alarm(`${name}-job-errors`, fn.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }), { threshold: 1, description: `A run of the ${name} job failed` });
    }
    const smsFailurePercent = new MathExpression({
      expression: 'IF(failed + delivered >= 5, 100 * failed / (failed + delivered), 0)',
      usingMetrics: { failed: smsDeliveries('NumberOfNotificationsFailed'), delivered: smsDeliveries('NumberOfNotificationsDelivered') },
      period: Duration.minutes(15),
      label: 'SMS failed % (carrier verdict)',
    });
    alarm('sms-failure-rate', smsFailurePercent, { threshold: 10, periods: 2, description: 'More than 10 % of SMS were not delivered by the carriers for 30 minutes' });
    const spendLimit = config.sms.monthlySpendLimitUsd;
    const spend = new Metric({ namespace: 'AWS/SNS', metricName: 'SMSMonthToDateSpentUSD', statistic: 'Maximum', period: Duration.hours(1) });
    if (spendLimit !== undefined) {
      alarm('sms-spend', spend, { threshold: 0.8 * spendLimit, description: `SMS spend this month reached 80 % of the ${spendLimit} USD limit; at 100 % SNS stops sending` });
    }

    const wafBlocked = webAclName
      ? Object.values(WAF_RULES).map((rule) =>
          new Metric({ namespace: 'AWS/WAFV2', metricName: 'BlockedRequests', dimensionsMap: { WebACL: webAclName, Region: Aws.REGION, Rule: rule }, statistic: 'Sum', period: FIVE_MINUTES, label: rule }),
        )
      : [];
    this.dashboard(config, { requests, serverErrors, p99, api5xxPercent, smsFailurePercent, spend, gatewayMetrics, authorizer, streamConsumers, jobs, deadLetterQueues, apiStage, lambdaThrottles, tableThrottles, wafBlocked });
  }

  private dashboard(
    config: StageConfig,
    m: {
      requests: IMetric; serverErrors: IMetric; p99: IMetric; api5xxPercent: IMetric; smsFailurePercent: IMetric; spend: IMetric;
      gatewayMetrics: ApiStack['gatewayMetrics']; authorizer: IFunction; streamConsumers: Readonly<Record<string, IFunction>>; jobs: Readonly<Record<string, IFunction>>;
      deadLetterQueues: Readonly<Record<string, IQueue>>; apiStage: Stage; lambdaThrottles: IMetric; tableThrottles: IMetric[]; wafBlocked: IMetric[];
    },
  ): void {
    const graph = (title: string, left: IMetric[], right: IMetric[] = []) => new GraphWidget({ title, left, right, width: 8, height: 6 });
    const jobs = Object.entries(m.jobs);
    new Dashboard(this, 'Dashboard', {
      dashboardName: `repair-api-${config.stage}`,
      widgets: [
        [new AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 24, height: 4 })],
        [
          graph('API requests and 5xx', [m.requests, m.serverErrors, m.apiStage.metricClientError({ period: FIVE_MINUTES, statistic: 'Sum' })], [m.api5xxPercent]),
          graph('API latency', [m.p99, m.apiStage.metricLatency({ period: FIVE_MINUTES, statistic: 'p50' })]),
          graph('Refused at the gateway', [m.gatewayMetrics.throttled.with({ label: '429 throttled / quota' }), m.gatewayMetrics.authorizerFailures.with({ label: 'authorizer failures' })]),
        ],
        [
          // Its Errors include every refused key (a thrown "Unauthorized" is how a TOKEN authorizer says 401).
          graph('Authorizer (errors include refused keys)', [m.authorizer.metricInvocations(), m.authorizer.metricErrors()], [m.authorizer.metricDuration({ statistic: 'p99' })]),
          graph('Throttling (Lambda, account-wide; DynamoDB table + indexes)', [m.lambdaThrottles, ...m.tableThrottles]),
          ...(m.wafBlocked.length > 0 ? [graph('Refused by the WAF (per rule)', m.wafBlocked)] : []),
        ],
        [
          graph(
            'Stream consumers',
            Object.entries(m.streamConsumers).flatMap(([name, fn]) => [fn.metricInvocations({ label: `${name} runs` }), fn.metricErrors({ label: `${name} errors` })]),
            Object.entries(m.streamConsumers).map(([name, fn]) => fn.metric('IteratorAge', { label: `${name} iterator age`, statistic: 'Maximum' })),
          ),
          graph('SMS (carrier verdict)', [smsDeliveries('NumberOfNotificationsDelivered'), smsDeliveries('NumberOfNotificationsFailed')], [m.smsFailurePercent]),
          graph('SMS spend this month (USD)', [m.spend]),
        ],
        [
          graph('Job runs and errors', jobs.flatMap(([name, fn]) => [fn.metricInvocations({ label: `${name} runs` }), fn.metricErrors({ label: `${name} errors` })])),
          graph('Job duration (max)', jobs.map(([name, fn]) => fn.metricDuration({ label: name, statistic: 'Maximum' }))),
          graph('Dead-letter queues', Object.entries(m.deadLetterQueues).map(([name, q]) => q.metricApproximateNumberOfMessagesVisible({ label: name, statistic: 'Maximum' }))),
        ],
      ],
    });
  }
}
