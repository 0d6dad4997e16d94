import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import S3rver from 's3rver';
import type { S3Event } from 'aws-lambda';
import { LOCAL_AWS_ENV } from './dynamodb-local.js';

/**
 * s3rver checks signed requests against its own key registry (only S3RVER/S3RVER by default): the
 * local stack's credentials join it, so the handlers sign as they do everywhere else.
 */
const { DUMMY_ACCOUNT } = createRequire(import.meta.url)('s3rver/lib/models/account.js') as { DUMMY_ACCOUNT: { createKeyPair(id: string, secret: string): void } };
DUMMY_ACCOUNT.createKeyPair(LOCAL_AWS_ENV.AWS_ACCESS_KEY_ID, LOCAL_AWS_ENV.AWS_SECRET_ACCESS_KEY);

/** The bucket the local stack and the tests create in s3rver; the deployed one is named by CDK. */
export const LOCAL_PHOTOS_BUCKET = 'repair-photos-local';

/** CORS like the deployed bucket's: store apps in a browser POST the form and read the links. */
const CORS = `<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>POST</AllowedMethod><AllowedMethod>GET</AllowedMethod><AllowedHeader>*</AllowedHeader><MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule></CORSConfiguration>`;

export interface S3Local {
  endpoint: string;
  bucket: string;
  /** Delivers what is held back (deliver: 'on-drain') and resolves when every event so far has been handled. */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

export interface S3LocalOptions {
  /** Keep the objects here across restarts; null or absent: a temporary folder removed on stop. */
  dataDir?: string | null;
  /** Receives each ObjectCreated event, one at a time (the real photo check handler). */
  onEvent: (event: S3Event) => Promise<unknown>;
  /** 'auto' (default): as they come, like S3's notification; 'on-drain': only when drain() is called (the IAM test attributes calls). */
  deliver?: 'auto' | 'on-drain';
}

/**
 * s3rver (an S3-compatible server from npm) on a free port: it accepts presigned POSTs and serves
 * presigned GETs, and emits S3-shaped events: the ObjectCreated ones go to `onEvent` one at a time.
 * It does not enforce the POST policy's content-length-range, nor any IAM or bucket policy.
 */
export async function startS3Local(options: S3LocalOptions): Promise<S3Local> {
  const directory = options.dataDir ?? mkdtempSync(join(tmpdir(), 's3rver-'));
  mkdirSync(directory, { recursive: true });
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: LOCAL_PHOTOS_BUCKET, configs: [CORS] }] });
  const held: S3Event[] = [];
  let chain: Promise<unknown> = Promise.resolve();
  const deliver = (event: S3Event) => {
    chain = chain.then(() => options.onEvent(event)).catch((error: Error) => console.error('local photo check failed:', error.message));
  };
  server.on('event', (event: S3Event) => {
    // Only uploads, as the deployed rule matches only "Object Created" (s3rver also emits deletions).
    if (!event.Records?.some((record) => record.eventName?.startsWith('ObjectCreated:'))) return;
    if (options.deliver === 'on-drain') held.push(event);
    else deliver(event);
  });
  const address = await server.run();
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    bucket: LOCAL_PHOTOS_BUCKET,
    drain: async () => {
      let seen: Promise<unknown>;
      do {
        for (const event of held.splice(0)) deliver(event);
        seen = chain;
        await seen;
      } while (seen !== chain || held.length > 0);
    },
    stop: async () => {
      await server.close();
      if (!options.dataDir) rmSync(directory, { recursive: true, force: true });
    },
  };
}
