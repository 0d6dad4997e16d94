import { documentClient } from '../../shared/store/client.js';
import { config, orders, stores } from '../../shared/store/container.js';
import { warrantyQueue } from '../../shared/store/job-queues.js';
import { runWarrantyJob } from '../../shared/usecases/jobs.js';
import { jobSms } from './job-sms.js';
import { scheduledJob } from './schedule.js';

const queue = warrantyQueue(documentClient, config.tableName);

/** Daily: reminder SMS a week before a repair warranty ends (inside 09:00–20:00 local), then expiry. */
export const handler = scheduledJob((at, budget) => runWarrantyJob({ queue, orders, stores, sms: jobSms }, at, budget));
