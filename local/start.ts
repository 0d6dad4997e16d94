/**
 * `npm start`: the whole system on localhost. Options (environment):
 *   PORT=3000             where the API listens
 *   LOCAL_IN_MEMORY=1     keep DynamoDB in memory instead of .local/dynamodb
 *   TABLE_NAME=repairs    table name inside DynamoDB Local
 *   LOCAL_DATA_DIR=.local where DynamoDB's files, the photo bucket (s3/) and the demo store's key are kept, and where
 *                         endpoint.json tells `npm run store` where this stack's DynamoDB Local listens
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as z from 'zod';
import { removeLocalEndpoint, writeLocalEndpoint } from './dynamodb-local.js';
import { startLocalStack } from './stack.js';

const Options = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LOCAL_IN_MEMORY: z.enum(['0', '1', 'true', 'false']).default('0').transform((v) => v === '1' || v === 'true'),
  TABLE_NAME: z.string().min(1).default('repairs'),
  LOCAL_DATA_DIR: z.string().min(1).default('.local'),
});

/** Set once a signal asks to stop: what fails after that (a start-up request cut short) is no error. */
let stopping = false;

async function main() {
  const options = Options.parse(process.env);
  const dataDir = join(options.LOCAL_DATA_DIR, 'dynamodb');
  const demoFile = join(options.LOCAL_DATA_DIR, 'demo-store.json');
  const started = Date.now();
  const stack = await startLocalStack({
    port: options.PORT,
    dataDir: options.LOCAL_IN_MEMORY ? null : dataDir,
    photosDir: options.LOCAL_IN_MEMORY ? null : join(options.LOCAL_DATA_DIR, 's3'),
    tableName: options.TABLE_NAME,
  });

  // DynamoDB Local listens on a free port: scripts find it (and the table) through this file.
  writeLocalEndpoint(options.LOCAL_DATA_DIR, { pid: process.pid, url: stack.url, dynamoEndpoint: stack.dynamoEndpoint, tableName: stack.tableName });
  process.on('exit', () => removeLocalEndpoint(options.LOCAL_DATA_DIR, process.pid));

  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the API, the local S3 and DynamoDB Local…`);
    removeLocalEndpoint(options.LOCAL_DATA_DIR, process.pid);
    await stack.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  const demo = await demoStore(stack.url, options.LOCAL_IN_MEMORY ? null : demoFile);
  console.log(`
Repair tracking API running at ${stack.url}  (ready in ${Date.now() - started} ms)
  DynamoDB Local:  ${stack.dynamoEndpoint}  table ${stack.tableName}  (${options.LOCAL_IN_MEMORY ? 'in memory' : `data in ${dataDir}`})
  Local S3:        ${stack.photos.endpoint}  bucket ${stack.photos.bucket}  (s3rver; ${options.LOCAL_IN_MEMORY ? 'temporary folder' : `data in ${join(options.LOCAL_DATA_DIR, 's3')}`})
  OpenAPI:         ${stack.url}/v1/openapi.json

Demo store ${demo.storeId}
  API key:  ${demo.apiKey}

Try it:
  curl -s -X POST ${stack.url}/v1/repairs \\
    -H "Authorization: Bearer ${demo.apiKey}" -H "Content-Type: application/json" \\
    -d '{"channel":"walk_in","customer":{"name":"Asha Rao","phone":"+919812345678","language":"hi","smsOptIn":true},"device":{"brand":"OPPO","model":"A78"},"issue":{"category":"screen","description":"Cracked screen"}}'

Ctrl-C stops everything.`);
}

/** Reuses the demo store across restarts when data is kept; its key is only recoverable from the local file. */
async function demoStore(url: string, demoFile: string | null): Promise<{ storeId: string; apiKey: string }> {
  if (demoFile && existsSync(demoFile)) {
    const saved = JSON.parse(readFileSync(demoFile, 'utf8')) as { storeId: string; apiKey: string };
    const check = await fetch(`${url}/v1/repairs?limit=1`, { headers: { authorization: `Bearer ${saved.apiKey}` } });
    if (check.ok) return saved;
  }
  const response = await fetch(`${url}/_local/stores`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Demo Service Center, Bengaluru', country: 'IN', timezone: 'Asia/Kolkata' }),
  });
  if (response.status !== 201) throw new Error(`could not seed the demo store: ${response.status} ${await response.text()}`);
  const created = (await response.json()) as { storeId: string; apiKey: string };
  if (demoFile) {
    mkdirSync(dirname(demoFile), { recursive: true });
    writeFileSync(demoFile, JSON.stringify(created));
  }
  return created;
}

main().catch((error: unknown) => {
  if (stopping) return;
  console.error('npm start failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
