import { snsOpsAlerts } from '../../shared/notify/sns-alerts.js';
import { documentClient } from '../../shared/store/client.js';
import { config, orders } from '../../shared/store/container.js';
import { slaQueue } from '../../shared/store/job-queues.js';
import { runSlaJob } from '../../shared/usecases/jobs.js';
import { scheduledJob } from './schedule.js';

if (!config.opsTopicArn) throw new Error('Invalid configuration: OPS_TOPIC_ARN is required by the SLA job');
const deps = { queue: slaQueue(documentClient, config.tableName, orders), alerts: snsOpsAlerts(config.opsTopicArn) };

/** Every 5 minutes: open orders at risk of missing, or past, their promise are flagged and alerted once. */
export const handler = scheduledJob((at, budget) => runSlaJob(deps, at, budget));
