import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBStreamEvent, Context, S3Event } from 'aws-lambda';
import { apiGateway, lambdaContext, loadApi } from './api-gateway.js';
import { LOCAL_AWS_ENV, localDynamoClient, startDynamoLocal, type DynamoLocal } from './dynamodb-local.js';
import { dropTable, ensureTable } from './table.js';
import { localAdmin } from './admin.js';
import { SmsInbox } from './sms-inbox.js';
import { StreamPoller } from './stream-poller.js';
import { startS3Local, type S3Local } from './s3-local.js';
import { LocalScheduler } from './scheduler.js';
import { WhatsAppEndpoint, type SocialMessagingEvent } from './whatsapp.js';

export interface LocalStackOptions {
  /** 0 picks a free port. */
  port: number;
  /** Keep DynamoDB data here across restarts; null keeps it in memory. */
  dataDir: string | null;
  /** Use an already running DynamoDB Local instead of starting one (tests share one). */
  dynamoEndpoint?: string;
  tableName: string;
  /** How often the stream poller reads the table's stream. */
  streamPollMs?: number;
  /** Run the scheduled jobs on their timers (default true); they can always be run by hand. */
  schedules?: boolean;
  /** Delete the table on stop (tests sharing one DynamoDB Local leave nothing behind). */
  dropTableOnStop?: boolean;
  /** Keep the photo bucket's objects here across restarts; null or absent: a temporary folder. */
  photosDir?: string | null;
  /** 'auto': photo uploads are checked as their events come; 'on-drain': only on photos.drain() (the IAM test). */
  photoChecks?: 'auto' | 'on-drain';
  /** How long an API key's authorizer answer is reused (default: the deployed stage's TTL; 0: ask every time). */
  authorizerCacheTtlMs?: number;
  /** The base of the customer page links in SMS (default: this server's own URL). */
  publicBaseUrl?: string;
}

/** The ops topic locally: alerts published to it are readable at /_local/alerts. */
export const LOCAL_OPS_TOPIC_ARN = 'arn:aws:sns:ap-south-1:000000000000:repair-ops-local';

export interface LocalStack {
  url: string;
  dynamoEndpoint: string;
  tableName: string;
  inbox: SmsInbox;
  /** The local End User Messaging Social: WhatsApp messages sent, numbers not on WhatsApp. */
  whatsapp: WhatsAppEndpoint;
  /** The local S3 (s3rver) with the photo bucket; drain() waits for the photo checks of uploads so far. */
  photos: S3Local;
  /** Feeds everything on the stream so far to the notifier and waits for it and for the WhatsApp events it caused (tests, demos). */
  drainStream(): Promise<void>;
  stop(): Promise<void>;
}

