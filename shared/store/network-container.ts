import type { CampaignDeps } from '../usecases/warranty-campaigns.js';
import type { RdDeps } from '../usecases/rd-escalations.js';
import { documentClient } from './client.js';
import { networkDeps } from './access-container.js';
import { config, followUpDeps, stores } from './container.js';
import { DynamoQualityRepository } from './quality-repository.js';
import { DynamoCampaignRepository } from './warranty-campaign-repository.js';

/*
 * The network insights and actions' adapters, apart from container.ts so that the functions that
 * do not use them (every store route, the customer page) do not bundle them.
 */

export const quality = new DynamoQualityRepository(documentClient, config.tableName);

/** The R&D tier: the store's escalations, its name for R&D's queue, and the audit log for HQ's findings. */
export const rdDeps: RdDeps = { ...followUpDeps, stores, audit: networkDeps.audit };

/** Warranty extension campaigns: the campaign items, store countries for the filter, the audit log. */
export const campaignDeps: CampaignDeps = { campaigns: new DynamoCampaignRepository(documentClient, config.tableName), stores, audit: networkDeps.audit, now: () => new Date() };
