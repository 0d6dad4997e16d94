/**
 * The README's `npm run store -- create …`, exactly as written, against a running `npm start`:
 * the script finds the stack's DynamoDB Local (on a port picked at start) through the endpoint
 * file the stack keeps, and the key it prints works on the API. With the stack stopped the
 * script says so instead of writing anywhere.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { freePort } from '../../local/dynamodb-local.js';
import { dynamoLocalProcesses, killDynamoLocal, onPort, phoneLinesInOutput, ROOT, spawnNpmStart, type NpmStart } from '../support/npm-start.js';

const run = promisify(execFile);
const STORE_ARGS = ['run', 'store', '--', 'create', '--name', 'OPPO Service Center Koramangala', '--country', 'IN', '--timezone', 'Asia/Kolkata'];

let started: NpmStart | null = null;
let dynamoPort: number | null = null;

afterAll(async () => {
  await started?.kill();
  if (dynamoPort !== null) killDynamoLocal(onPort(dynamoPort));
});

/** `npm run store -- create …` from a developer's shell: no AWS settings, only where npm start keeps its files. */
async function npmRunStore(dataDir: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, LOCAL_DATA_DIR: dataDir };
  for (const name of Object.keys(env)) if (name.startsWith('AWS_') || name === 'TABLE_NAME' || name === 'USAGE_PLAN_ID' || name === 'TEST_DYNAMO_ENDPOINT') delete env[name];
  try {
    const { stdout, stderr } = await run('npm', STORE_ARGS, { cwd: ROOT, env, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

test('npm run store -- create … against npm start prints one JSON line whose key the API accepts', async () => {
  const port = await freePort();
  const npmStart = (started = spawnNpmStart({ PORT: String(port), LOCAL_IN_MEMORY: '1' }));
  await npmStart.waitFor(/API key:\s+(\S+)\s*\n/);
  dynamoPort = Number(/DynamoDB Local:\s+http:\/\/127\.0\.0\.1:(\d+)/.exec(npmStart.stdout())![1]);
  expect(dynamoPort).not.toBe(8000);

  const created = await npmRunStore(npmStart.dataDir);
  expect(created).toMatchObject({ code: 0 });
  // npm echoes the command first; the script's own output is the one JSON line.
  const jsonLines = created.stdout.split('\n').filter((line) => line.startsWith('{'));
  expect(jsonLines).toHaveLength(1);
  const { storeId, apiKey } = JSON.parse(jsonLines[0]!) as { storeId: string; apiKey: string };
  expect(storeId).toMatch(/^store_/);
  expect(apiKey).toMatch(/^rt_[A-Za-z0-9_-]{20,}$/);

  const api = (path: string) => fetch(`http://127.0.0.1:${port}${path}`, { headers: { authorization: `Bearer ${apiKey}` } });
  const list = await api('/v1/repairs');
  expect(list.status).toBe(200);
  expect(await list.json()).toEqual({ items: [], nextCursor: null });
  const store = await api('/v1/store');
  expect(store.status).toBe(200);
  expect(await store.json()).toMatchObject({ id: storeId, name: 'OPPO Service Center Koramangala', country: 'IN', timezone: 'Asia/Kolkata' });

  npmStart.child.kill('SIGINT');
  expect(await npmStart.exited).toEqual({ code: 0, signal: null });
  expect(dynamoLocalProcesses(onPort(dynamoPort))).toEqual([]);

  // No stack running: a clear refusal, not a write to some other DynamoDB.
  const refused = await npmRunStore(npmStart.dataDir);
  expect(refused.code).toBe(1);
  expect(refused.stdout).not.toMatch(/^\{/m);
  expect(refused.stderr).toMatch(/No running local stack found .*npm start/);

  expect(phoneLinesInOutput(npmStart.stdout(), npmStart.stderr(), created.stdout, created.stderr)).toEqual([]);
}, 120_000);
