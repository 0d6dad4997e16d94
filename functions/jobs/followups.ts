import { documentClient } from '../../shared/store/client.js';
import { config } from '../../shared/store/container.js';
import { followUpQueue } from '../../shared/store/job-queues.js';
import { runFollowUpsJob } from '../../shared/usecases/jobs.js';
import { scheduledJob } from './schedule.js';

const queue = followUpQueue(documentClient, config.tableName);

/** Every 15 minutes: planned follow-up calls whose time has come join their store's call queue. */
export const handler = scheduledJob((at, budget) => runFollowUpsJob(queue, at, budget));
