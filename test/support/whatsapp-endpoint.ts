import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WhatsAppEndpoint, type SocialMessagingEvent } from '../../local/whatsapp.js';

/**
 * The local End User Messaging Social on its own port, so tests exercise the real SDK client over
 * HTTP. Its events are kept for the test to deliver (once, twice, out of order) unless `deliver`
 * is given. Sets AWS_ENDPOINT_URL_SOCIALMESSAGING: start it before the handlers are imported.
 */
export async function startWhatsAppEndpoint(deliver?: (event: SocialMessagingEvent) => Promise<unknown>) {
  const endpoint = new WhatsAppEndpoint();
  const events: SocialMessagingEvent[] = [];
  endpoint.connect(deliver ?? (async (event) => void events.push(event)));
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const { status, json } = endpoint.handleSend(Buffer.concat(chunks).toString('utf8'));
    res.writeHead(status, { 'content-type': 'application/json', ...(status >= 400 && { 'x-amzn-errortype': (json as { __type: string }).__type }) });
    res.end(JSON.stringify(json));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  process.env.AWS_ENDPOINT_URL_SOCIALMESSAGING = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint,
    /** The events emitted so far (after the endpoint's short delay), taken out of the list. */
    async takeEvents(): Promise<SocialMessagingEvent[]> {
      await endpoint.settle();
      return events.splice(0);
    },
    stop: async () => {
      await endpoint.stop();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
