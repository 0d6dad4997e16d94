import { apiHandler } from '../../shared/http/api-handler.js';
import { warrantyView } from '../../shared/http/views.js';
import { DeviceIdPath } from '../../shared/schemas/warranties.js';
import { warrantyDeps } from '../../shared/store/container.js';
import { warrantiesForDevice } from '../../shared/usecases/warranties.js';

export const handler = apiHandler({ path: DeviceIdPath }, async ({ path }) => {
  const items = await warrantiesForDevice(warrantyDeps, path.deviceId);
  return { status: 200, body: { items: items.map(warrantyView) } };
});
