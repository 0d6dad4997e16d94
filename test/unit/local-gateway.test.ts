import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayAuthorizerResult, APIGatewayProxyEvent } from 'aws-lambda';
import { apiGateway, compile } from '../../local/api-gateway.js';

/** The local API Gateway's own answers, with a stub route and authorizer: what it does before and around a handler. */
let server: Server;
let base: string;
let seen: APIGatewayProxyEvent | null = null;
const LARGE_BODY = JSON.stringify({ words: Array.from({ length: 4_000 }, (_, i) => `Zoë → ${i}`) });
let authorizerBehaviour: 'allow' | 'unauthorized' | 'crash' = 'allow';

beforeAll(async () => {
  const route = compile({ method: 'GET', path: '/v1/things/{id}', handler: 'stub', access: 'store', tableAccess: 'none' }, async (event) => {
    seen = event;
    return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{}' };
  });
  const authorizer = async (): Promise<APIGatewayAuthorizerResult> => {
    if (authorizerBehaviour === 'unauthorized') throw new Error('Unauthorized');
    if (authorizerBehaviour === 'crash') throw new Error('ProvisionedThroughputExceededException');
    return { principalId: 'store_1', context: { storeId: 'store_1' }, policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: '*' }] } };
  };
  const post = compile({ method: 'POST', path: '/v1/things', handler: 'stub', access: 'store', tableAccess: 'none' }, async (event) => {
    seen = event;
    return { statusCode: 201, headers: { 'content-type': 'application/json' }, body: '{}' };
  });
  const spec = compile({ method: 'GET', path: '/v1/spec.json', handler: 'stub', access: 'public', tableAccess: 'none' }, async () => ({
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Zoë Café' }),
  }));
  // A body of many TCP segments, with characters of two and three bytes.
  const large = compile({ method: 'GET', path: '/v1/large.json', handler: 'stub', access: 'public', tableAccess: 'none' }, async () => ({
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: LARGE_BODY,
  }));
  const handle = apiGateway({ routes: [route, post, spec, large], authorizer });
  server = createServer((req, res) => void handle(req, res));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const get = (path: string, auth = true) => fetch(base + path, { headers: auth ? { authorization: 'Bearer rt_test_key_123' } : {} });

test('a failing authorizer is a 503 problem with Retry-After, as the deployed gateway answers', async () => {
  authorizerBehaviour = 'crash';
  const response = await get('/v1/things/1');
  expect(response.status).toBe(503);
  expect(response.headers.get('retry-after')).toBe('1');
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  expect(await response.json()).toMatchObject({ status: 503, type: expect.stringMatching(/\/temporarily-unavailable$/) });
  authorizerBehaviour = 'allow';
});

test('no key and a refused key are 401 problems', async () => {
  expect((await get('/v1/things/1', false)).status).toBe(401);
  authorizerBehaviour = 'unauthorized';
  const refused = await get('/v1/things/1');
  authorizerBehaviour = 'allow';
  expect(refused.status).toBe(401);
  expect(((await refused.json()) as { status: number }).status).toBe(401);
});

test('the handler gets the authorizer context, path parameters and a prototype-free query', async () => {
  const response = await get('/v1/things/abc%20d?__proto__=x&constructor=y&a=1&a=2');
  expect(response.status).toBe(200);
  expect(seen?.pathParameters).toEqual({ id: 'abc d' });
  expect(seen?.requestContext.authorizer).toMatchObject({ storeId: 'store_1', principalId: 'store_1' });
  expect({ ...seen?.queryStringParameters }).toEqual({ ['__proto__']: 'x', constructor: 'y', a: '2' });
  expect(seen?.multiValueQueryStringParameters?.a).toEqual(['1', '2']);
});

test.each([
  ['/v1/nothing', 404],
  ['//evil/v1/things/1', 404],
  ['/v1/things/%E0%A4%A', 400],
])('%s → %i problem', async (path, status) => {
  const response = await get(path);
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
});

test("a literal segment matches only itself: '.' is a dot, not any character", async () => {
  expect((await get('/v1/spec.json', false)).status).toBe(200);
  const lookalike = await get('/v1/specXjson', false);
  expect(lookalike.status).toBe(404);
  expect(lookalike.headers.get('content-type')).toBe('application/problem+json');
});

test('answers carry Content-Length in bytes, not chunked framing, as API Gateway sends them', async () => {
  const response = await get('/v1/spec.json', false);
  const bytes = Buffer.from(await response.arrayBuffer());
  expect(bytes.toString('utf8')).toBe('{"name":"Zoë Café"}');
  expect(response.headers.get('content-length')).toBe(String(bytes.length));
  expect(bytes.length).toBeGreaterThan('{"name":"Zoë Café"}'.length); // é and ë are two bytes each
  expect(response.headers.get('transfer-encoding')).toBeNull();
});

