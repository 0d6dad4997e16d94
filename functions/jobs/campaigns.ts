import { campaignDeps } from '../../shared/store/network-container.js';
import { MAX_EXTENSIONS_PER_SECOND, runCampaignJob } from '../../shared/usecases/warranty-campaigns.js';
import { scheduledJob } from './schedule.js';

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Every minute: running warranty extension campaigns, page by page from their cursors, throttled. */
export const handler = scheduledJob((at, budget) =>
  runCampaignJob({ campaigns: campaignDeps.campaigns, stores: campaignDeps.stores, now: () => new Date(), pace: pause, extensionsPerSecond: MAX_EXTENSIONS_PER_SECOND }, at, budget),
);
