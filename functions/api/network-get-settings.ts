import { apiHandler } from '../../shared/http/api-handler.js';
import { networkSettingsDeps } from '../../shared/store/network-container.js';
import { readNetworkSettings } from '../../shared/usecases/network-settings.js';

export const handler = apiHandler({}, async () => ({ status: 200, body: await readNetworkSettings(networkSettingsDeps) }));
