import { loadConfig } from '../config.js';
import type { RepairDeps } from '../usecases/repairs.js';
import { documentClient } from './client.js';
import { DynamoOrderRepository } from './order-repository.js';
import { DynamoStoreRepository } from './store-repository.js';

/** Adapters wired once per container, at init: config is checked before the first request. */
const config = loadConfig();

export const orders = new DynamoOrderRepository(documentClient, config.tableName);
export const stores = new DynamoStoreRepository(documentClient, config.tableName);
export const repairDeps: RepairDeps = { orders, stores, now: () => new Date() };
