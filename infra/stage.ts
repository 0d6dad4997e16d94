import { Tags, type App } from 'aws-cdk-lib';
import type { StageConfig } from './config.js';
import { ApiStack } from './stacks/api-stack.js';
import { StatefulStack } from './stacks/stateful-stack.js';

/**
 * One deployable stage: the stateful stack (table) and the stateless stack that uses it.
 * The CLI app and the infra tests both build stages through here, so they test what deploys.
 */
export function createStage(app: App, config: StageConfig): { stateful: StatefulStack; api: ApiStack } {
  const prefix = `RepairApi-${config.stage}`;
  const stateful = new StatefulStack(app, `${prefix}-Stateful`, {
    config,
    description: `Repair tracking API (${config.stage}): data that outlives deployments`,
  });
  const api = new ApiStack(app, `${prefix}-Api`, {
    config,
    table: stateful.table,
    description: `Repair tracking API (${config.stage}): functions and REST API`,
  });
  for (const stack of [stateful, api]) {
    Tags.of(stack).add('project', 'repair-api');
    Tags.of(stack).add('stage', config.stage);
  }
  return { stateful, api };
}
