import { randomBytes } from 'node:crypto';
import { newId } from '../domain/ids.js';
import { withDefaults, type StoreSettings, type StoreSettingsInput } from '../domain/store-settings.js';
import { mintKey, type NewKey } from './access-keys.js';

export interface NewStore {
  name: string;
  country: string;
  timezone: string;
}

/** What creating a store needs beyond StoreRepository: the store and its first key land together (keys: access-keys.ts). */
export interface StoreKeyRepository {
  create(store: StoreSettings, firstKey: NewKey): Promise<void>;
}

/**
 * Where a store's usage key is registered so API Gateway meters and throttles the store: the
 * stage's usage plan on AWS (shared/gateway/api-gateway-usage-keys.ts), nowhere locally.
 */
export interface UsageKeyRegistry {
  register(store: Pick<StoreSettings, 'id' | 'name'>, usageKey: string): Promise<void>;
}

/** Locally and in tests there is no API Gateway: usage keys are generated and stored, never registered. */
export const noUsageKeyRegistry: UsageKeyRegistry = { register: async () => undefined };

/**
 * The store's key in the API Gateway usage plan: 256 random bits as 64 hex characters (API Gateway
 * wants at least 20). The store never sees it; the authorizer hands it to API Gateway per request.
 */
export function newUsageKey(): string {
  return randomBytes(32).toString('hex');
}

/**
 * Creates a store with built-in defaults and returns its API key, the only time it is ever visible.
 * The usage key is registered before anything is stored: a store never exists with a key API
 * Gateway does not know (all its requests would be refused with 403).
 */
export async function createStore(
  stores: Pick<StoreKeyRepository, 'create'>,
  input: NewStore | StoreSettingsInputWithoutId,
  usageKeys: UsageKeyRegistry = noUsageKeyRegistry,
  now: Date = new Date(),
): Promise<{ store: StoreSettings; apiKey: string; keyId: string }> {
  const store = withDefaults({ ...input, id: `store_${newId().toLowerCase()}` });
  const firstKey = mintKey('first key', now.toISOString());
  await usageKeys.register(store, firstKey.usageKey);
  await stores.create(store, firstKey);
  return { store, apiKey: firstKey.apiKey, keyId: firstKey.info.keyId };
}

type StoreSettingsInputWithoutId = Omit<StoreSettingsInput, 'id'>;
