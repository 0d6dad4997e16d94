import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LOCAL_AWS_ENV } from '../../../local/dynamodb-local.js';
import { createSnsSmsSender, PUBLISH_TIMEOUTS } from '../../../shared/notify/sns-sender.js';
import { CLAIM_LEASE_MS } from '../../../shared/store/sms-ledger.js';

/** An SNS endpoint that accepts every request and never answers: the worst a network can do. */
let server: Server;
let requests = 0;
const savedEnv = { ...process.env };

beforeAll(async () => {
  server = createServer(() => {
    requests++;
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  Object.assign(process.env, LOCAL_AWS_ENV, { AWS_ENDPOINT_URL_SNS: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
});

afterAll(async () => {
  process.env = savedEnv;
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  requests = 0;
});

const sms = { to: '+919812345678', text: 'test', attributes: {} };

test('a publish that gets no answer is given up after its attempts, each bounded by the request timeout', async () => {
  const sender = createSnsSmsSender({ connectionMs: 200, requestMs: 300, maxAttempts: 2, deadlineMs: 5_000 });
  const started = Date.now();
  await expect(sender.send(sms)).rejects.toThrow();
  expect(Date.now() - started).toBeLessThan(2_000);
  expect(requests).toBe(2);
});

test('the overall deadline stops the call even when one attempt could take longer', async () => {
  const sender = createSnsSmsSender({ connectionMs: 200, requestMs: 10_000, maxAttempts: 2, deadlineMs: 400 });
  const started = Date.now();
  await expect(sender.send(sms)).rejects.toThrow();
  expect(Date.now() - started).toBeLessThan(2_000);
  expect(requests).toBe(1);
});

test('the production bounds keep every publish inside the SMS claim lease', () => {
  const { connectionMs, requestMs, maxAttempts, deadlineMs } = PUBLISH_TIMEOUTS;
  expect((connectionMs + requestMs) * maxAttempts).toBeLessThanOrEqual(deadlineMs);
  // Room left in the lease for the opt-out read before and the marker write after the publish.
  expect(deadlineMs).toBeLessThanOrEqual(CLAIM_LEASE_MS - 5_000);
});
