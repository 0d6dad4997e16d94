import type { IncomingMessage, ServerResponse } from 'node:http';
import { toProblem } from '../shared/http/problem.js';
import { parseWith } from '../shared/http/request.js';
import { NewStoreBody } from '../shared/schemas/store.js';
import { NewNetworkKeyBody } from '../shared/schemas/network.js';
import { PhoneE164 } from '../shared/schemas/common.js';
import * as z from 'zod';
import { handleSnsRequest, inboxPage, phoneFilter, type SmsInbox } from './sms-inbox.js';
import type { LocalScheduler } from './scheduler.js';
import type { WhatsAppEndpoint } from './whatsapp.js';
import { requestUrl } from './api-gateway.js';

const OptOutBody = z.object({ phone: PhoneE164 }).strict();
const InboundBody = z.object({ from: PhoneE164, text: z.string().min(1).max(4096) }).strict();
const RunBody = z.object({ time: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' }).optional() }).strict();
const FLUSH_ROUTE = /^\/_local\/apigateway\/restapis\/[^/]+\/stages\/[^/]+\/cache\/authorizers$/;
/** Who the audit log names for keys made through /_local. */
const LOCAL_OPERATOR = { keyId: 'local-admin', label: 'POST /_local/network-keys' };
const RUN_ROUTE = /^\/_local\/schedules\/([^/]+)\/run$/;

async function readText(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  try {
    return JSON.parse(await readText(req));
  } catch {
    return undefined;
  }
}

/**
 * Local-only routes under /_local (never deployed): stores and keys, the SNS endpoint the real
 * SMS adapter publishes to, and the SMS inbox. Loaded after the environment is set, like the handlers.
 */
export async function localAdmin(inbox: SmsInbox, scheduler: LocalScheduler, whatsapp: WhatsAppEndpoint, flushAuthorizerCache: () => void = () => undefined) {
  const { stores } = await import('../shared/store/container.js');
  const { networkDeps } = await import('../shared/store/gateway-container.js');
  const { createStore } = await import('../shared/usecases/stores.js');
  const { createNetworkKey } = await import('../shared/usecases/network.js');

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const reply = (status: number, body: string, type: string) => {
      res.writeHead(status, { 'content-type': type });
      res.end(body);
    };
    const json = (status: number, body: unknown) => reply(status, JSON.stringify(body), 'application/json');
    try {
      const url = requestUrl(req) ?? new URL('http://localhost/');
      const route = `${req.method} ${url.pathname.replace(/\/$/, '')}`;
      const run = req.method === 'POST' ? RUN_ROUTE.exec(url.pathname) : null;
      if (run) {
        const name = decodeURIComponent(run[1] ?? '');
        if (!scheduler.has(name)) {
          return reply(404, JSON.stringify({ type: 'about:blank', title: 'Not found', status: 404, detail: `No scheduled job ${name}; jobs: followups, warranty, sla` }), 'application/problem+json');
        }
        const text = await readText(req);
        let body: unknown = {};
        try {
          body = text.trim() ? JSON.parse(text) : {};
        } catch {
          body = undefined;
        }
        const { time } = parseWith(RunBody, body);
        // Answers only once the run has finished, with its summary.
        return json(200, await scheduler.run(name, time ? new Date(time) : new Date()));
      }
      // API Gateway's FlushStageAuthorizersCache (DELETE /restapis/{id}/stages/{stage}/cache/authorizers), sent by
      // the real SDK client of the key-changing functions (AWS_ENDPOINT_URL_API_GATEWAY): the local gateway's cache empties.
      if (req.method === 'DELETE' && FLUSH_ROUTE.test(url.pathname)) {
        await readText(req);
        flushAuthorizerCache();
        res.writeHead(202, { 'content-type': 'application/json' });
        res.end('{}');
        return;
      }
      switch (route) {
        case 'POST /_local/network-keys': {
          const { label, scopes } = parseWith(NewNetworkKeyBody, await readJson(req));
          return json(201, await createNetworkKey(networkDeps, LOCAL_OPERATOR, label, scopes));
        }
        case 'POST /_local/stores': {
          const { store, apiKey } = await createStore(stores, parseWith(NewStoreBody, await readJson(req)));
          return json(201, { storeId: store.id, apiKey });
        }
        case 'POST /_local/sns': {
          const { status, xml } = handleSnsRequest(inbox, new URLSearchParams(await readText(req)));
          return reply(status, xml, 'text/xml');
        }
        case 'GET /_local/sms': {
          const to = phoneFilter(url.searchParams.get('to'));
          return json(200, { items: inbox.list(to).map(({ id: _id, ...sms }) => sms) });
        }
        case 'POST /_local/socialmessaging/v1/whatsapp/send': {
          const { status, json: body } = whatsapp.handleSend(await readText(req));
          return json(status, body);
        }
        case 'GET /_local/whatsapp': {
          const to = phoneFilter(url.searchParams.get('to'));
          return json(200, { items: whatsapp.list(to).map(({ from: _from, button: _button, ...message }) => message) });
        }
        case 'POST /_local/whatsapp/unreachable': {
          const { phone } = parseWith(OptOutBody, await readJson(req));
          whatsapp.markUnreachable(phone);
          return json(201, { phone, onWhatsApp: false });
        }
        case 'POST /_local/whatsapp/inbound': {
          const { from, text } = parseWith(InboundBody, await readJson(req));
          // Answers once the events function has handled the message (a STOP is in force after this).
          await whatsapp.receive(from, text);
          return json(202, { from, received: true });
        }
        case 'GET /_local/alerts':
          return json(200, { items: inbox.alerts });
        case 'GET /_local/inbox':
          return reply(200, inboxPage(inbox.list(), whatsapp.list()), 'text/html; charset=utf-8');
        case 'POST /_local/sms/opt-outs': {
          const { phone } = parseWith(OptOutBody, await readJson(req));
          inbox.optOut(phone);
          return json(201, { phone, optedOut: true });
        }
        default:
          return reply(404, JSON.stringify({ type: 'about:blank', title: 'Not found', status: 404, detail: `No local route ${route}` }), 'application/problem+json');
      }
    } catch (error) {
      const { response } = toProblem(error, req.url);
      reply(response.statusCode, response.body, 'application/problem+json');
    }
  };
}
