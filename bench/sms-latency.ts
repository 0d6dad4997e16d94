import { LANGUAGES } from '../shared/domain/vocabulary.js';
import { countSegments } from '../shared/notify/segments.js';
import { renderSms, SMS_TEMPLATE_KEYS } from '../shared/notify/templates.js';
import { realisticSmsValues, SMS_BUDGET } from '../test/fixtures/sms.js';
import { benchPhone, startBenchStack } from './local.js';
import { percentile, type BenchRow } from './table.js';

const SAMPLES = 40;
const POLL_MS = 200;

export async function run(): Promise<BenchRow[]> {
  return [...(await smsLatency()), ...segmentRows()];
}

/**
 * Time from a status change being acknowledged (HTTP 200) to its SMS appearing in the local
 * inbox: the stream poller's interval (as `npm start` runs it) plus the notifier's own work.
 */
async function smsLatency(): Promise<BenchRow[]> {
  const { api, stack, stop } = await startBenchStack({ streamPollMs: POLL_MS });
  try {
    const latencies: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const phone = benchPhone(i);
      const created = await api.expect(201, 'POST', '/v1/repairs', {
        channel: 'walk_in',
        customer: { name: 'Bench', phone, language: 'en', smsOptIn: true },
        device: { brand: 'OPPO', model: 'A78' },
        issue: { category: 'screen', description: 'bench' },
      });
      await waitFor(() => stack.inbox.list(phone).length === 1);
      const start = performance.now();
      await api.expect(200, 'POST', `/v1/repairs/${created.body.id}/status`, { status: 'cancelled', reason: 'bench' });
      await waitFor(() => stack.inbox.list(phone).length === 2);
      latencies.push(performance.now() - start);
    }
    const row = (p: number): BenchRow => ({
      section: 'SMS',
      item: `status change → local inbox p${p}`,
      value: percentile(latencies, p),
      unit: 'ms',
      note: p === 50 ? `${SAMPLES} changes, stream polled every ${POLL_MS} ms as npm start does` : '',
    });
    return [row(50), row(99)];
  } finally {
    await stop();
  }
}

/** Segments of every template in every language with realistic values, in its worst month. */
function segmentRows(): BenchRow[] {
  return LANGUAGES.map((language) => {
    const counts = SMS_TEMPLATE_KEYS.map((key) => {
      const worst = Array.from({ length: 12 }, (_, m) => countSegments(renderSms(key, language, realisticSmsValues(m + 1)).text)).sort(
        (a, b) => b.units - a.units,
      )[0]!;
      return { key, ...worst };
    });
    const budget = language === 'en' ? SMS_BUDGET.en.maxSegments : SMS_BUDGET.other.maxSegments;
    const most = Math.max(...counts.map((c) => c.segments));
    return {
      section: 'SMS segments',
      item: `${language} (${counts[0]!.encoding}), most of ${SMS_TEMPLATE_KEYS.length} templates`,
      value: most,
      unit: 'segments',
      target: `≤ ${budget}`,
      ok: most <= budget,
      note: counts.map((c) => `${c.key} ${c.segments}`).join(' · '),
    };
  });
}

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out waiting for SMS');
    await new Promise((r) => setTimeout(r, 5));
  }
}
