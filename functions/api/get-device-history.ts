import { apiHandler } from '../../shared/http/api-handler.js';
import { DeviceHistoryQuery, DeviceIdPath } from '../../shared/schemas/warranties.js';
import { deviceHistory } from '../../shared/store/container.js';
import { deviceHistory as readDeviceHistory } from '../../shared/usecases/device-history.js';

const DEFAULT_LIMIT = 20;

export const handler = apiHandler({ path: DeviceIdPath, query: DeviceHistoryQuery }, async ({ path, query }) => ({
  status: 200,
  body: await readDeviceHistory(deviceHistory, { deviceId: path.deviceId, limit: query.limit ?? DEFAULT_LIMIT, cursor: query.cursor }),
}));
