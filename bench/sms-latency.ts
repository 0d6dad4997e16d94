import { randomUUID } from 'node:crypto';
import { startLocalStack } from '../local/stack.js';
import { percentile, type BenchRow } from './table.js';

/**
 * Time from a status change being acknowledged (HTTP 200) to its SMS appearing in the local
 * inbox: the stream poller's interval plus the notifier's own work.
 */
export async function smsLatency(samples = 40): Promise<BenchRow[]> {
  const stack = await startLocalStack({ port: 0, dataDir: null, tableName: `bench-${randomUUID()}` });
  try {
    const post = (path: string, body: unknown, key?: string) =>
      fetch(stack.url + path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(key && { authorization: `Bearer ${key}` }) },
        body: JSON.stringify(body),
      });
    const { apiKey } = (await (await post('/_local/stores', { name: 'Bench Store', country: 'IN', timezone: 'Asia/Kolkata' })).json()) as { apiKey: string };
    const latencies: number[] = [];
    for (let i = 0; i < samples; i++) {
      const phone = `+9198${String(10000000 + i)}`;
      const created = (await (
        await post('/v1/repairs', {
          channel: 'walk_in',
          customer: { name: 'Bench', phone, language: 'en', smsOptIn: true },
          device: { brand: 'OPPO', model: 'A78' },
          issue: { category: 'screen', description: 'bench' },
        }, apiKey)
      ).json()) as { id: string };
      await waitFor(() => stack.inbox.list(phone).length === 1);
      const start = performance.now();
      const moved = await post(`/v1/repairs/${created.id}/status`, { status: 'cancelled', reason: 'bench' }, apiKey);
      if (moved.status !== 200) throw new Error(`move failed: ${moved.status}`);
      await waitFor(() => stack.inbox.list(phone).length === 2);
      latencies.push(performance.now() - start);
    }
    return [
      { section: 'SMS', item: 'status change → local inbox p50', value: percentile(latencies, 50).toFixed(0), unit: 'ms', note: `${samples} changes, poller interval 200 ms` },
      { section: 'SMS', item: 'status change → local inbox p99', value: percentile(latencies, 99).toFixed(0), unit: 'ms', note: '' },
    ];
  } finally {
    await stack.stop();
  }
}

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out waiting for SMS');
    await new Promise((r) => setTimeout(r, 5));
  }
}
