import { snsOpsAlerts } from '../../shared/notify/sns-alerts.js';
import { documentClient } from '../../shared/store/client.js';
import { config, orders } from '../../shared/store/container.js';
import { rdQueue, slaQueue } from '../../shared/store/job-queues.js';
import { runSlaJob } from '../../shared/usecases/jobs.js';
import { scheduledJob } from './schedule.js';

if (!config.opsTopicArn) throw new Error('Invalid configuration: OPS_TOPIC_ARN is required by the SLA job');
const deps = { queue: slaQueue(documentClient, config.tableName, orders), rd: rdQueue(documentClient, config.tableName), alerts: snsOpsAlerts(config.opsTopicArn) };

/** Every 5 minutes: open orders at risk of missing, or past, their promise are flagged and alerted once; so are escalations R&D has not answered in time. */
export const handler = scheduledJob((at, budget) => runSlaJob(deps, at, budget));
