import * as z from 'zod';
import { NewStoreBody } from './store.js';
import { StoreSettingsPatch, StoreSettingsView } from './store-settings.js';

/** Onboarding: the settings PATCH /v1/store accepts, by the same rules, with name, country and time zone required. */
export const NetworkStoreBody = StoreSettingsPatch.extend({
  name: NewStoreBody.shape.name,
  country: NewStoreBody.shape.country,
  timezone: NewStoreBody.shape.timezone,
})
  .strict()
  .meta({ id: 'NetworkNewStore' });

export const NetworkStoreView = StoreSettingsView.extend({ state: z.enum(['active', 'suspended']) }).meta({ id: 'NetworkStore' });
export const NetworkStoreList = z.object({ items: z.array(NetworkStoreView), nextCursor: z.string().nullable() }).meta({ id: 'NetworkStoreList' });
export const CreatedStore = z.object({ store: NetworkStoreView, keyId: z.string(), apiKey: z.string() }).meta({ id: 'CreatedStore' });
