import type { StoreSettings } from '../domain/store-settings.js';
import type { StoreRepository } from '../usecases/ports.js';

/**
 * Store settings read through a short per-container cache, for the customer page: a page view is
 * then the link's GetItem and the order's Query, and a store's new contact details or time zone
 * show within `ttlMs` (like the authorizer's cached answer). Only reads are cached; a failed
 * read is not kept.
 */
export function cachedStores(stores: StoreRepository, ttlMs: number, now: () => number = Date.now): Pick<StoreRepository, 'get'> {
  const cache = new Map<string, { at: number; read: Promise<StoreSettings | null> }>();
  return {
    get(storeId) {
      const hit = cache.get(storeId);
      if (hit && now() - hit.at < ttlMs) return hit.read;
      const read = stores.get(storeId);
      read.catch(() => cache.delete(storeId));
      cache.set(storeId, { at: now(), read });
      return read;
    },
  };
}
