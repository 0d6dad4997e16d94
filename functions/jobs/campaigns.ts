import { documentClient } from '../../shared/store/client.js';
import { config, orders } from '../../shared/store/container.js';
import { extensionNoticeQueue } from '../../shared/store/job-queues.js';
import { campaignDeps } from '../../shared/store/network-container.js';
import { MAX_EXTENSIONS_PER_SECOND, MAX_NOTICES_PER_SECOND, runCampaignJob } from '../../shared/usecases/warranty-campaigns.js';
import { jobSms } from './job-sms.js';
import { scheduledJob } from './schedule.js';

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const queue = extensionNoticeQueue(documentClient, config.tableName);

/**
 * Every 5 minutes: running warranty extension campaigns, page by page from their cursors,
 * throttled; then the customers of extended repair warranties told of the new end date, once
 * each, inside 09:00–20:00 store time.
 */
export const handler = scheduledJob((at, budget) =>
  runCampaignJob(
    {
      campaigns: campaignDeps.campaigns,
      stores: campaignDeps.stores,
      now: () => new Date(),
      pace: pause,
      extensionsPerSecond: MAX_EXTENSIONS_PER_SECOND,
      notices: { queue, orders, sms: jobSms, noticesPerSecond: MAX_NOTICES_PER_SECOND },
    },
    at,
    budget,
  ),
);
