import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { build, type Metafile } from 'esbuild';
import { API_ROUTES } from '../functions/routes.js';
import { SCHEDULED_JOBS } from '../functions/schedules.js';
import { esbuildOptions, REPO_ROOT, runtimeFilesOf } from '../infra/constructs/base-function.js';
import { median, type BenchRow } from './table.js';

/** Every function's, as in the infra test (the customer page's words are files beside its bundle, one language read a request). */
const BUDGET_KB = 250;
/** Fresh Node processes per bundle, each right after one of its bare twin's; the medians are compared. */
const LOADS = Number(process.env.BENCH_LOADS ?? 9);
/**
 * A function that loads in under this many ms gets 3× the loads: a few ms of the machine's jitter
 * is a tenth of its load (GET /track's ratio moved 1.17–1.28× between runs of 9), and its loads
 * cost next to nothing.
 */
const FAST_LOAD_MS = 50;
/** A function's module load may take at most this multiple of its bare twin's. */
const COLD_RATIO_TARGET = 1.25;
const run = promisify(execFile);

/** Every Lambda entry point the CDK app deploys (BENCH_FUNCTIONS=<regex> keeps those whose name matches). */
const ENTRIES = [
  ...API_ROUTES.map((r) => ({ name: `${r.method} ${r.path}`, entry: `functions/api/${r.handler}.ts` })),
  { name: 'authorizer', entry: 'functions/authorizer.ts' },
  { name: 'notifier (stream)', entry: 'functions/notifier.ts' },
  { name: 'aggregator (stream)', entry: 'functions/aggregator.ts' },
  ...SCHEDULED_JOBS.map((j) => ({ name: `job ${j.name}`, entry: `functions/jobs/${j.handler}.ts` })),
].filter((fn) => new RegExp(process.env.BENCH_FUNCTIONS ?? '').test(fn.name));

/**
 * What a bare handler builds for each package of the twin's kind a function uses: the client of
 * each AWS SDK package it imports — the least any function doing the same AWS calls would load —
 * and the logger, when the function has one: every function writes its structured log lines with
 * Powertools (one logger, a project rule), so a function that makes no AWS call at all (the
 * lookup form) is compared with a handler that can log, not with an empty module no real
 * function can be. A package missing here stops the bench, so a new dependency is never compared
 * with nothing.
 */
const BARE_CLIENTS: Record<string, { imports: string; init: string }> = {
  '@aws-lambda-powertools/logger': { imports: "import { Logger } from '@aws-lambda-powertools/logger';", init: 'const logger = new Logger();' },
  '@aws-sdk/client-dynamodb': { imports: "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';", init: 'const dynamo = new DynamoDBClient({});' },
  '@aws-sdk/lib-dynamodb': { imports: "import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';", init: 'const documents = DynamoDBDocumentClient.from(dynamo);' },
  '@aws-sdk/util-dynamodb': { imports: "import { unmarshall } from '@aws-sdk/util-dynamodb';", init: 'const decode = unmarshall;' },
  '@aws-sdk/client-sns': { imports: "import { SNSClient } from '@aws-sdk/client-sns';", init: 'const sns = new SNSClient({});' },
  '@aws-sdk/client-socialmessaging': { imports: "import { SocialMessagingClient } from '@aws-sdk/client-socialmessaging';", init: 'const whatsapp = new SocialMessagingClient({});' },
  '@aws-sdk/client-api-gateway': { imports: "import { APIGatewayClient } from '@aws-sdk/client-api-gateway';", init: 'const gateway = new APIGatewayClient({});' },
  '@aws-sdk/client-s3': { imports: "import { S3Client } from '@aws-sdk/client-s3';", init: 'const s3 = new S3Client({});' },
  '@aws-sdk/s3-presigned-post': { imports: "import { createPresignedPost } from '@aws-sdk/s3-presigned-post';", init: 'const presignPost = createPresignedPost;' },
  '@aws-sdk/s3-request-presigner': { imports: "import { getSignedUrl } from '@aws-sdk/s3-request-presigner';", init: 'const presignGet = getSignedUrl;' },
};
const ORDER = Object.keys(BARE_CLIENTS);

/**
 * Per function: the minified bundle and the CPU time a fresh Node process takes to import it (the
 * cold start's init: module load, config parse, SDK clients built), next to a bare handler that
 * only builds the SDK clients (and the logger) the function imports. Bundles go under .local/ so the SDK, which
 * Lambda's runtime provides, resolves from node_modules as it would from the runtime.
 */
