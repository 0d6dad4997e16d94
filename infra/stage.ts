import { Tags, type App } from 'aws-cdk-lib';
import type { StageConfig } from './config.js';
import { photosBucketName } from './names.js';
import { ApiStack } from './stacks/api-stack.js';
import { MonitoringStack } from './stacks/monitoring-stack.js';
import { StatefulStack } from './stacks/stateful-stack.js';
import { WorkersStack } from './stacks/workers-stack.js';

export interface StageStacks {
  readonly stateful: StatefulStack;
  readonly api: ApiStack;
  readonly workers: WorkersStack;
  readonly monitoring: MonitoringStack;
}

/**
 * One deployable stage: the stateful stack (table, ops topic, dead-letter queues), the two
 * stateless stacks that use it (API; notifier and jobs), and the alarms and dashboard over all
 * three. The CLI app and the infra tests both build stages through here, so they test what deploys.
 */
export function createStage(app: App, config: StageConfig): StageStacks {
  const prefix = `RepairApi-${config.stage}`;
  const stateful = new StatefulStack(app, `${prefix}-Stateful`, {
    config,
    description: `Repair tracking API (${config.stage}): data, ops topic and dead-letter queues that outlive deployments`,
  });
  const api = new ApiStack(app, `${prefix}-Api`, {
    config,
    table: stateful.table,
    photosBucketName: photosBucketName(config.stage),
    description: `Repair tracking API (${config.stage}): functions and REST API`,
  });
  const workers = new WorkersStack(app, `${prefix}-Workers`, {
    config,
    table: stateful.table,
    opsTopic: stateful.opsTopic,
    opsKey: stateful.opsKey,
    deadLetterQueues: stateful.deadLetterQueues,
    photosBucketName: photosBucketName(config.stage),
    publicBaseUrl: api.publicBaseUrl,
    description: `Repair tracking API (${config.stage}): customer messages, photo check and scheduled jobs`,
  });
  const monitoring = new MonitoringStack(app, `${prefix}-Monitoring`, {
    config,
    opsTopic: stateful.opsTopic,
    table: stateful.table,
    ...(api.webAcl ? { webAclName: api.webAcl.name } : {}),
    apiStage: api.api.deploymentStage,
    gatewayMetrics: api.gatewayMetrics,
    authorizer: api.authorizerFn,
    streamConsumers: { notifier: workers.notifier, aggregator: workers.aggregator },
    jobs: workers.jobs,
    eventFunctions: { 'photo-check': workers.photoCheck },
    deadLetterQueues: {
      notifier: stateful.deadLetterQueues.notifier,
      aggregator: stateful.deadLetterQueues.aggregator,
      'whatsapp-events': stateful.deadLetterQueues.whatsappEvents,
      'photo-check': stateful.deadLetterQueues.photoCheck,
      ...Object.fromEntries(Object.entries(stateful.deadLetterQueues.jobs).map(([job, queue]) => [`${job}-job`, queue])),
    },
    description: `Repair tracking API (${config.stage}): alarms and dashboard`,
  });
  for (const stack of [stateful, api, workers, monitoring]) {
    Tags.of(stack).add('project', 'repair-api');
    Tags.of(stack).add('stage', config.stage);
  }
  return { stateful, api, workers, monitoring };
}
