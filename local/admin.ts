import type { IncomingMessage, ServerResponse } from 'node:http';
import { toProblem } from '../shared/http/problem.js';
import { parseWith } from '../shared/http/request.js';
import { NewStoreBody } from '../shared/schemas/store.js';

/**
 * Local-only routes under /_local (never deployed): create a store and get its key, for demos
 * and tests. Loaded after the environment is set, like the handlers.
 */
export async function localAdmin() {
  const { stores } = await import('../shared/store/container.js');
  const { createStore } = await import('../shared/usecases/stores.js');

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const reply = (status: number, body: unknown, type = 'application/json') => {
      res.writeHead(status, { 'content-type': type });
      res.end(JSON.stringify(body));
    };
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (req.method === 'POST' && url.pathname === '/_local/stores') {
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        let json: unknown;
        try {
          json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          json = undefined;
        }
        const input = parseWith(NewStoreBody, json);
        const { store, apiKey } = await createStore(stores, input);
        return reply(201, { storeId: store.id, apiKey });
      }
      return reply(404, { type: 'about:blank', title: 'Not found', status: 404, detail: `No local route ${url.pathname}` }, 'application/problem+json');
    } catch (error) {
      const { response } = toProblem(error, req.url);
      res.writeHead(response.statusCode, response.headers as Record<string, string>);
      res.end(response.body);
    }
  };
}
