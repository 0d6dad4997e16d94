import { loadConfig } from '../config.js';
import type { RepairDeps } from '../usecases/repairs.js';
import { documentClient } from './client.js';
import { DynamoOrderRepository } from './order-repository.js';
import { DynamoStoreRepository } from './store-repository.js';
import { DynamoSmsLedger } from './sms-ledger.js';

/** Adapters wired once per container, at init: config is checked before the first request. */
export const config = loadConfig();

export const orders = new DynamoOrderRepository(documentClient, config.tableName);
export const stores = new DynamoStoreRepository(documentClient, config.tableName);
export const repairDeps: RepairDeps = { orders, stores, now: () => new Date() };
export const smsLedger = new DynamoSmsLedger(documentClient, config.tableName);
