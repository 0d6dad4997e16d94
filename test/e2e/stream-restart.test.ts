/**
 * A restarted local stack on persisted data resumes the stream where each consumer left off, as
 * the event source mapping does: the first batch after the restart carries the new change, not the
 * oldest of the day's records, and nothing old is texted again. The pollers here only move when
 * drained (a long poll interval), so "prompt" is counted in batches, not timed: without the
 * checkpoint the first batch after the restart would be 100 old records and no SMS.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../local/dynamodb-local.js';
import { startLocalStack, type LocalStack, type LocalStackOptions } from '../../local/stack.js';

const ORDERS = 40;
const phone = (i: number) => `+9198765${String(10_000 + i)}`;
const dataDir = mkdtempSync(join(tmpdir(), 'repair-stream-restart-'));
let stack: LocalStack | undefined;
let options: LocalStackOptions;

beforeAll(async () => {
  const dynamoEndpoint = process.env.TEST_DYNAMO_ENDPOINT;
  if (!dynamoEndpoint) throw new Error('TEST_DYNAMO_ENDPOINT is not set: run the tests through jest');
  process.env.POWERTOOLS_LOG_LEVEL = 'WARN';
  // The same port both times: the handlers (and their SNS client) load once per process, as per container.
  options = { port: await freePort(), dataDir, dynamoEndpoint, tableName: `e2e-restart-${randomUUID()}`, streamPollMs: 3_600_000, schedules: false };
});
afterAll(async () => {
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function send(method: string, path: string, body?: unknown, apiKey?: string) {
  const response = await fetch(`${stack!.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

/** An order whose "received" SMS goes to phone(i). */
const create = (i: number, apiKey: string) =>
  send('POST', '/v1/repairs', {
    channel: 'walk_in',
    customer: { name: `Customer ${i}`, phone: phone(i), language: 'en', smsOptIn: true },
    device: { brand: 'OPPO', model: 'A78' },
    issue: { category: 'screen', description: 'Cracked' },
  }, apiKey);

test('after a restart the first batch carries the new change; old changes are neither delivered nor texted again', async () => {
  stack = await startLocalStack(options);
  const { apiKey } = (await send('POST', '/_local/stores', { name: 'Koramangala Care', country: 'IN', timezone: 'Asia/Kolkata' })).body;
  for (let i = 0; i < ORDERS; i++) expect((await create(i, apiKey)).status).toBe(201);
  for (let i = 0; i < 10; i++) await stack.drainStream();
  expect(stack.inbox.list().length).toBe(ORDERS); // one "received" SMS per order
  await stack.stop();

  stack = await startLocalStack({ ...options, dropTableOnStop: true });
  expect(stack.inbox.list()).toEqual([]);
  const late = await create(ORDERS, apiKey);
  expect(late.status).toBe(201);

  await stack.drainStream(); // one batch per consumer
  expect(stack.inbox.list().map((sms) => sms.to)).toEqual([phone(ORDERS)]);
  for (let i = 0; i < 5; i++) await stack.drainStream();
  expect(stack.inbox.list().map((sms) => sms.to)).toEqual([phone(ORDERS)]);
}, 120_000);
