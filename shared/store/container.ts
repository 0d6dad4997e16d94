import { loadConfig } from '../config.js';
import type { FollowUpDeps } from '../usecases/follow-ups.js';
import type { RepairDeps } from '../usecases/repairs.js';
import type { CustomerPageDeps } from '../usecases/customer-page.js';
import type { CustomerPhotos } from '../usecases/ports.js';
import { DynamoCustomerFeedbackRepository } from './customer-feedback-repository.js';
import { noCustomerPhotos } from './no-customer-photos.js';
import { cachedStores } from './cached-stores.js';
import type { QuoteDeps } from '../usecases/quotes.js';
import { DynamoPriceRepository } from './price-repository.js';
import type { WarrantyDeps } from '../usecases/warranties.js';
import { documentClient } from './client.js';
import { DynamoCustomerDataRepository } from './customer-data-repository.js';
import { DynamoDeviceHistoryRepository } from './device-history-repository.js';
import { DynamoFollowUpRepository, escalationRepository } from './follow-up-repository.js';
import { DynamoMetricsRepository } from './metrics-repository.js';
import { DynamoQualityRepository } from './quality-repository.js';
import { DynamoOrderRepository } from './order-repository.js';
import { DynamoSmsLedger } from './sms-ledger.js';
import { DynamoStoreRepository } from './store-repository.js';
import { DynamoKeyRepository } from './key-repository.js';
import { DynamoAuditLog, DynamoStoreDirectory } from './network-repository.js';
import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { apiGatewayAuthorizerCache } from '../gateway/authorizer-cache.js';
import { apiGatewayUsageKeysByPlanName } from '../gateway/api-gateway-usage-keys.js';
import { noAuthorizerCache, type KeyDeps } from '../usecases/access-keys.js';
import type { NetworkDeps } from '../usecases/network.js';
import type { RdDeps } from '../usecases/rd-escalations.js';
import type { CampaignDeps } from '../usecases/warranty-campaigns.js';
import { DynamoCampaignRepository } from './warranty-campaign-repository.js';
import { noUsageKeyRegistry } from '../usecases/stores.js';
import { DynamoWarrantyRepository } from './warranty-repository.js';

/** Adapters wired once per container, at init: config is checked before the first request. */
export const config = loadConfig();

export const orders = new DynamoOrderRepository(documentClient, config.tableName);
export const stores = new DynamoStoreRepository(documentClient, config.tableName);
export const keyRepository = new DynamoKeyRepository(documentClient, config.tableName);
export const warranties = new DynamoWarrantyRepository(documentClient, config.tableName);
export const followUps = new DynamoFollowUpRepository(documentClient, config.tableName);
export const escalations = escalationRepository(followUps);
export const customerData = new DynamoCustomerDataRepository(documentClient, config.tableName);
export const deviceHistory = new DynamoDeviceHistoryRepository(documentClient, config.tableName);
export const metrics = new DynamoMetricsRepository(documentClient, config.tableName);
export const quality = new DynamoQualityRepository(documentClient, config.tableName);
export const smsLedger = new DynamoSmsLedger(documentClient, config.tableName);
export const repairDeps: RepairDeps = { orders, stores, warranties, now: () => new Date() };
export const customerFeedback = new DynamoCustomerFeedbackRepository(documentClient, config.tableName);
/** The photos issue's S3 adapter takes this place; until then the page shows no photos. */
export const customerPhotos: CustomerPhotos = noCustomerPhotos;
/** A page view reads the link and the order; the store's zone and contact come from a 60 s cache. */
export const customerPageDeps: CustomerPageDeps = { ...repairDeps, feedback: customerFeedback, photos: customerPhotos, pageStores: cachedStores(stores, 60_000) };
export const prices = new DynamoPriceRepository(documentClient, config.tableName);
export const quoteDeps: QuoteDeps = { ...repairDeps, prices };
export const followUpDeps: FollowUpDeps = { followUps, escalations, orders, now: () => new Date() };
export const warrantyDeps: WarrantyDeps = { warranties, stores, now: () => new Date() };

/** Only functions that change keys are configured with the gateway (API_ID, USAGE_PLAN_NAME); the client exists only there. */
const gatewayClient = config.gateway || config.usagePlanName ? new APIGatewayClient({}) : undefined;
export const keyDeps: KeyDeps = {
  keys: keyRepository,
  cache: config.gateway && gatewayClient ? apiGatewayAuthorizerCache(config.gateway.apiId, config.gateway.stage, gatewayClient) : noAuthorizerCache,
  usageKeys: config.usagePlanName && gatewayClient ? apiGatewayUsageKeysByPlanName(config.usagePlanName, gatewayClient) : noUsageKeyRegistry,
  now: () => new Date(),
};
export const networkDeps: NetworkDeps = {
  ...keyDeps,
  stores,
  directory: new DynamoStoreDirectory(documentClient, config.tableName),
  audit: new DynamoAuditLog(documentClient, config.tableName),
};
/** The R&D tier: the store's escalations, its name for R&D's queue, and the audit log for HQ's findings. */
export const rdDeps: RdDeps = { ...followUpDeps, stores, audit: networkDeps.audit };
/** Warranty extension campaigns: the campaign items, store countries for the filter, the audit log. */
export const campaignDeps: CampaignDeps = { campaigns: new DynamoCampaignRepository(documentClient, config.tableName), stores, audit: networkDeps.audit, now: () => new Date() };
