import { apiHandler } from '../../shared/http/api-handler.js';
import { campaignView } from '../../shared/http/views.js';
import { WarrantyExtensionBody } from '../../shared/schemas/warranties.js';
import { campaignDeps } from '../../shared/store/network-container.js';
import { startCampaign } from '../../shared/usecases/warranty-campaigns.js';

/** 202: the campaign job (functions/jobs/campaigns.ts) pages through the warranties in the background. */
export const handler = apiHandler({ body: WarrantyExtensionBody }, async ({ body, actor }) => ({
  status: 202,
  body: campaignView(await startCampaign(campaignDeps, actor!, body)),
}));
