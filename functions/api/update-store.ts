import { apiHandler } from '../../shared/http/api-handler.js';
import { StoreSettingsPatch } from '../../shared/schemas/store-settings.js';
import { stores } from '../../shared/store/container.js';
import { updateStoreSettings } from '../../shared/usecases/store-settings.js';

export const handler = apiHandler({ body: StoreSettingsPatch }, async ({ storeId, body }) => ({
  status: 200,
  body: await updateStoreSettings(stores, storeId, body),
}));
