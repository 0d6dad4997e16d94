import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { addDays } from '../shared/domain/calendar.js';
import type { Warranty } from '../shared/domain/warranty.js';
import { keys } from '../shared/store/keys.js';
import { dayItem } from '../shared/store/metrics-repository.js';
import { TurnaroundHistogram } from '../shared/domain/turnaround-histogram.js';
import { sum } from './dynamo-recorder.js';
import { httpClient } from './http-client.js';
import { startBenchStack } from './local.js';
import type { BenchRow } from './table.js';

const STORES = 200;
const DAYS = 30;
const FROM = '2026-10-01';
const WARRANTIES = 5_000;

/**
 * The league table over 200 stores × 30 days (read units and latency, with 5 and then 50
 * completions a store-day: equal, a day item is one size however many it counts), and a
 * warranty extension campaign's throughput through the real job at its throttle, with the
 * projected wall time for 1 M warranties.
 */
export async function run(): Promise<BenchRow[]> {
  const bench = await startBenchStack();
  const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  const table = bench.stack.tableName;
  const write = async (items: Record<string, unknown>[]) => {
    for (let i = 0; i < items.length; i += 25) {
      await doc.send(new BatchWriteCommand({ RequestItems: { [table]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
    }
  };
  try {
    const key = (await bench.anon.expect(201, 'POST', '/_local/network-keys', { label: 'bench HQ', scopes: ['insights:read', 'warranties:write'] })).body as { apiKey: string };
    const hq = httpClient(bench.stack.url, key.apiKey);
    const storeIds = Array.from({ length: STORES }, (_, i) => `store_bench${String(i).padStart(4, '0')}`);
    await write(storeIds.map((id, i) => ({ ...keys.store(id), type: 'store', id, name: `Store ${i}`, country: 'IN', timezone: 'Asia/Kolkata', gsi1pk: keys.networkStores, gsi1sk: id })));
    const rows: BenchRow[] = [];
    const league = async (perDay: number) => {
      // Each day as the aggregator leaves it: its counters and its turnaround histogram.
      await write(storeIds.flatMap((storeId, s) => Array.from({ length: DAYS }, (_, d) => dayItem({
        storeId, day: addDays(FROM, d), counts: { opened: perDay, completed: perDay, slaEligible: perDay, slaMet: perDay - 1 },
        turnaround: TurnaroundHistogram.of(Array.from({ length: perDay }, (_, k) => 30 + ((s * 31 + d * 7 + k * 13) % 600))),
      }))));
      // One request first, unmeasured: the handler's first load and its key's cache are not the table's cost.
      await hq.expect(200, 'GET', `/v1/network/metrics?from=${FROM}&to=${addDays(FROM, DAYS - 1)}&sort=-slaMetPercent&limit=50`);
      bench.recorder.take();
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t = performance.now();
        await hq.expect(200, 'GET', `/v1/network/metrics?from=${FROM}&to=${addDays(FROM, DAYS - 1)}&sort=-slaMetPercent&limit=50`);
        times.push(performance.now() - t);
      }
      // The handler's own reads: the authorizer's key lookup (on a cache miss) is not the league table's cost.
      const calls = bench.recorder.take().calls.filter((c) => !c.authorizer);
      times.sort((a, b) => a - b);
      return { readUnits: sum(calls.map((c) => c.readUnits)) / 5, queries: calls.length / 5, p50: times[2]! };
    };
    const small = await league(5);
    const large = await league(50);
    rows.push(
      { section: 'network', item: `league table: ${STORES} stores × ${DAYS} days, 5 completions a store-day`, value: Math.round(small.readUnits), unit: 'RRU', note: `${small.queries} Queries; p50 ${small.p50.toFixed(0)} ms on DynamoDB Local` },
      {
        section: 'network',
        item: 'league table: the same, 50 completions a store-day',
        value: Math.round(large.readUnits),
        unit: 'RRU',
        baseline: Math.round(small.readUnits),
        target: 'equal',
        ok: large.readUnits === small.readUnits,
        note: `${large.queries} Queries; p50 ${large.p50.toFixed(0)} ms; a day's turnarounds are a fixed 226-byte histogram`,
      },
    );

    // A campaign over 5 000 warranties through the real job (its 200/s throttle).
    const { warrantyItem, firstWarrantyStep } = await import('../shared/store/items.js');
    const warranties: Warranty[] = Array.from({ length: WARRANTIES }, (_, i) => {
      const endsAt = addDays('2027-01-01', i % 60);
      return { id: `wr_BENCH${i}`, deviceId: `BENCHDEV${i}`, kind: 'repair', startsAt: addDays(endsAt, -89), endsAt, orderId: `O${i}`, storeId: storeIds[i % STORES]!, timezone: 'Asia/Kolkata', createdAt: '2026-10-01T00:00:00.000Z', model: 'A78' };
    });
    await write(warranties.map((w) => warrantyItem(w, firstWarrantyStep(w))));
    const started = (await hq.expect(202, 'POST', '/v1/network/warranty-extensions', { expiringFrom: '2027-01-01', expiringTo: '2027-03-01', days: 30, reason: 'bench' })).body as { id: string };
    const t = performance.now();
    let extended = 0;
    for (let run = 0; run < 20 && extended < WARRANTIES; run++) {
      await bench.anon.expect(200, 'POST', '/_local/schedules/campaigns/run', { time: new Date().toISOString() });
      extended = ((await hq.expect(200, 'GET', `/v1/network/warranty-extensions/${started.id}`)).body as { extended: number }).extended;
    }
    const seconds = (performance.now() - t) / 1000;
    const perSecond = extended / seconds;
    rows.push({
      section: 'network',
      item: `warranty campaign: ${WARRANTIES.toLocaleString('en')} warranties through the job`,
      value: Math.round(perSecond),
      unit: 'warranties/s',
      note: `${extended} extended in ${seconds.toFixed(1)} s (throttle 200/s); 1 M at this rate: ${(1_000_000 / perSecond / 3600).toFixed(1)} h`,
    });
    hq.close();
    return rows;
  } finally {
    doc.destroy();
    await bench.stop();
  }
}
