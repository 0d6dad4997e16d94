import { randomUUID } from 'node:crypto';
import { startLocalStack, type LocalStack } from '../../local/stack.js';

let stack: LocalStack;
let auth: Record<string, string>;

beforeAll(async () => {
  stack = await startLocalStack({ port: 0, dataDir: null, dynamoEndpoint: process.env.TEST_DYNAMO_ENDPOINT, tableName: `e2e-whatsapp-${randomUUID()}`, dropTableOnStop: true });
  const store = await post('/_local/stores', { name: 'OPPO Service Center Indiranagar', country: 'IN', timezone: 'Asia/Kolkata' });
  auth = { authorization: `Bearer ${((await store.json()) as { apiKey: string }).apiKey}` };
  const enabled = await fetch(`${stack.url}/v1/store`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', ...auth },
    body: JSON.stringify({ whatsapp: { phoneNumberId: 'phone-number-id-976c72a700aac43eaf573ae050a1b2c3' } }),
  });
  expect(enabled.status).toBe(200);
});
afterAll(() => stack.stop());

function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(stack.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

async function list<T>(path: string): Promise<T[]> {
  return ((await (await fetch(stack.url + path)).json()) as { items: T[] }).items;
}

/** Polls like a person refreshing the inbox, until `count` items or the deadline. */
async function waitFor<T>(path: string, count: number, deadlineMs: number): Promise<T[]> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    const items = await list<T>(path);
    if (items.length >= count || Date.now() > until) return items;
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function openAndComplete(phone: string) {
  const created = await post(
    '/v1/repairs',
    {
      channel: 'walk_in',
      customer: { name: 'Ravi Kumar', phone, language: 'ta', smsOptIn: true, whatsappOptIn: true },
      device: { brand: 'OPPO', model: 'A78', deviceId: '356938035649991' },
      issue: { category: 'screen', description: 'Cracked screen' },
    },
    auth,
  );
  expect(created.status).toBe(201);
  const order = (await created.json()) as { id: string; trackingCode: string };
  return {
    order,
    moveAll: async () => {
      for (const status of ['diagnosing', 'in_repair', 'quality_check', 'ready_for_pickup', 'completed']) {
        expect((await post(`/v1/repairs/${order.id}/status`, { status }, auth)).status).toBe(200);
      }
    },
  };
}

test('an opted-in customer follows the repair on WhatsApp: in the local WhatsApp inbox within 2 s, no SMS', async () => {
  const phone = '+919800011122';
  const started = Date.now();
  const { order, moveAll } = await openAndComplete(phone);
  const [first] = await waitFor<{ template: string; body: string }>(`/_local/whatsapp?to=${encodeURIComponent(phone)}`, 1, 2_000);
  const latencyMs = Date.now() - started;
  expect(first?.template).toBe('repair_received');
  expect(first?.body).toContain(order.trackingCode);
  expect(first?.body).toMatch(/[\u0B80-\u0BFF]/); // Tamil script
  console.log(`status change → local WhatsApp inbox: ${latencyMs} ms`);
  await moveAll();
  const messages = await waitFor<{ template: string }>(`/_local/whatsapp?to=${encodeURIComponent(phone)}`, 3, 5_000);
  expect(messages.map((m) => m.template)).toEqual(['repair_received', 'repair_ready_for_pickup', 'repair_completed']);
  await stack.drainStream();
  expect(await list(`/_local/sms?to=${encodeURIComponent(phone)}`)).toEqual([]);
  const page = await (await fetch(`${stack.url}/_local/inbox`)).text();
  expect(page).toContain('WhatsApp');
});

test('a number not on WhatsApp gets every update by SMS, once each', async () => {
  const phone = '+919800033344';
  expect((await post('/_local/whatsapp/unreachable', { phone })).status).toBe(201);
  const { order, moveAll } = await openAndComplete(phone);
  await moveAll();
  const sms = await waitFor<{ body: string }>(`/_local/sms?to=${encodeURIComponent(phone)}`, 3, 8_000);
  await stack.drainStream();
  // Settled: no late duplicate arrives after the three.
  const settled = await list<{ body: string }>(`/_local/sms?to=${encodeURIComponent(phone)}`);
  expect(settled).toHaveLength(3);
  // Every SMS carries the customer page link; the first one also the tracking code.
  expect(sms.every((m) => m.body.includes('/r/'))).toBe(true);
  expect(sms[0]!.body).toContain(order.trackingCode);
  expect(await list(`/_local/whatsapp?to=${encodeURIComponent(phone)}`)).toHaveLength(3);
  expect(stack.whatsapp.deadLetters).toEqual([]);
});

test('STOP on WhatsApp: later updates go by SMS', async () => {
  const phone = '+919800055566';
  const { moveAll } = await openAndComplete(phone);
  await waitFor(`/_local/whatsapp?to=${encodeURIComponent(phone)}`, 1, 2_000);
  expect((await post('/_local/whatsapp/inbound', { from: phone, text: 'STOP' })).status).toBe(202);
  await moveAll();
  const sms = await waitFor(`/_local/sms?to=${encodeURIComponent(phone)}`, 2, 5_000);
  expect(sms).toHaveLength(2);
  expect(await list(`/_local/whatsapp?to=${encodeURIComponent(phone)}`)).toHaveLength(1);
});
