import { cachedStores } from '../../shared/store/cached-stores.js';
import { withDefaults, type StoreSettings } from '../../shared/domain/store-settings.js';
import type { StoreRepository } from '../../shared/usecases/ports.js';

test('the customer page reads a store once per minute, and again after a failed read', async () => {
  let reads = 0;
  let fail = false;
  const store = withDefaults({ id: 's1', name: 'OPPO Koramangala', country: 'IN', timezone: 'Asia/Kolkata' });
  const stores = {
    get: async (): Promise<StoreSettings | null> => {
      reads++;
      if (fail) throw new Error('throttled');
      return store;
    },
  } as unknown as StoreRepository;
  let clock = 0;
  const cached = cachedStores(stores, 60_000, () => clock);
  expect(await cached.get('s1')).toBe(store);
  clock = 59_999;
  await cached.get('s1');
  expect(reads).toBe(1);
  clock = 60_000;
  fail = true;
  await expect(cached.get('s1')).rejects.toThrow('throttled');
  fail = false;
  expect(await cached.get('s1')).toBe(store);
  expect(reads).toBe(3);
});
