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
/**
 * Every adapter below is built `@__PURE__` from plain bindings (never `config.tableName` inline: a
 * property read could run a getter, so esbuild would keep the construction and its whole module):
 * a function's bundle keeps only the adapters it uses, not every repository of the container.
 */
export const tableName = config.tableName;

export const orders = /* @__PURE__ */ new DynamoOrderRepository(documentClient, tableName);
export const stores = /* @__PURE__ */ new DynamoStoreRepository(documentClient, tableName);
export const warranties = /* @__PURE__ */ new DynamoWarrantyRepository(documentClient, tableName);
export const followUps = /* @__PURE__ */ new DynamoFollowUpRepository(documentClient, tableName);
export const escalations = /* @__PURE__ */ escalationRepository(followUps);
export const customerData = /* @__PURE__ */ new DynamoCustomerDataRepository(documentClient, tableName);
export const deviceHistory = /* @__PURE__ */ new DynamoDeviceHistoryRepository(documentClient, tableName);
export const metrics = /* @__PURE__ */ new DynamoMetricsRepository(documentClient, tableName);
export const smsLedger = /* @__PURE__ */ new DynamoSmsLedger(documentClient, tableName);
/** The clock every use case is given (one function, shared by the containers' deps). */
export const now = () => new Date();
/* Written out, not spread from repairDeps: esbuild keeps a spread (it could run a getter), and with it every member. */
export const repairDeps: RepairDeps = { orders, stores, warranties, now };
export const customerFeedback = /* @__PURE__ */ new DynamoCustomerFeedbackRepository(documentClient, tableName);
/**
 * A page view reads the link and the order; the store's zone and contact come from a 60 s cache.
 * The photos come from shared/media/container.ts (only the page functions load S3).
 */
export const customerPageStoreDeps: Omit<CustomerPageDeps, 'photos'> = {
  orders,
  stores,
  warranties,
  now,
  feedback: customerFeedback,
  pageStores: /* @__PURE__ */ cachedStores(stores, 60_000),
};
export const prices = /* @__PURE__ */ new DynamoPriceRepository(documentClient, tableName);
export const quoteDeps: QuoteDeps = { orders, stores, warranties, now, prices };
export const followUpDeps: FollowUpDeps = { followUps, escalations, orders, now };
export const warrantyDeps: WarrantyDeps = { warranties, stores, now };
