/**
 * The README's bootstrap, `npm run network -- create-key …`, exactly as written, against a running
 * `npm start`: it prints one JSON line whose key HQ then onboards a store with; a bad scope is
 * refused naming the option, and nothing is written.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { dynamoLocalProcesses, killDynamoLocal, onPort, ROOT, spawnNpmStart, type NpmStart } from '../support/npm-start.js';
import { freePort } from '../../local/dynamodb-local.js';

const run = promisify(execFile);

let started: NpmStart | null = null;
let dynamoPort: number | null = null;

afterAll(async () => {
  await started?.kill();
  if (dynamoPort !== null) killDynamoLocal(onPort(dynamoPort));
});

async function npmRunNetwork(dataDir: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, LOCAL_DATA_DIR: dataDir };
  for (const name of Object.keys(env)) if (name.startsWith('AWS_') || name === 'TABLE_NAME' || name === 'USAGE_PLAN_ID' || name === 'TEST_DYNAMO_ENDPOINT') delete env[name];
  try {
    const { stdout, stderr } = await run('npm', ['run', 'network', '--', ...args], { cwd: ROOT, env, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

test('npm run network -- create-key … against npm start prints a key HQ onboards stores with', async () => {
  const port = await freePort();
  const npmStart = (started = spawnNpmStart({ PORT: String(port), LOCAL_IN_MEMORY: '1' }));
  await npmStart.waitFor(/API key:\s+(\S+)\s*\n/);
  dynamoPort = Number(/DynamoDB Local:\s+http:\/\/127\.0\.0\.1:(\d+)/.exec(npmStart.stdout())![1]);

  const created = await npmRunNetwork(npmStart.dataDir, ['create-key', '--label', 'HQ operations', '--scopes', 'stores:read,stores:write']);
  expect(created).toMatchObject({ code: 0 });
  const jsonLines = created.stdout.split('\n').filter((line) => line.startsWith('{'));
  expect(jsonLines).toHaveLength(1);
  const { keyId, apiKey } = JSON.parse(jsonLines[0]!) as { keyId: string; apiKey: string };
  expect(keyId).toMatch(/^key_/);
  expect(apiKey).toMatch(/^rt_[A-Za-z0-9_-]{20,}$/);

  const api = (method: string, path: string, body?: unknown) =>
    fetch(`http://127.0.0.1:${port}${path}`, {
      method,
      headers: { authorization: `Bearer ${apiKey}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
  const onboarded = await api('POST', '/v1/network/stores', { name: 'Whitefield', country: 'IN', timezone: 'Asia/Kolkata' });
  expect(onboarded.status).toBe(201);
  const { store } = (await onboarded.json()) as { store: { id: string } };
  expect(((await (await api('GET', '/v1/network/stores')).json()) as { items: { id: string }[] }).items.map((s) => s.id)).toContain(store.id);
  // Its scopes end there: the audit log needs audit:read.
  expect((await api('GET', '/v1/network/audit')).status).toBe(403);

  const refused = await npmRunNetwork(npmStart.dataDir, ['create-key', '--label', 'x', '--scopes', 'stores:read,root']);
  expect(refused.code).toBe(1);
  expect(refused.stdout).not.toMatch(/^\{/m);
  expect(refused.stderr).toMatch(/--scopes\.1/);

  npmStart.child.kill('SIGINT');
  expect(await npmStart.exited).toEqual({ code: 0, signal: null });
  expect(dynamoLocalProcesses(onPort(dynamoPort))).toEqual([]);
}, 120_000);
