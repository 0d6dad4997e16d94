import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';

type StreamHandler = (event: DynamoDBStreamEvent, context: Context) => Promise<DynamoDBBatchResponse | void>;

interface ShardState {
  iterator: string | undefined;
  /** Records the handler reported failed (and everything after them), delivered again next tick. */
  pending: DynamoDBRecord[];
}

/**
 * Lambda's DynamoDB event source mapping, in small: reads every shard of the table's stream and
 * feeds the real handler real stream events, in order, a batch at a time. A failed record is
 * retried on the next tick together with the records after it, as Lambda does with
 * ReportBatchItemFailures. Starts from the oldest record: the SMS markers make a replay harmless.
 */
export class StreamPoller {
  private readonly streams = new DynamoDBStreamsClient({});
  private readonly shards = new Map<string, ShardState>();
  private readonly finished = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private streamArn: string | undefined;
  private stopped = false;

  constructor(
    private readonly tableName: string,
    private readonly handler: StreamHandler,
    private readonly context: () => Context,
    private readonly intervalMs = 200,
    private readonly batchSize = 100,
  ) {}

  /** `autoPoll: false` leaves polling to explicit drain() calls (tests). */
  async start({ autoPoll = true } = {}): Promise<void> {
    const client = new DynamoDBClient({});
    const table = await client.send(new DescribeTableCommand({ TableName: this.tableName }));
    client.destroy();
    this.streamArn = table.Table?.LatestStreamArn;
    if (!this.streamArn) throw new Error(`table ${this.tableName} has no stream`);
    if (autoPoll) this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    this.streams.destroy();
  }

  /** Runs one polling pass now and resolves when every record read so far has been handled. */
  async drain(): Promise<void> {
    await this.running;
    this.running = this.poll();
    await this.running;
  }

  private schedule() {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.poll()
        .catch((error: unknown) => console.error('stream poller:', (error as Error).message))
        .finally(() => this.schedule());
    }, this.intervalMs);
  }

  private async poll(): Promise<void> {
    await this.discoverShards();
    for (const [shardId, state] of this.shards) {
      if (this.stopped) return;
      if (state.pending.length < this.batchSize && state.iterator) {
        const page = await this.streams.send(new GetRecordsCommand({ ShardIterator: state.iterator, Limit: this.batchSize }));
        state.iterator = page.NextShardIterator;
        state.pending.push(...(page.Records ?? []).map((r) => this.toLambdaRecord(r)));
      }
      if (state.pending.length === 0) {
        if (!state.iterator) {
          // A closed shard that has been read to its end.
          this.shards.delete(shardId);
          this.finished.add(shardId);
        }
        continue;
      }
      const batch = state.pending.slice(0, this.batchSize);
      const response = await this.handler({ Records: batch }, this.context());
      const failed = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
      const firstFailed = batch.findIndex((r) => failed.has(r.dynamodb?.SequenceNumber ?? ''));
      state.pending = firstFailed === -1 ? state.pending.slice(batch.length) : state.pending.slice(firstFailed);
    }
  }

  private async discoverShards() {
    const description = await this.streams.send(new DescribeStreamCommand({ StreamArn: this.streamArn }));
    for (const shard of description.StreamDescription?.Shards ?? []) {
      if (!shard.ShardId || this.shards.has(shard.ShardId) || this.finished.has(shard.ShardId)) continue;
      const { ShardIterator } = await this.streams.send(
        new GetShardIteratorCommand({ StreamArn: this.streamArn, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' }),
      );
      this.shards.set(shard.ShardId, { iterator: ShardIterator, pending: [] });
    }
  }

  private toLambdaRecord(record: StreamRecord): DynamoDBRecord {
    const created = record.dynamodb?.ApproximateCreationDateTime;
    return {
      eventID: record.eventID,
      eventName: record.eventName as DynamoDBRecord['eventName'],
      eventVersion: record.eventVersion ?? '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: record.awsRegion ?? process.env.AWS_REGION,
      eventSourceARN: this.streamArn,
      dynamodb: {
        ...(record.dynamodb as DynamoDBRecord['dynamodb']),
        ApproximateCreationDateTime: created instanceof Date ? created.getTime() / 1000 : (created as number | undefined),
      },
    } as DynamoDBRecord;
  }
}