export async function bundleRows(): Promise<BenchRow[]> {
  const dir = join(REPO_ROOT, '.local', 'bench-bundles');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const rows: BenchRow[] = [];
  try {
    const bare = new Map<string, { file: string; kb: number }>();
    const built: { name: string; file: string; kb: number; sdk: string[]; bare: { file: string; kb: number } }[] = [];
    for (const [i, fn] of ENTRIES.entries()) {
      const outfile = join(dir, `fn${i}`, 'index.mjs');
      const { metafile } = await build({ ...esbuildOptions(outfile), entryPoints: [join(REPO_ROOT, fn.entry)] });
      copyRuntimeFiles(outfile);
      const sdk = sdkPackages(metafile!);
      const key = sdk.join(' ') || 'none';
      if (!bare.has(key)) bare.set(key, await bareHandler(dir, bare.size, sdk));
      built.push({ name: fn.name, file: outfile, kb: statSync(outfile).size / 1024, sdk, bare: bare.get(key)! });
    }
    // Interleaved: each round loads every function and, right after, its bare twin, so a burst of
    // load on the (shared) machine lands on both sides of a comparison instead of on one row.
    // Each function's bare samples are its own (taken beside it), even where functions share a twin.
    const times = new Map<string, number[]>();
    const record = (key: string, ms: number) => times.set(key, [...(times.get(key) ?? []), ms]);
    const rounds = async (fns: typeof built, count: number) => {
      for (let round = 0; round < count; round++) {
        for (const fn of fns) {
          record(fn.name, await loadOnce(fn.file));
          record(`${fn.name} (bare)`, await loadOnce(fn.bare.file));
        }
      }
    };
    await rounds(built, LOADS);
    await rounds(built.filter((fn) => median(times.get(fn.name)!) < FAST_LOAD_MS), 2 * LOADS);
    for (const fn of built) {
      const loadMs = median(times.get(fn.name)!);
      const bareMs = median(times.get(`${fn.name} (bare)`)!);
      const ratio = loadMs / bareMs;
      rows.push(
        { section: 'bundle', item: fn.name, value: fn.kb, baseline: fn.bare.kb, unit: 'KB', target: `≤ ${BUDGET_KB}`, ok: fn.kb <= BUDGET_KB, note: `bare: ${fn.sdk.map((p) => p.replace('@aws-sdk/', '').replace('@aws-lambda-powertools/', 'powertools ')).join(', ') || 'nothing'}` },
        {
          section: 'cold load',
          item: fn.name,
          value: loadMs,
          baseline: bareMs,
          unit: 'ms',
          target: `≤ ${COLD_RATIO_TARGET}× bare`,
          ok: ratio <= COLD_RATIO_TARGET,
          note: `${ratio.toFixed(2)}× (Δ ${(loadMs - bareMs).toFixed(1)} ms); CPU time of the import, medians of ${times.get(fn.name)!.length} fresh processes interleaved with the bare twin`,
        },
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  // Sizes first, then load times: each block reads as one comparison.
  return [...rows.filter((r) => r.section === 'bundle'), ...rows.filter((r) => r.section === 'cold load')];
}

/** The files the bundle reads at run time go beside it, as the CDK's bundling puts them (infra/constructs/base-function.ts). */
function copyRuntimeFiles(outfile: string): void {
  for (const path of runtimeFilesOf(readFileSync(outfile, 'utf8'))) {
    const target = join(dirname(outfile), path);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(join(REPO_ROOT, path), target);
  }
}

/** The AWS SDK packages the bundle imports from the runtime (left external), and the logger when it bundles it. */
function sdkPackages(metafile: Metafile): string[] {
  const imports = Object.values(metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path));
  const packages = new Set(imports.filter((p) => p.startsWith('@aws-sdk/')).map((p) => p.split('/').slice(0, 2).join('/')));
  if (Object.keys(metafile.inputs).some((path) => path.includes('node_modules/@aws-lambda-powertools/logger/'))) packages.add('@aws-lambda-powertools/logger');
  for (const p of packages) if (!BARE_CLIENTS[p]) throw new Error(`bench: no bare client for ${p}; add one to BARE_CLIENTS`);
  // The document client needs the DynamoDB client it wraps.
  if (packages.has('@aws-sdk/lib-dynamodb')) packages.add('@aws-sdk/client-dynamodb');
  return [...packages].sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b));
}

async function bareHandler(dir: string, n: number, sdk: string[]): Promise<{ file: string; kb: number }> {
  const source = join(dir, `bare${n}.mjs`);
  const clients = sdk.map((p) => BARE_CLIENTS[p]!);
  const names = clients.map((c) => /const (\w+)/.exec(c.init)![1]);
  writeFileSync(
    source,
    [...clients.map((c) => c.imports), ...clients.map((c) => c.init), `export const handler = async () => [${names.join(', ')}].length;`].join('\n'),
  );
  const outfile = join(dir, `bare${n}`, 'index.mjs');
  await build({ ...esbuildOptions(outfile), entryPoints: [source] });
  return { file: outfile, kb: statSync(outfile).size / 1024 };
}

/**
 * The CPU time (user + system, every thread of the process) one fresh Node process spends importing
 * the bundle, with the environment Lambda gives it. CPU rather than wall time: on a machine shared
 * with other work, wall time mostly measures the wait for a core; the CPU time is the work the
 * import does, which on a Lambda core of its own is what its init takes.
 */
export async function loadOnce(file: string, nodeArgs: string[] = []): Promise<number> {
  const script = `const c = process.cpuUsage(); await import(${JSON.stringify(`file://${file}`)}); const u = process.cpuUsage(c); console.log((u.user + u.system) / 1000);`;
  const env = {
    ...process.env,
    TABLE_NAME: 'bench',
    OPS_TOPIC_ARN: 'arn:aws:sns:ap-south-1:000000000000:bench-ops',
    // The photo functions stop at init without their bucket, as deployed (usePhotos sets it there).
    PHOTOS_BUCKET: 'repair-api-bench-photos',
    AWS_REGION: 'ap-south-1',
    POWERTOOLS_SERVICE_NAME: 'repair-api',
    NODE_OPTIONS: '--enable-source-maps',
  };
  const { stdout } = await run(process.execPath, [...nodeArgs, '--input-type=module', '-e', script], { env, cwd: REPO_ROOT });
  return Number(stdout.trim());
}
