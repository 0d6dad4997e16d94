import { apiHandler } from '../../shared/http/api-handler.js';
import { stores } from '../../shared/store/container.js';
import { getStoreSettings } from '../../shared/usecases/store-settings.js';

export const handler = apiHandler({}, async ({ storeId }) => ({ status: 200, body: await getStoreSettings(stores, storeId) }));
