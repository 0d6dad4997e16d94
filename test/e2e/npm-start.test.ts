/**
 * `npm start` as a process: it comes up with its own DynamoDB Local, prints a usable API key,
 * serves an authenticated request, and on SIGINT exits 0 leaving no DynamoDB Local behind; the
 * npm process itself, sent SIGTERM, leaves nothing behind either.
 * Nothing it writes, logs included, holds a phone number.
 */
import { freePort } from '../../local/dynamodb-local.js';
import { dynamoLocalProcesses, killDynamoLocal, onPort, phoneLinesInOutput, spawnNpmStart, waitUntilNoDynamoLocal, type NpmStart } from '../support/npm-start.js';

let started: NpmStart | null = null;
let dynamoPort: number | null = null;

async function accepts(endpoint: string): Promise<boolean> {
  try {
    await fetch(endpoint, { signal: AbortSignal.timeout(2_000) });
    return true;
  } catch {
    return false;
  }
}

afterEach(async () => {
  // Never leave the server or its DynamoDB Local running, whatever happened in the test.
  await started?.kill();
  if (dynamoPort !== null) killDynamoLocal(onPort(dynamoPort));
  started = null;
  dynamoPort = null;
});

test('npm start: banner with an API key, an authenticated request, clean exit on SIGINT', async () => {
  const port = await freePort();
  const npmStart = (started = spawnNpmStart({ PORT: String(port), LOCAL_IN_MEMORY: '1', TABLE_NAME: 'repairs' }));

  const keyMatch = await npmStart.waitFor(/API key:\s+(\S+)\s*\n/);
  const apiKey = keyMatch[1]!;
  expect(apiKey).toMatch(/^rt_[A-Za-z0-9_-]{20,}$/);
  const stdout = npmStart.stdout();
  expect(stdout).toContain(`http://127.0.0.1:${port}`);
  const dynamoMatch = /DynamoDB Local:\s+(http:\/\/127\.0\.0\.1:(\d+))/.exec(stdout);
  expect(dynamoMatch).not.toBeNull();
  const dynamoEndpoint = dynamoMatch![1]!;
  dynamoPort = Number(dynamoMatch![2]);
  expect(stdout).toContain('in memory');

  // Its own DynamoDB Local is up while the server runs.
  expect(dynamoLocalProcesses(onPort(dynamoPort))).toHaveLength(1);
  expect(await accepts(dynamoEndpoint)).toBe(true);

  const authed = await fetch(`http://127.0.0.1:${port}/v1/repairs`, { headers: { authorization: `Bearer ${apiKey}` } });
  expect(authed.status).toBe(200);
  expect(await authed.json()).toEqual({ items: [], nextCursor: null });
  const anonymous = await fetch(`http://127.0.0.1:${port}/v1/repairs`);
  expect(anonymous.status).toBe(401);
  await anonymous.arrayBuffer();

  // An order with a phone: the API, the stream and the notifier all handle (and log) it.
  const phone = '+919876500001';
  const created = await fetch(`http://127.0.0.1:${port}/v1/repairs`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      channel: 'walk_in',
      customer: { name: 'Asha Rao', phone, language: 'en', smsOptIn: true },
      device: { brand: 'OPPO', model: 'A78' },
      issue: { category: 'screen', description: 'Cracked screen' },
    }),
  });
  expect(created.status).toBe(201);
  await created.arrayBuffer();
  await npmStart.waitFor(/"message":"status change handled"/, 30_000);

  // Ctrl-C as `kill -INT <pid>`: only the tsx process gets the signal, so stopping DynamoDB Local
  // is up to the app, not to a process-group-wide signal.
  npmStart.child.kill('SIGINT');
  const { code, signal } = await npmStart.exited;
  expect({ code, signal }).toEqual({ code: 0, signal: null });
  expect(npmStart.stdout()).toContain('SIGINT: stopping');

  expect(dynamoLocalProcesses(onPort(dynamoPort))).toEqual([]);
  expect(await accepts(dynamoEndpoint)).toBe(false);
  expect(await accepts(`http://127.0.0.1:${port}/v1/openapi.json`)).toBe(false);

  // The handlers logged (at DEBUG) and none of it, nor anything else the process wrote, holds a phone.
  expect(npmStart.stdout()).toMatch(/"message":"request".*"status":201/);
  expect(phoneLinesInOutput(npmStart.stdout(), npmStart.stderr())).toEqual([]);
}, 90_000);

test('SIGTERM to the npm process alone (as a supervisor or CI stops it) stops everything it started, Java included', async () => {
  const port = await freePort();
  const npmStart = (started = spawnNpmStart({ PORT: String(port), LOCAL_IN_MEMORY: '1', TABLE_NAME: 'repairs' }, { viaNpm: true }));
  await npmStart.waitFor(/API key:\s+\S+\s*\n/);
  dynamoPort = Number(/DynamoDB Local:\s+http:\/\/127\.0\.0\.1:(\d+)/.exec(npmStart.stdout())![1]);
  expect(dynamoLocalProcesses(onPort(dynamoPort))).toHaveLength(1);

  // Only npm's own pid: npm hands the signal on, and nothing may be left orphaned below it.
  npmStart.child.kill('SIGTERM');
  await npmStart.exited;
  expect(await waitUntilNoDynamoLocal(onPort(dynamoPort))).toEqual([]);
  expect(await groupEnds(npmStart.child.pid!)).toBe(true);
  expect(await accepts(`http://127.0.0.1:${port}/v1/openapi.json`)).toBe(false);
  expect(npmStart.stdout()).toContain('SIGTERM: stopping');
  expect(npmStart.stderr()).not.toContain('npm start failed');
}, 90_000);

/** Whether every process of the group led by `pid` has ended (within a few seconds). */
async function groupEnds(pid: number): Promise<boolean> {
  for (let i = 0; i < 100; i++) {
    try {
      process.kill(-pid, 0);
    } catch {
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}