test('a large text body arrives whole, its Content-Length in bytes', async () => {
  const response = await get('/v1/large.json', false);
  const bytes = Buffer.from(await response.arrayBuffer());
  expect(bytes.toString('utf8')).toBe(LARGE_BODY);
  expect(response.headers.get('content-length')).toBe(String(Buffer.byteLength(LARGE_BODY)));
  expect(response.headers.get('transfer-encoding')).toBeNull();
});

test('a request without a body reaches the function with body null; a chunked one with its whole body', async () => {
  await get('/v1/things/1');
  expect(seen?.body).toBeNull();
  const parts = ['{"a":', '"chunked', ' body"}'];
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const part of parts) controller.enqueue(new TextEncoder().encode(part));
      controller.close();
    },
  });
  const response = await fetch(`${base}/v1/things`, {
    method: 'POST',
    headers: { authorization: 'Bearer rt_test_key_123', 'content-type': 'application/json' },
    body: stream,
    duplex: 'half',
  } as RequestInit);
  expect(response.status).toBe(201);
  expect(seen?.headers['transfer-encoding']).toBe('chunked');
  expect(seen?.body).toBe(parts.join(''));
});

test('a known path with another method is 405', async () => {
  const response = await fetch(`${base}/v1/things/1`, { method: 'DELETE' });
  expect(response.status).toBe(405);
});

describe("bodies beyond Lambda's 6 MB never reach a function", () => {
  const MB = 1024 * 1024;
  const postBody = (bytes: number) =>
    fetch(`${base}/v1/things`, { method: 'POST', headers: { authorization: 'Bearer rt_test_key_123', 'content-type': 'application/json' }, body: 'x'.repeat(bytes) });

  test('6 MB + 1 byte → 413 payload-too-large problem+json, as the handlers answer any body over 64 KB', async () => {
    seen = null;
    const response = await postBody(6 * MB + 1);
    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toEqual({
      type: expect.stringMatching(/\/payload-too-large$/),
      title: 'Request too large',
      status: 413,
      detail: 'The body exceeds 64 KB',
    });
    expect(seen).toBeNull();
  });

  test('exactly 6 MB is handed to the function (whose own check answers for it)', async () => {
    seen = null;
    const response = await postBody(6 * MB);
    expect(response.status).toBe(201);
    expect((seen as APIGatewayProxyEvent | null)?.body).toHaveLength(6 * MB);
  });
});

test('an allowing decision is cached per key for the deployed TTL; another key, a refusal or an expired entry asks again', async () => {
  let clock = 1_000_000;
  const calls: string[] = [];
  let refuse = false;
  const authorizer = async (event: { authorizationToken: string }): Promise<APIGatewayAuthorizerResult> => {
    calls.push(event.authorizationToken);
    if (refuse) throw new Error('Unauthorized');
    return { principalId: 'store_9', context: { storeId: 'store_9' }, policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: '*' }] } };
  };
  const stores: string[] = [];
  const route = compile({ method: 'GET', path: '/v1/things/{id}', handler: 'stub', access: 'store', tableAccess: 'none' }, async (event) => {
    stores.push(String(event.requestContext.authorizer?.storeId));
    return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{}' };
  });
  const handle = apiGateway({ routes: [route], authorizer, now: () => clock });
  const cachedServer = createServer((req, res) => void handle(req, res));
  cachedServer.listen(0, '127.0.0.1');
  await once(cachedServer, 'listening');
  const url = `http://127.0.0.1:${(cachedServer.address() as AddressInfo).port}/v1/things/1`;
  const status = async (key: string) => (await fetch(url, { headers: { authorization: `Bearer ${key}` } })).status;
  try {
    expect([await status('rt_key_a'), await status('rt_key_a'), await status('rt_key_a')]).toEqual([200, 200, 200]);
    expect(calls).toEqual(['Bearer rt_key_a']);
    expect(stores).toEqual(['store_9', 'store_9', 'store_9']);

    refuse = true;
    expect(await status('rt_key_b')).toBe(401);
    expect(await status('rt_key_b')).toBe(401);
    expect(calls).toEqual(['Bearer rt_key_a', 'Bearer rt_key_b', 'Bearer rt_key_b']);

    expect(await status('rt_key_a')).toBe(200); // still inside its 300 s
    clock += 300_000;
    expect(await status('rt_key_a')).toBe(401); // expired: asked again, and now refused
    expect(calls).toHaveLength(4);
  } finally {
    await new Promise((resolve) => cachedServer.close(resolve));
  }
});
