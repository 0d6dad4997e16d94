/** `npm run bench`: every figure measured in one run, printed as one table. */
import { smsLatency } from './sms-latency.js';
import { printTable, type BenchRow } from './table.js';

async function main() {
  process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
  const rows: BenchRow[] = [];
  rows.push(...(await smsLatency()));
  printTable(rows);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
