/**
 * Durability: writes driven at `npm start` (data on disk), the stack's processes killed with
 * SIGKILL mid-way, a restart on the same data, and every write that had been acknowledged with a
 * 2xx is there. DynamoDB Local runs under its watchdog, which stops it with SIGTERM when the
 * stack dies, and no Java is left behind.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../local/dynamodb-local.js';
import { killDynamoLocal, phoneLinesInOutput, spawnNpmStart, waitUntilNoDynamoLocal, type NpmStart } from '../support/npm-start.js';

const dataDir = mkdtempSync(join(tmpdir(), 'repair-kill-'));
const stacks: NpmStart[] = [];
const onDataDir = (line: string) => line.includes(dataDir);

async function startStack(port: number): Promise<{ stack: NpmStart; apiKey: string }> {
  const stack = spawnNpmStart({ PORT: String(port), LOCAL_DATA_DIR: dataDir, LOCAL_IN_MEMORY: '0' });
  stacks.push(stack);
  const [, apiKey] = await stack.waitFor(/API key:\s+(\S+)/);
  return { stack, apiKey: apiKey! };
}

afterAll(async () => {
  for (const stack of stacks) await stack.kill();
  killDynamoLocal(onDataDir);
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
      await first.stack.kill();
    }
  };
  // 200 writes, 8 at a time; the kill lands in the middle of a wave.
  for (let i = 0; i < 200; i += 8) await Promise.all(Array.from({ length: 8 }, (_, j) => write(i + j)));

  expect(killed).toBe(true);
  expect(acknowledged.length).toBeGreaterThanOrEqual(100);
  expect(acknowledged.length).toBeLessThan(200);
  expect(await waitUntilNoDynamoLocal(onDataDir)).toEqual([]);

  const second = await startStack(port);
  expect(second.apiKey).toBe(first.apiKey); // the same store, from the same data
  const missing: string[] = [];
  for (const id of acknowledged) {
    const read = await fetch(`http://127.0.0.1:${port}/v1/repairs/${id}`, { headers: { authorization: `Bearer ${second.apiKey}` } });
    if (read.status !== 200) missing.push(id);
  }
  expect(missing).toEqual([]);

  second.stack.child.kill('SIGINT');
  expect(await second.stack.exited).toEqual({ code: 0, signal: null });
  expect(await waitUntilNoDynamoLocal(onDataDir)).toEqual([]);

  // Both runs logged every request (at DEBUG); no line either wrote holds a phone.
  for (const { stack } of [first, second]) {
    expect(stack.stdout()).toMatch(/"message":"request"/);
    expect(phoneLinesInOutput(stack.stdout(), stack.stderr())).toEqual([]);
  }
}, 180_000);
