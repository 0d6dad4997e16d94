import { apiHandler } from '../../shared/http/api-handler.js';
import { trackingView } from '../../shared/http/views.js';
import { TrackPath, TrackQuery } from '../../shared/schemas/repair.js';
import { repairDeps } from '../../shared/store/container.js';
import { trackRepair } from '../../shared/usecases/repairs.js';

export const handler = apiHandler({ path: TrackPath, query: TrackQuery }, async ({ path, query }) => {
  const { order, history } = await trackRepair(repairDeps, path.trackingCode, query.phoneLast4);
  // Customers refresh this page; a short private cache spares the table without hiding a new status for long.
  return { status: 200, headers: { 'cache-control': 'private, max-age=30' }, body: trackingView(order, history) };
});
