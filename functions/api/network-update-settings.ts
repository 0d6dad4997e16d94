import { apiHandler } from '../../shared/http/api-handler.js';
import { NetworkSettingsPatchBody } from '../../shared/schemas/network.js';
import { networkSettingsDeps } from '../../shared/store/network-container.js';
import { updateNetworkSettings } from '../../shared/usecases/network-settings.js';

export const handler = apiHandler({ body: NetworkSettingsPatchBody }, async ({ body, actor }) => ({
  status: 200,
  body: await updateNetworkSettings(networkSettingsDeps, actor!, body),
}));
