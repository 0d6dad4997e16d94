/**
 * Durability: writes driven at `npm start` (data on disk), the stack's processes killed with
 * SIGKILL mid-way, a restart on the same data, and every write that had been acknowledged with a
 * 2xx is there. DynamoDB Local runs under its watchdog, which stops it with SIGTERM when the
 * stack dies, and no Java is left behind.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../local/dynamodb-local.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const dataDir = mkdtempSync(join(tmpdir(), 'repair-kill-'));
const children: ChildProcess[] = [];

function javaProcessesOn(dir: string): string[] {
  return execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => /^\s*\d+ java /.test(line) && line.includes('DynamoDBLocal.jar') && line.includes(dir));
}

async function startStack(port: number): Promise<{ child: ChildProcess; apiKey: string }> {
  const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), ['local/start.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), LOCAL_DATA_DIR: dataDir, LOCAL_IN_MEMORY: '0', POWERTOOLS_LOG_LEVEL: 'ERROR' },
    // Its own process group, so the kill reaches every process of the stack at once.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 90_000;
  while (!/API key:\s+(\S+)/.test(output)) {
    if (child.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
    if (Date.now() > deadline) throw new Error(`npm start did not come up:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, apiKey: /API key:\s+(\S+)/.exec(output)![1]! };
}

async function waitUntilNoJava(dir: string): Promise<string[]> {
  const deadline = Date.now() + 30_000;
  while (javaProcessesOn(dir).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  return javaProcessesOn(dir);
}

async function killGroup(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  process.kill(-child.pid!, signal);
  await exited;
}

afterAll(async () => {
  for (const child of children) {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  rmSync(dataDir, { recursive: true, force: true });
});

test('every acknowledged write survives a kill of the whole stack', async () => {
  const port = await freePort();
  const first = await startStack(port);
  const acknowledged: string[] = [];
  let killed = false;
  const write = async (i: number) => {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/v1/repairs`, {
        method: 'POST',
        headers: { authorization: `Bearer ${first.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          channel: 'walk_in',
          customer: { name: `Customer ${i}`, phone: `+9198${String(20_000_000 + i)}`, language: 'en', smsOptIn: false },
          device: { brand: 'OPPO', model: 'A78' },
          issue: { category: 'battery', description: `write ${i}` },
        }),
      });
      if (response.status === 201) acknowledged.push(((await response.json()) as { id: string }).id);
    } catch {
      // Refused or cut off by the kill: never acknowledged, so nothing is promised about it.
    }
    if (!killed && acknowledged.length >= 100) {
      killed = true;
      await killGroup(first.child, 'SIGKILL');
    }
  };
  // 200 writes, 8 at a time; the kill lands in the middle of a wave.
  for (let i = 0; i < 200; i += 8) await Promise.all(Array.from({ length: 8 }, (_, j) => write(i + j)));

  expect(killed).toBe(true);
  expect(acknowledged.length).toBeGreaterThanOrEqual(100);
  expect(acknowledged.length).toBeLessThan(200);
  expect(await waitUntilNoJava(dataDir)).toEqual([]);

  const second = await startStack(port);
  expect(second.apiKey).toBe(first.apiKey); // the same store, from the same data
  const missing: string[] = [];
  for (const id of acknowledged) {
    const read = await fetch(`http://127.0.0.1:${port}/v1/repairs/${id}`, { headers: { authorization: `Bearer ${second.apiKey}` } });
    if (read.status !== 200) missing.push(id);
  }
  expect(missing).toEqual([]);

  await killGroup(second.child, 'SIGINT');
  expect(second.child.exitCode).toBe(0);
  expect(await waitUntilNoJava(dataDir)).toEqual([]);
});
