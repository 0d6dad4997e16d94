import { sortLeague, summarize, type DayAggregate, type LeagueSort, type StoreMetrics } from '../domain/metrics.js';
import type { NetworkStoreDirectory } from './network.js';
import type { MetricsRepository, QualityRepository } from './ports.js';
import { addDays } from '../domain/calendar.js';
import { summarizeQuality, type QualityRow } from '../domain/quality.js';
import { checkPeriod } from './metrics.js';
import { InvalidCursorError } from './ports.js';

export interface LeagueDeps {
  directory: NetworkStoreDirectory;
  metrics: Pick<MetricsRepository, 'days'>;
}

export interface LeagueQuery {
  from: string;
  to: string;
  sort: LeagueSort;
  limit: number;
  cursor?: string | undefined;
}

export type LeagueRow = { storeId: string; storeName: string } & Omit<StoreMetrics, 'from' | 'to'>;

export interface LeagueTable {
  from: string;
  to: string;
  network: Omit<StoreMetrics, 'from' | 'to'>;
  stores: LeagueRow[];
  nextCursor: string | null;
}

/** Stores read at once: enough to hide latency, few enough not to burst a partition's neighbours. */
const STORE_READ_CONCURRENCY = 16;
const DIRECTORY_PAGE = 100;

/**
 * Every store's KPIs for the period and the network's. Reads one directory Query per 100 stores and
 * one Query per store over its day items: the cost grows with stores × days, never with orders.
 * The network's medians and percentiles come from the merged per-day turnaround samples of every
 * store (summarize over all days), never from averaging the stores' medians. The whole table is
 * computed for each page (a sort needs every store); the cursor is the position in that order.
 */
export async function leagueTable(deps: LeagueDeps, query: LeagueQuery): Promise<LeagueTable> {
  checkPeriod(query.from, query.to);
  const offset = query.cursor ? cursorOffset(query.cursor) : 0;
  const stores: { id: string; name: string }[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.directory.list({ limit: DIRECTORY_PAGE, cursor });
    stores.push(...page.items.map(({ id, name }) => ({ id, name })));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);

  const daysByStore: DayAggregate[][] = await inParallel(stores, (store) => deps.metrics.days(store.id, query.from, query.to));
  const rows = stores.map((store, i) => ({ storeId: store.id, storeName: store.name, metrics: summarize(query.from, query.to, daysByStore[i]!) }));
  const sorted = sortLeague(rows, query.sort);
  const page = sorted.slice(offset, offset + query.limit);
  const { from: _f, to: _t, ...network } = summarize(query.from, query.to, daysByStore.flat());
  return {
    from: query.from,
    to: query.to,
    network,
    stores: page.map(({ storeId, storeName, metrics: { from: _a, to: _b, ...kpis } }) => ({ storeId, storeName, ...kpis })),
    nextCursor: offset + query.limit < sorted.length ? Buffer.from(`league:${offset + query.limit}`).toString('base64url') : null,
  };
}

function cursorOffset(cursor: string): number {
  const match = /^league:(\d{1,7})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw new InvalidCursorError();
  return Number(match[1]);
}

/**
 * Model quality for the period: one Query per network day (at most 366), of one model when given.
 * Eventually consistent: the aggregator adds each completion and rework seconds after it happens.
 */
export async function modelQuality(quality: Pick<QualityRepository, 'day'>, query: { from: string; to: string; model?: string | undefined }): Promise<{ items: QualityRow[] }> {
  checkPeriod(query.from, query.to);
  const days: string[] = [];
  for (let day = query.from; day <= query.to; day = addDays(day, 1)) days.push(day);
  const read = await inParallel(days, (day) => quality.day(day, query.model));
  return { items: summarizeQuality(read.flat()) };
}

/** `work` over every input, at most STORE_READ_CONCURRENCY at once, results in input order. */
async function inParallel<I, O>(inputs: I[], work: (input: I) => Promise<O>): Promise<O[]> {
  const results: O[] = new Array(inputs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(STORE_READ_CONCURRENCY, inputs.length) }, async () => {
      while (next < inputs.length) {
        const i = next++;
        results[i] = await work(inputs[i]!);
      }
    }),
  );
  return results;
}
