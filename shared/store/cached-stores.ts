import type { StoreSettings } from '../domain/store-settings.js';
import type { StoreRepository } from '../usecases/ports.js';

/**
 * A read kept per container for `ttlMs`, by key: what changes rarely and is read on every request
 * (a store's settings for the customer page, the network's settings for R&D's SLA) costs one
 * read per container and key per `ttlMs`, and a change shows within `ttlMs` (like the
 * authorizer's cached answer). A failed read is not kept.
 */
export function cachedByKey<K, V>(read: (key: K) => Promise<V>, ttlMs: number, now: () => number = () => Date.now()): (key: K) => Promise<V> {
  const cache = new Map<K, { at: number; read: Promise<V> }>();
  return (key) => {
    const hit = cache.get(key);
    if (hit && now() - hit.at < ttlMs) return hit.read;
    const fresh = read(key);
    fresh.catch(() => cache.delete(key));
    cache.set(key, { at: now(), read: fresh });
    return fresh;
  };
}

/** One value (no key) through the cache. */
export function cachedValue<V>(read: () => Promise<V>, ttlMs: number, now: () => number = () => Date.now()): () => Promise<V> {
  const byKey = cachedByKey((_: 'value') => read(), ttlMs, now);
  return () => byKey('value');
}

/** Store settings through the cache, for the customer page: a view is then the link's GetItem and the order's Query. */
export function cachedStores(stores: StoreRepository, ttlMs: number, now: () => number = () => Date.now()): Pick<StoreRepository, 'get'> {
  return { get: cachedByKey((storeId: string) => stores.get(storeId), ttlMs, now) };
}
