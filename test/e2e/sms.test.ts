import { randomUUID } from 'node:crypto';
import { startLocalStack, type LocalStack } from '../../local/stack.js';

let stack: LocalStack;
let apiKey: string;

beforeAll(async () => {
  stack = await startLocalStack({ port: 0, dataDir: null, dynamoEndpoint: process.env.TEST_DYNAMO_ENDPOINT, tableName: `e2e-sms-${randomUUID()}`, dropTableOnStop: true });
  const store = await post('/_local/stores', { name: 'Tbilisi Mobile Care', country: 'GE', timezone: 'Asia/Tbilisi' });
  apiKey = ((await store.json()) as { apiKey: string }).apiKey;
});
afterAll(() => stack.stop());

function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(stack.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

interface Inbox {
  items: { to: string; body: string; attributes: Record<string, string>; segments: number; encoding: string; at: string }[];
}

/** Polls the local inbox the way a person refreshing it would, up to a deadline. */
async function waitForSms(phone: string, count: number, deadlineMs: number): Promise<Inbox['items']> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    const inbox = (await (await fetch(`${stack.url}/_local/sms?to=${encodeURIComponent(phone)}`)).json()) as Inbox;
    if (inbox.items.length >= count || Date.now() > until) return inbox.items;
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('a repair moved to ready_for_pickup shows its SMS in the local inbox within 5 s, in Georgian', async () => {
  const phone = '+995599123456';
  const auth = { authorization: `Bearer ${apiKey}` };
  const created = await post(
    '/v1/repairs',
    {
      channel: 'walk_in',
      customer: { name: 'Nino Beridze', phone, language: 'ka', smsOptIn: true },
      device: { brand: 'OPPO', model: 'Reno 12' },
      issue: { category: 'battery', description: 'Battery drains in two hours' },
    },
    auth,
  );
  expect(created.status).toBe(201);
  const order = (await created.json()) as { id: string; trackingCode: string };
  for (const status of ['diagnosing', 'in_repair', 'quality_check', 'ready_for_pickup']) {
    expect((await post(`/v1/repairs/${order.id}/status`, { status }, auth)).status).toBe(200);
  }

  const items = await waitForSms(phone, 2, 5_000);

  expect(items.map((sms) => sms.to)).toEqual([phone, phone]);
  const [received, ready] = items;
  expect(received?.body).toContain(order.trackingCode);
  // Every SMS ends with the customer page link on this very stack (PUBLIC_BASE_URL).
  const link = new RegExp(`${stack.url.replace(/[.]/g, '\\.')}/r/[A-Za-z0-9_-]{22}$`);
  expect(received?.body).toMatch(link);
  expect(ready?.body).toMatch(link);
  expect(ready?.body).toMatch(/[\u10D0-\u10FF]/); // Georgian script
  expect(ready?.encoding).toBe('UCS-2');
  expect(ready?.attributes['AWS.SNS.SMS.SMSType']).toBe('Transactional');

  // The README's `?to=+91…` typed as is: the unencoded '+' arrives as a space and still matches.
  const unencoded = (await (await fetch(`${stack.url}/_local/sms?to=${phone}`)).json()) as Inbox;
  expect(unencoded.items.map((sms) => sms.body)).toEqual(items.map((sms) => sms.body));
  const otherNumber = (await (await fetch(`${stack.url}/_local/sms?to=+995599000000`)).json()) as Inbox;
  expect(otherNumber.items).toEqual([]);

  const page = await fetch(`${stack.url}/_local/inbox`);
  expect(page.headers.get('content-type')).toContain('text/html');
  const html = await page.text();
  expect(html).toContain(order.trackingCode);
  // The link is clickable on the inbox page.
  expect(html).toContain(`<a href="${link.exec(ready?.body ?? '')?.[0]}">`);
});
