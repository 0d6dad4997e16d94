/**
 * `npm run bench`: every figure measured in one run, printed as one table.
 * `npm run bench -- bundles` (or routes, cost, jobs, sms) runs only the parts named;
 * BENCH_FUNCTIONS=<regex> narrows the bundle rows, BENCH_LOADS the fresh processes per bundle.
 * Bundles are built and loaded here; each other phase runs in a process of its own with its own
 * local stack (bench/phase.ts), one after the other so they never compete for the CPU.
 */
import { spawn } from 'node:child_process';
import { bundleRows } from './bundles.js';
import { printTable, ROWS_MARKER, type BenchRow } from './table.js';

const PHASES = ['routes', 'cost', 'jobs', 'sms', 'photos', 'network'] as const;
/** `npm run bench -- bundles routes` runs only those parts; none named: everything. */
const only = process.argv.slice(2);
const wanted = (name: string) => only.length === 0 || only.includes(name);

function runPhase(name: string): Promise<BenchRow[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/phase.ts', name], {
      // Functions run one invocation at a time, as standard Lambda runs them (local/invocation.ts).
      env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'ERROR', LOCAL_INVOCATION_CONTEXTS: 'off' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith(ROWS_MARKER));
      if (code !== 0 || !line) return reject(new Error(`bench phase ${name} failed (exit ${code})`));
      resolve(JSON.parse(line.slice(ROWS_MARKER.length)) as BenchRow[]);
    });
  });
}

async function main() {
  const started = Date.now();
  const rows: BenchRow[] = [];
  const timings: string[] = [];
  const timed = async (name: string, phase: () => Promise<BenchRow[]>) => {
    const t = Date.now();
    console.error(`bench: ${name}…`);
    rows.push(...(await phase()));
    timings.push(`${name} ${((Date.now() - t) / 1000).toFixed(0)} s`);
  };
  if (wanted('bundles')) await timed('bundles', bundleRows);
  for (const name of PHASES) if (wanted(name)) await timed(name, () => runPhase(name));
  printTable(rows);
  const missed = rows.filter((r) => r.ok === false);
  console.log(`\n${rows.filter((r) => r.ok !== undefined).length - missed.length} of ${rows.filter((r) => r.ok !== undefined).length} targets met${missed.length ? `; missed: ${missed.map((r) => `${r.section} ${r.item}`).join('; ')}` : ''}.`);
  console.log(`Ran in ${((Date.now() - started) / 1000).toFixed(0)} s (${timings.join(', ')}) on Node ${process.version}.`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
