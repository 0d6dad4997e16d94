import { apiHandler } from '../../shared/http/api-handler.js';
import { campaignView } from '../../shared/http/views.js';
import { CampaignIdPath } from '../../shared/schemas/warranties.js';
import { campaignDeps } from '../../shared/store/network-container.js';
import { getCampaign } from '../../shared/usecases/warranty-campaigns.js';

export const handler = apiHandler({ path: CampaignIdPath }, async ({ path }) => ({ status: 200, body: campaignView(await getCampaign(campaignDeps, path.id)) }));
