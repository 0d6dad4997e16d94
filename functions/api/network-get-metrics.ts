import { apiHandler } from '../../shared/http/api-handler.js';
import { LeagueQuery } from '../../shared/schemas/metrics.js';
import { metrics } from '../../shared/store/container.js';
import { networkDeps } from '../../shared/store/access-container.js';
import { leagueTable } from '../../shared/usecases/network-metrics.js';

export const handler = apiHandler({ query: LeagueQuery }, async ({ query }) => ({
  status: 200,
  body: await leagueTable({ directory: networkDeps.directory, metrics }, { from: query.from, to: query.to, sort: query.sort, limit: query.limit ?? 50, cursor: query.cursor }),
}));