type Handle = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * The whole system on one machine: DynamoDB Local with the shared table, the API served by the
 * very handlers Lambda runs, stream pollers feeding the real notifier and aggregator, and an SNS endpoint
 * whose SMS land in a readable inbox. The server listens first so its address can go into the
 * environment (SNS endpoint) before the handlers load, as Lambda's configuration precedes init.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  let dynamo: DynamoLocal | null = null;
  let photos: S3Local | null = null;
  const pollers: StreamPoller[] = [];
  let route: { api: Handle; admin: Handle } | null = null;
  let stopWhatsApp: () => Promise<void> = async () => undefined;
  const server: Server = createServer((req, res) => {
    const handle = !route ? notReady : req.url?.startsWith('/_local/') ? route.admin : route.api;
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/problem+json' });
      res.end(JSON.stringify({ type: 'about:blank', title: 'Local stack error', status: 500 }));
    });
  });
  // Clients keep a connection as API Gateway's do. Node's agent and fetch drop an idle connection a
  // second before the server's keep-alive hint: a hint of 1 s made every request open a new one.
  server.keepAliveTimeout = 10_000;
  // Requests Node's HTTP parser refuses (bad bytes, huge headers) still get a problem+json answer.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return socket.destroy();
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
    const body = JSON.stringify({ type: 'about:blank', title: status === 431 ? 'Request headers too large' : 'Bad request', status });
    socket.end(`HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}\r\ncontent-type: application/problem+json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
  });
  try {
    server.listen(options.port, '127.0.0.1');
    await once(server, 'listening');
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    if (!options.dynamoEndpoint) dynamo = await startDynamoLocal(options.dataDir ? { dataDir: options.dataDir } : {});
    const dynamoEndpoint = options.dynamoEndpoint ?? dynamo!.endpoint;
    // The real photo check, loaded at the first upload (after the environment below is set), as S3 invokes it.
    photos = await startS3Local({
      dataDir: options.photosDir ?? null,
      deliver: options.photoChecks ?? 'auto',
      onEvent: async (event) => {
        const { handler } = (await import('../functions/photo-check.js')) as { handler: (event: S3Event, context: Context) => Promise<void> };
        await handler(event, lambdaContext('photo-check'));
      },
    });
    Object.assign(process.env, LOCAL_AWS_ENV, {
      AWS_ENDPOINT_URL_DYNAMODB: dynamoEndpoint,
      AWS_ENDPOINT_URL_DYNAMODB_STREAMS: dynamoEndpoint,
      AWS_ENDPOINT_URL_SNS: `${url}/_local/sns`,
      AWS_ENDPOINT_URL_SOCIALMESSAGING: `${url}/_local/socialmessaging`,
      // Revocation and suspension flush the authorizer cache through the real SDK call; local/admin.ts answers it.
      AWS_ENDPOINT_URL_API_GATEWAY: `${url}/_local/apigateway`,
      API_ID: 'local',
      API_STAGE: 'local',
      AWS_ENDPOINT_URL_S3: photos.endpoint,
      TABLE_NAME: options.tableName,
      OPS_TOPIC_ARN: LOCAL_OPS_TOPIC_ARN,
      PHOTOS_BUCKET: photos.bucket,
      // The links in the local SMS open the page on this very server.
      PUBLIC_BASE_URL: options.publicBaseUrl ?? url,
    });

    const client = new DynamoDBClient({});
    await ensureTable(client, options.tableName);
    client.destroy();

    const inbox = new SmsInbox();
    const whatsapp = new WhatsAppEndpoint();
    type EventHandler = (event: SocialMessagingEvent, context: Context) => Promise<unknown>;
    const { handler: whatsappEvents } = (await import('../functions/whatsapp-events.js')) as { handler: EventHandler };
    whatsapp.connect((event) => whatsappEvents(event, lambdaContext('whatsapp-events')));
    stopWhatsApp = () => whatsapp.stop();
    // One poller per consumer, as Lambda has one event source mapping per function: each reads the
    // stream on its own and a failure in one never holds back the other.
    type StreamHandler = (event: DynamoDBStreamEvent, context: Context) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;
    for (const name of ['notifier', 'aggregator'] as const) {
      const { handler } = (await import(`../functions/${name}.js`)) as { handler: StreamHandler };
      // With persisted data, each consumer keeps its place on the stream: a restart handles only what it had not.
      const checkpointFile = options.dataDir ? join(options.dataDir, 'stream-checkpoints', `${options.tableName}.${name}.json`) : undefined;
      const consumer = new StreamPoller(options.tableName, handler, () => lambdaContext(name), options.streamPollMs ?? 200, undefined, undefined, checkpointFile);
      pollers.push(consumer);
      await consumer.start();
    }
    const scheduler = await LocalScheduler.load();
    if (options.schedules !== false) scheduler.start((job, error) => console.error(`scheduled ${job} failed:`, (error as Error).message));
    const api = apiGateway({ ...(await loadApi()), authorizerCacheTtlMs: options.authorizerCacheTtlMs });
    route = { api, admin: await localAdmin(inbox, scheduler, whatsapp, api.flushAuthorizerCache) };

    return {
      url,
      dynamoEndpoint,
      tableName: options.tableName,
      inbox,
      whatsapp,
      photos,
      drainStream: async () => {
        for (const consumer of pollers) await consumer.drain();
        await whatsapp.settle();
      },
      stop: async () => {
        await scheduler.stop();
        await whatsapp.stop();
        await Promise.all(pollers.map((consumer) => consumer.stop()));
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
        if (options.dropTableOnStop) {
          const admin = localDynamoClient(dynamoEndpoint);
          await dropTable(admin, options.tableName).finally(() => admin.destroy());
        }
        await photos?.stop();
        await dynamo?.stop();
      },
    };
  } catch (error) {
    await stopWhatsApp();
    await Promise.all(pollers.map((consumer) => consumer.stop()));
    server.close();
    await photos?.stop();
    await dynamo?.stop();
    throw error;
  }
}

async function notReady(_req: IncomingMessage, res: ServerResponse): Promise<void> {
  res.writeHead(503, { 'content-type': 'application/problem+json', 'retry-after': '1' });
  res.end(JSON.stringify({ type: 'about:blank', title: 'Starting', status: 503, detail: 'The local stack is still starting' }));
}
