import { randomUUID } from 'node:crypto';
import { startLocalStack, type LocalStack, type LocalStackOptions } from '../local/stack.js';
import { DynamoRecorder } from './dynamo-recorder.js';
import { httpClient, type HttpClient } from './http-client.js';

export interface BenchStack {
  stack: LocalStack;
  /** Sees every DynamoDB call the handlers make. */
  recorder: DynamoRecorder;
  /** Authenticated as a fresh store of the bench's own. */
  api: HttpClient;
  /** Unauthenticated: public routes and /_local. */
  anon: HttpClient;
  stop(): Promise<void>;
}

/**
 * The local stack a bench phase measures: its own DynamoDB Local in memory, no timers (jobs run
 * only when the bench says, and the stream only when it drains it, unless `streamPollMs` is
 * given), the recorder on the handlers' DynamoDB client and a store to call as.
 */
export async function startBenchStack(options: Partial<LocalStackOptions> = {}): Promise<BenchStack> {
  const stack = await startLocalStack({
    port: 0,
    dataDir: null,
    tableName: `bench-${randomUUID()}`,
    schedules: false,
    streamPollMs: 24 * 3_600_000,
    ...options,
  });
  try {
    // Loaded only now: the client reads its endpoint from the environment the stack has just set.
    const { dynamoClient, documentClient } = await import('../shared/store/client.js');
    const recorder = new DynamoRecorder(dynamoClient, documentClient);
    // The photo routes' S3 calls (deletes on erasure and on DELETE) are I/O like DynamoDB's.
    const { photoS3 } = await import('../shared/media/container.js');
    recorder.timeSends(photoS3);
    const anon = httpClient(stack.url);
    const store = await anon.expect(201, 'POST', '/_local/stores', { name: 'Bench Service Center, Bengaluru', country: 'IN', timezone: 'Asia/Kolkata' });
    const api = httpClient(stack.url, (store.body as { apiKey: string }).apiKey);
    recorder.take();
    return {
      stack,
      recorder,
      api,
      anon,
      stop: async () => {
        api.close();
        anon.close();
        await stack.stop();
      },
    };
  } catch (error) {
    await stack.stop();
    throw error;
  }
}

/** A walk-in order body for customer `i`: a phone and a device of its own. */
export function repairBody(i: number, language = 'hi') {
  return {
    channel: 'walk_in',
    customer: { name: `Customer ${i}`, phone: benchPhone(i), language, smsOptIn: true },
    device: { brand: 'OPPO', model: 'A78', deviceId: `35693803${String(i).padStart(7, '0')}`, purchaseDate: '2026-03-01' },
    issue: { category: 'screen', description: 'Cracked screen after a drop' },
  };
}

export const benchPhone = (i: number) => `+9198${String(i).padStart(8, '0')}`;
