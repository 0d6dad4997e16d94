import { apiHandler } from '../../shared/http/api-handler.js';
import { MetricsQuery } from '../../shared/schemas/metrics.js';
import { metrics } from '../../shared/store/container.js';
import { storeMetrics } from '../../shared/usecases/metrics.js';

export const handler = apiHandler({ query: MetricsQuery }, async ({ storeId, query }) => ({
  status: 200,
  body: await storeMetrics(metrics, storeId, query.from, query.to),
}));
