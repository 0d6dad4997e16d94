/**
 * Runs one bench phase in a Node process of its own and prints its rows as one JSON line.
 * Each phase starts its own local stack: the handlers' module state (config, clients) is per
 * process, as it is per Lambda container, so phases cannot disturb one another.
 */
import { ROWS_MARKER, type BenchRow } from './table.js';

const PHASES: Record<string, () => Promise<{ run: () => Promise<BenchRow[]> }>> = {
  routes: () => import('./routes.js'),
  cost: () => import('./cost.js'),
  jobs: () => import('./jobs.js'),
  sms: () => import('./sms-latency.js'),
  photos: () => import('./photos.js'),
  network: () => import('./network.js'),
};

async function main() {
  process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
  const name = process.argv[2] ?? '';
  const phase = PHASES[name];
  if (!phase) throw new Error(`unknown bench phase "${name}"; phases: ${Object.keys(PHASES).join(', ')}`);
  const rows = await (await phase()).run();
  process.stdout.write(`${ROWS_MARKER}${JSON.stringify(rows)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
