import { createStore } from '../../shared/usecases/stores.js';

/** Creates a store through the same use case the CLI and the local admin route use. */
export async function createTestStore(name = 'Test Store'): Promise<{ storeId: string; apiKey: string }> {
  const { stores } = await import('../../shared/store/container.js');
  const { store, apiKey } = await createStore(stores, { name, country: 'IN', timezone: 'Asia/Kolkata' });
  return { storeId: store.id, apiKey };
}
