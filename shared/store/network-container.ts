import type { CampaignDeps } from '../usecases/warranty-campaigns.js';
import type { NetworkSettingsDeps } from '../usecases/network-settings.js';
import type { RdDeps } from '../usecases/rd-escalations.js';
import { cachedValue } from './cached-stores.js';
import { documentClient } from './client.js';
import { auditLog } from './access-container.js';
import { escalations, followUps, now, orders, stores, tableName } from './container.js';
import { DynamoNetworkSettingsRepository } from './network-settings-repository.js';
import { DynamoQualityRepository } from './quality-repository.js';
import { DynamoCampaignRepository } from './warranty-campaign-repository.js';

/*
 * The network insights and actions' adapters, apart from container.ts so that the functions that
 * do not use them (every store route, the customer page) do not bundle them. Built `@__PURE__` from
 * plain bindings, as container.ts explains, so each function keeps only those it uses.
 */

export const quality = /* @__PURE__ */ new DynamoQualityRepository(documentClient, tableName);

/**
 * How long a container keeps the network's settings: a change applies to escalations raised at
 * most this long after it (per warm container; one GetItem per container a minute otherwise).
 */
export const NETWORK_SETTINGS_CACHE_MS = 60_000;

export const networkSettings = /* @__PURE__ */ new DynamoNetworkSettingsRepository(documentClient, tableName);
const cachedSettings = /* @__PURE__ */ cachedValue(() => networkSettings.get(), NETWORK_SETTINGS_CACHE_MS);

/** The R&D tier: the store's escalations, its name for R&D's queue, the audit log for HQ's findings, the SLA setting. */
export const rdDeps: RdDeps = { followUps, escalations, orders, now, stores, audit: auditLog, settings: { get: cachedSettings } };

/** HQ's settings routes: read and changed uncached (a PATCH answers what is stored). */
export const networkSettingsDeps: NetworkSettingsDeps = { settings: networkSettings, audit: auditLog, now };

/** Warranty extension campaigns: the campaign items, store countries for the filter, the audit log. */
export const campaignDeps: CampaignDeps = { campaigns: /* @__PURE__ */ new DynamoCampaignRepository(documentClient, tableName), stores, audit: auditLog, now };
