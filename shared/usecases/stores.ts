import { hashApiKey, newApiKey } from '../domain/api-key.js';
import { newId } from '../domain/ids.js';
import { withDefaults, type StoreSettings } from '../domain/store-settings.js';
import type { StoreRepository } from './ports.js';

export interface NewStore {
  name: string;
  country: string;
  timezone: string;
}

/** Creates a store with built-in defaults and returns its API key, the only time it is ever visible. */
export async function createStore(stores: StoreRepository, input: NewStore): Promise<{ store: StoreSettings; apiKey: string }> {
  const store = withDefaults({ id: `store_${newId().toLowerCase()}`, ...input });
  const apiKey = newApiKey();
  await stores.create(store, hashApiKey(apiKey));
  return { store, apiKey };
}

/** The authorizer's question: which store does this key belong to? */
export function storeIdForApiKey(stores: StoreRepository, apiKey: string): Promise<string | null> {
  return stores.findStoreIdByApiKeyHash(hashApiKey(apiKey));
}
