import { loadConfig } from '../config.js';
import type { FollowUpDeps } from '../usecases/follow-ups.js';
import type { RepairDeps } from '../usecases/repairs.js';
import type { CustomerPageDeps } from '../usecases/customer-page.js';
import { DynamoCustomerFeedbackRepository } from './customer-feedback-repository.js';
import { cachedStores } from './cached-stores.js';
import type { QuoteDeps } from '../usecases/quotes.js';
import { DynamoPriceRepository } from './price-repository.js';
import type { WarrantyDeps } from '../usecases/warranties.js';
import { documentClient } from './client.js';
import { DynamoCustomerDataRepository } from './customer-data-repository.js';
import { DynamoDeviceHistoryRepository } from './device-history-repository.js';
import { DynamoFollowUpRepository, escalationRepository } from './follow-up-repository.js';
import { DynamoMetricsRepository } from './metrics-repository.js';
import { DynamoOrderRepository } from './order-repository.js';
import { DynamoSmsLedger } from './sms-ledger.js';
import { DynamoStoreRepository } from './store-repository.js';
import { DynamoWarrantyRepository } from './warranty-repository.js';

/** Adapters wired once per container, at init: config is checked before the first request. */
export const config = loadConfig();

export const orders = new DynamoOrderRepository(documentClient, config.tableName);
export const stores = new DynamoStoreRepository(documentClient, config.tableName);
export const warranties = new DynamoWarrantyRepository(documentClient, config.tableName);
export const followUps = new DynamoFollowUpRepository(documentClient, config.tableName);
export const escalations = escalationRepository(followUps);
export const customerData = new DynamoCustomerDataRepository(documentClient, config.tableName);
export const deviceHistory = new DynamoDeviceHistoryRepository(documentClient, config.tableName);
export const metrics = new DynamoMetricsRepository(documentClient, config.tableName);
export const smsLedger = new DynamoSmsLedger(documentClient, config.tableName);
export const repairDeps: RepairDeps = { orders, stores, warranties, now: () => new Date() };
export const customerFeedback = new DynamoCustomerFeedbackRepository(documentClient, config.tableName);
/**
 * A page view reads the link and the order; the store's zone and contact come from a 60 s cache.
 * The photos come from shared/media/container.ts (only the page functions load S3).
 */
export const customerPageStoreDeps: Omit<CustomerPageDeps, 'photos'> = { ...repairDeps, feedback: customerFeedback, pageStores: cachedStores(stores, 60_000) };
export const prices = new DynamoPriceRepository(documentClient, config.tableName);
export const quoteDeps: QuoteDeps = { ...repairDeps, prices };
export const followUpDeps: FollowUpDeps = { followUps, escalations, orders, now: () => new Date() };
export const warrantyDeps: WarrantyDeps = { warranties, stores, now: () => new Date() };
