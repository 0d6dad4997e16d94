import { apiHandler } from '../../shared/http/api-handler.js';
import { QualityQuery } from '../../shared/schemas/metrics.js';
import { quality } from '../../shared/store/network-container.js';
import { modelQuality } from '../../shared/usecases/network-metrics.js';

export const handler = apiHandler({ query: QualityQuery }, async ({ query }) => ({ status: 200, body: await modelQuality(quality, query) }));
