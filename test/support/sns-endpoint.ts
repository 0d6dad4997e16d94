import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleSnsRequest, SmsInbox } from '../../local/sms-inbox.js';

/**
 * The local stack's SNS Publish endpoint on its own port, so tests exercise the real SNS adapter
 * over HTTP. Sets AWS_ENDPOINT_URL_SNS: start it before the notifier is imported.
 */
export async function startSnsEndpoint(): Promise<{ inbox: SmsInbox; stop(): Promise<void> }> {
  const inbox = new SmsInbox();
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const { status, xml } = handleSnsRequest(inbox, new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
    res.writeHead(status, { 'content-type': 'text/xml' });
    res.end(xml);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  process.env.AWS_ENDPOINT_URL_SNS = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    inbox,
    stop: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
