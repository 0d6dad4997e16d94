/**
 * `npm start` as a process: it comes up with its own DynamoDB Local, prints a usable API key,
 * serves an authenticated request, and on SIGINT exits 0 leaving no DynamoDB Local behind.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';

const ROOT = new URL('../../', import.meta.url).pathname;
const BANNER_TIMEOUT_MS = 60_000;

let child: ChildProcess | null = null;
let stdout = '';
let stderr = '';
let dynamoPort: number | null = null;

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

/** Resolves with stdout so far once `pattern` appears; rejects if the process exits or time runs out. */
function waitForOutput(proc: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const match = pattern.exec(stdout);
      if (match) {
        cleanup();
        resolve(match);
      }
    };
    const onExit = (code: number | null, signal: string | null) => {
      cleanup();
      reject(new Error(`npm start exited early (code ${code}, signal ${signal})\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`no match for ${pattern} within ${timeoutMs} ms\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    }, timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      proc.stdout?.off('data', check);
      proc.off('exit', onExit);
    };
    proc.stdout?.on('data', check);
    proc.once('exit', onExit);
    check();
  });
}

/** DynamoDB Local processes listening on `port`, from the process table. */
function dynamoLocalProcesses(port: number): string[] {
  const table = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return table.split('\n').filter((line) => /^\s*\d+ java /.test(line) && line.includes('DynamoDBLocal.jar') && new RegExp(`-port ${port}(\\s|$)`).test(line));
}

async function accepts(endpoint: string): Promise<boolean> {
  try {
    await fetch(endpoint, { signal: AbortSignal.timeout(2_000) });
    return true;
  } catch {
    return false;
  }
}

afterAll(async () => {
  // Never leave the server or its DynamoDB Local running, whatever happened above. The child leads
  // its own process group (detached), so the group signal reaches the java grandchild as well.
  if (child && child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
    const exited = once(child, 'exit');
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
    await exited;
  }
  // A DynamoDB Local the app failed to stop: end it by its pid.
  if (dynamoPort !== null) {
    for (const line of dynamoLocalProcesses(dynamoPort)) {
      try {
        process.kill(Number(line.trim().split(/\s+/)[0]), 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
});

test('npm start: banner with an API key, an authenticated request, clean exit on SIGINT', async () => {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), LOCAL_IN_MEMORY: '1', TABLE_NAME: 'repairs' };
  delete env.AWS_ENDPOINT_URL_DYNAMODB;
  delete env.TEST_DYNAMO_ENDPOINT;

  const proc = spawn('node_modules/.bin/tsx', ['local/start.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  child = proc;
  proc.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  proc.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.once('exit', (code, signal) => resolve({ code, signal })),
  );

  const keyMatch = await waitForOutput(proc, /API key:\s+(\S+)\s*\n/, BANNER_TIMEOUT_MS);
  const apiKey = keyMatch[1]!;
  expect(apiKey).toMatch(/^rt_[A-Za-z0-9_-]{20,}$/);
  expect(stdout).toContain(`http://127.0.0.1:${port}`);
  const dynamoMatch = /DynamoDB Local:\s+(http:\/\/127\.0\.0\.1:(\d+))/.exec(stdout);
  expect(dynamoMatch).not.toBeNull();
  const dynamoEndpoint = dynamoMatch![1]!;
  dynamoPort = Number(dynamoMatch![2]);
  expect(stdout).toContain('in memory');

  // Its own DynamoDB Local is up while the server runs.
  expect(dynamoLocalProcesses(dynamoPort)).toHaveLength(1);
  expect(await accepts(dynamoEndpoint)).toBe(true);

  const authed = await fetch(`http://127.0.0.1:${port}/v1/repairs`, { headers: { authorization: `Bearer ${apiKey}` } });
  expect(authed.status).toBe(200);
  expect(await authed.json()).toEqual({ items: [], nextCursor: null });
  const anonymous = await fetch(`http://127.0.0.1:${port}/v1/repairs`);
  expect(anonymous.status).toBe(401);
  await anonymous.arrayBuffer();

  // Ctrl-C as `kill -INT <pid>`: only the tsx process gets the signal, so stopping DynamoDB Local
  // is up to the app, not to a process-group-wide signal.
  proc.kill('SIGINT');
  const { code, signal } = await exited;
  expect({ code, signal }).toEqual({ code: 0, signal: null });
  expect(stdout).toContain('SIGINT: stopping');

  expect(dynamoLocalProcesses(dynamoPort)).toEqual([]);
  expect(await accepts(dynamoEndpoint)).toBe(false);
  expect(await accepts(`http://127.0.0.1:${port}/v1/openapi.json`)).toBe(false);
}, 90_000);
