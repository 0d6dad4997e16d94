import { NotFoundError } from '../domain/errors.js';
import type { StoreSettings } from '../domain/store-settings.js';
import type { StoreRepository } from './ports.js';

export type StorePatch = Partial<Omit<StoreSettings, 'id' | 'sla' | 'repairWarrantyDays'>> & {
  sla?: Partial<StoreSettings['sla']>;
  repairWarrantyDays?: Partial<StoreSettings['repairWarrantyDays']>;
};

export async function getStoreSettings(stores: StoreRepository, storeId: string): Promise<StoreSettings> {
  const store = await stores.get(storeId);
  if (!store) throw new NotFoundError('store', storeId);
  return store;
}

/** Top-level fields are replaced; the nested policies (sla, repairWarrantyDays, sms, contact) are merged field by field. */
export async function updateStoreSettings(stores: StoreRepository, storeId: string, patch: StorePatch): Promise<StoreSettings> {
  const current = await getStoreSettings(stores, storeId);
  const next: StoreSettings = {
    ...current,
    ...patch,
    id: current.id,
    sla: { ...current.sla, ...patch.sla },
    repairWarrantyDays: { ...current.repairWarrantyDays, ...patch.repairWarrantyDays },
    sms: { ...current.sms, ...patch.sms },
    contact: { ...current.contact, ...patch.contact },
  };
  await stores.save(next);
  return next;
}
