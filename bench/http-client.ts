import { Agent, request } from 'node:http';

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
  /**
   * The round trip alone (performance.now() ms): from the request handed to the socket to the
   * response's last byte, without the client's own JSON encoding and parsing either side of it.
   */
  roundTripMs: number;
}

/**
 * A lean keep-alive client for the local stack: node:http rather than fetch, so the client's own
 * cost stays small in the measured round trip (a store's client would keep its connection too).
 */
export function httpClient(baseUrl: string, apiKey?: string) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  /**
   * Whether a successful reply keeps its body (an error's is always kept, for the message). The
   * bench turns it off for requests whose replies it drops: the client shares the stack's process,
   * and the socket chunks a kept body holds on to (external memory) pile up between young
   * collections until V8 runs a full mark-compact for them. The 108 KB document from a bare server:
   * 67-77 MB of buffers and 1-2 mark-compacts per 600 requests kept, 4-17 MB and none dropped; its
   * p99 in the routes bench, 3.2-5.0 ms before, 1.2-2.2 ms after (6 runs). A deployed client's
   * memory is not the functions' to pay for.
   */
  let keepBodies = true;
  const base = new URL(baseUrl);
  const send = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> =>
    new Promise((resolve, reject) => {
      // A form (the customer page's) goes as x-www-form-urlencoded; anything else as JSON.
      const form = body instanceof URLSearchParams;
      const payload = body === undefined ? undefined : form ? body.toString() : JSON.stringify(body);
      let sentAt = 0;
      const req = request(
        {
          agent,
          host: base.hostname,
          port: base.port,
          method,
          path,
          headers: {
            ...(apiKey && { authorization: `Bearer ${apiKey}` }),
            ...(payload !== undefined && { 'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json', 'content-length': Buffer.byteLength(payload) }),
            ...headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          const keep = keepBodies || (res.statusCode ?? 0) >= 400;
          res.on('data', (chunk: Buffer) => {
            if (keep) chunks.push(chunk);
          });
          res.on('end', () => {
            const roundTripMs = performance.now() - sentAt;
            const json = /json/.test(String(res.headers['content-type'] ?? ''));
            // Decoded and parsed only when read: a body nobody reads (most measured ones, the
            // 150 KB document) leaves no garbage for the collector to reclaim inside later requests.
            let body: unknown;
            let parsed = false;
            const reply = { status: res.statusCode ?? 0, headers: res.headers, roundTripMs } as Reply;
            Object.defineProperty(reply, 'body', {
              enumerable: true,
              get() {
                if (!parsed) {
                  const text = Buffer.concat(chunks).toString('utf8');
                  body = json && text ? JSON.parse(text) : text;
                  parsed = true;
                }
                return body;
              },
            });
            resolve(reply);
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      sentAt = performance.now();
      req.end(payload);
    });
  return {
    send,
    /** Like send, but any status other than `expected` is an error: a bench of failing calls measures nothing. */
    async expect(expected: number, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Reply> {
      const reply = await send(method, path, body, headers);
      if (reply.status !== expected) throw new Error(`${method} ${path}: expected ${expected}, got ${reply.status} ${JSON.stringify(reply.body)}`);
      return reply;
    },
    /** Runs `requests` with successful replies' bodies dropped as they arrive (their status and headers stay). */
    async withoutBodies<T>(requests: () => Promise<T>): Promise<T> {
      keepBodies = false;
      try {
        return await requests();
      } finally {
        keepBodies = true;
      }
    },
    close: () => agent.destroy(),
  };
}

export type HttpClient = ReturnType<typeof httpClient>;
