import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { apiGateway, loadApi } from './api-gateway.js';
import { LOCAL_AWS_ENV, startDynamoLocal, type DynamoLocal } from './dynamodb-local.js';
import { ensureTable } from './table.js';
import { localAdmin } from './admin.js';

export interface LocalStackOptions {
  /** 0 picks a free port. */
  port: number;
  /** Keep DynamoDB data here across restarts; null keeps it in memory. */
  dataDir: string | null;
  /** Use an already running DynamoDB Local instead of starting one (tests share one). */
  dynamoEndpoint?: string;
  tableName: string;
}

export interface LocalStack {
  url: string;
  dynamoEndpoint: string;
  tableName: string;
  stop(): Promise<void>;
}

/**
 * The whole system on one machine: DynamoDB Local with the shared table, and the API served by
 * the very handlers Lambda runs. The environment is set before the handlers load, exactly as
 * Lambda's configuration is in place before init.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  let dynamo: DynamoLocal | null = null;
  let server: Server | null = null;
  try {
    if (!options.dynamoEndpoint) dynamo = await startDynamoLocal(options.dataDir ? { dataDir: options.dataDir } : {});
    const dynamoEndpoint = options.dynamoEndpoint ?? dynamo!.endpoint;
    Object.assign(process.env, LOCAL_AWS_ENV, { AWS_ENDPOINT_URL_DYNAMODB: dynamoEndpoint, TABLE_NAME: options.tableName });

    const client = new DynamoDBClient({});
    await ensureTable(client, options.tableName);
    client.destroy();

    const api = apiGateway(await loadApi());
    const admin = await localAdmin();
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const handle = req.url?.startsWith('/_local/') ? admin : api;
      handle(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/problem+json' });
        res.end(JSON.stringify({ type: 'about:blank', title: 'Local stack error', status: 500 }));
      });
    });
    server.keepAliveTimeout = 1_000;
    server.listen(options.port, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    const running = server;
    return {
      url: `http://127.0.0.1:${port}`,
      dynamoEndpoint,
      tableName: options.tableName,
      stop: async () => {
        running.closeAllConnections();
        await new Promise((resolve) => running.close(resolve));
        await dynamo?.stop();
      },
    };
  } catch (error) {
    server?.close();
    await dynamo?.stop();
    throw error;
  }
}
