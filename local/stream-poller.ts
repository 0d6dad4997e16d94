import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { asInvocation } from './invocation.js';

type StreamHandler = (event: DynamoDBStreamEvent, context: Context) => Promise<DynamoDBBatchResponse | void>;

interface ShardState {
  iterator: string | undefined;
  /** Records the handler reported failed (and everything after them), delivered again later. */
  pending: DynamoDBRecord[];
  /** The record at the head of `pending` that keeps failing, and how many attempts it has had. */
  failing: { sequenceNumber: string; attempts: number } | null;
  /** No new attempt on this shard before this time (ms): the backoff after a failure. */
  retryAt: number;
}

/**
 * What the deployed event source mapping does with a failing record (infra/stacks/workers-stack.ts:
 * `retryAttempts: 10`, `maxRecordAge: 6 h`, `bisectBatchOnError`, an SQS on-failure destination).
 * Bisecting ends with the failing record alone; here it is singled out at once. The backoff is
 * the local poller's own (Lambda's retry pacing is not configurable): doubling from 200 ms to 10 s.
 */
export interface StreamRetryPolicy {
  retryAttempts: number;
  maxRecordAgeMs: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
}

export const LAMBDA_LIKE_RETRIES: StreamRetryPolicy = {
  retryAttempts: 10,
  maxRecordAgeMs: 6 * 3_600_000,
  backoffBaseMs: 200,
  backoffMaxMs: 10_000,
};

/** A record given up on: what Lambda would send to the on-failure queue (positions, never the record's content). */
export interface DeadLetter {
  shardId: string;
  sequenceNumber: string;
  eventID: string | undefined;
  attempts: number;
  reason: 'retries-exhausted' | 'record-too-old';
  at: string;
}

/** Where a consumer got to on each shard of one stream: the last record handled (or given up on), or closed and read to its end. */
interface Checkpoint {
  streamArn: string;
  shards: Record<string, { after: string } | { finished: true }>;
}

/**
 * Lambda's DynamoDB event source mapping, in small: reads every shard of the table's stream and
 * feeds the real handler real stream events, in order, a batch at a time. A failed record is
 * retried, after a backoff, together with the records after it, as Lambda does with
 * ReportBatchItemFailures (a handler that throws fails its whole batch); after `retryAttempts`
 * retries, or once it is older than `maxRecordAgeMs`, it is dropped into `deadLetters` (logged)
 * and the shard moves on. Like the mapping, it remembers per shard the last record handled: with a
 * `checkpointFile` (one per consumer, kept beside the persisted data) a restart resumes after it
 * instead of replaying the stream from its oldest record; without one it starts from the oldest.
 */
export class StreamPoller {
  private readonly streams = new DynamoDBStreamsClient({});
  private readonly shards = new Map<string, ShardState>();
  private readonly finished = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private streamArn: string | undefined;
  private stopped = false;
  /** The local on-failure queue: records given up on, oldest first. */
  readonly deadLetters: DeadLetter[] = [];
  private checkpoint: Checkpoint | undefined;

  constructor(
    private readonly tableName: string,
    private readonly handler: StreamHandler,
    private readonly context: () => Context,
    private readonly intervalMs = 200,
    private readonly batchSize = 100,
    private readonly retry: StreamRetryPolicy = LAMBDA_LIKE_RETRIES,
    /** A JSON file for this consumer's positions; none: every start reads from the oldest record. */
    private readonly checkpointFile?: string,
  ) {}

  /** `autoPoll: false` leaves polling to explicit drain() calls (tests). */
  async start({ autoPoll = true } = {}): Promise<void> {
    const client = new DynamoDBClient({});
    const table = await client.send(new DescribeTableCommand({ TableName: this.tableName }));
    client.destroy();
    this.streamArn = table.Table?.LatestStreamArn;
    if (!this.streamArn) throw new Error(`table ${this.tableName} has no stream`);
    if (this.checkpointFile) this.checkpoint = readCheckpoint(this.checkpointFile, this.streamArn);
    if (autoPoll) this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    this.streams.destroy();
  }

  /** Runs one polling pass now (backoff or not) and resolves when the records it read have been handled. */
  async drain(): Promise<void> {
    await this.running;
    this.running = this.poll({ ignoreBackoff: true });
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

  private async poll({ ignoreBackoff = false } = {}): Promise<void> {
    await this.discoverShards();
    for (const [shardId, state] of this.shards) {
      if (this.stopped) return;
      if (!ignoreBackoff && Date.now() < state.retryAt) continue;
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
          this.saveCheckpoint(shardId, { finished: true });
        }
        continue;
      }
      const batch = state.pending.slice(0, this.batchSize);
      const firstFailed = await this.invoke(batch);
      if (firstFailed === -1) {
        state.pending = state.pending.slice(batch.length);
        state.failing = null;
        state.retryAt = 0;
        this.handledUpTo(shardId, batch[batch.length - 1]);
        continue;
      }
      if (firstFailed > 0) this.handledUpTo(shardId, batch[firstFailed - 1]);
      state.pending = state.pending.slice(firstFailed);
      this.recordFailure(shardId, state);
    }
  }

  /** Index of the first record to deliver again, or -1 when the whole batch went through. */
  private async invoke(batch: DynamoDBRecord[]): Promise<number> {
    try {
      const context = this.context();
      const response = await asInvocation(context, () => this.handler({ Records: batch }, context));
      const failed = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
      return batch.findIndex((r) => failed.has(r.dynamodb?.SequenceNumber ?? ''));
    } catch (error) {
      console.error('stream poller: the handler failed its batch:', (error as Error).message);
      return 0;
    }
  }

  /** One more failed attempt for the head of the shard's pending records: back off, or give up on it. */
  private recordFailure(shardId: string, state: ShardState) {
    const head = state.pending[0];
    const sequenceNumber = head?.dynamodb?.SequenceNumber ?? '';
    const attempts = state.failing?.sequenceNumber === sequenceNumber ? state.failing.attempts + 1 : 1;
    const createdMs = (head?.dynamodb?.ApproximateCreationDateTime ?? Date.now() / 1000) * 1000;
    const reason =
      attempts > this.retry.retryAttempts ? 'retries-exhausted' : Date.now() - createdMs > this.retry.maxRecordAgeMs ? 'record-too-old' : null;
    if (!reason) {
      state.failing = { sequenceNumber, attempts };
      state.retryAt = Date.now() + Math.min(this.retry.backoffBaseMs * 2 ** (attempts - 1), this.retry.backoffMaxMs);
      return;
    }
    state.pending = state.pending.slice(1);
    state.failing = null;
    state.retryAt = 0;
    // Given up on is done with, as for the mapping: a restart does not try it again.
    this.handledUpTo(shardId, head);
    this.deadLetters.push({ shardId, sequenceNumber, eventID: head?.eventID, attempts, reason, at: new Date().toISOString() });
    console.error(`stream poller: gave up on record ${sequenceNumber} of shard ${shardId} after ${attempts} attempt(s) (${reason}); see deadLetters`);
  }

  private async discoverShards() {
    const description = await this.streams.send(new DescribeStreamCommand({ StreamArn: this.streamArn }));
    for (const shard of description.StreamDescription?.Shards ?? []) {
      if (!shard.ShardId || this.shards.has(shard.ShardId) || this.finished.has(shard.ShardId)) continue;
      const position = this.checkpoint?.shards[shard.ShardId];
      if (position && 'finished' in position) {
        this.finished.add(shard.ShardId);
        continue;
      }
      const iterator = (position && (await this.iteratorAfter(shard.ShardId, position.after))) ?? (await this.oldestIterator(shard.ShardId));
      this.shards.set(shard.ShardId, { iterator, pending: [], failing: null, retryAt: 0 });
    }
  }

  private async oldestIterator(shardId: string): Promise<string | undefined> {
    const { ShardIterator } = await this.streams.send(new GetShardIteratorCommand({ StreamArn: this.streamArn, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }));
    return ShardIterator;
  }

  /** Just after the checkpointed record; undefined when the stream no longer has it (trimmed after 24 h). */
  private async iteratorAfter(shardId: string, sequenceNumber: string): Promise<string | undefined> {
    try {
      const { ShardIterator } = await this.streams.send(
        new GetShardIteratorCommand({ StreamArn: this.streamArn, ShardId: shardId, ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: sequenceNumber }),
      );
      return ShardIterator;
    } catch (error) {
      console.error(`stream poller: checkpoint ${sequenceNumber} of shard ${shardId} is no longer on the stream (${(error as Error).name}); reading the shard from its oldest record`);
      return undefined;
    }
  }

  private handledUpTo(shardId: string, record: DynamoDBRecord | undefined) {
    const sequenceNumber = record?.dynamodb?.SequenceNumber;
    if (sequenceNumber) this.saveCheckpoint(shardId, { after: sequenceNumber });
  }

  private saveCheckpoint(shardId: string, position: Checkpoint['shards'][string]) {
    if (!this.checkpointFile || !this.streamArn) return;
    this.checkpoint ??= { streamArn: this.streamArn, shards: {} };
    this.checkpoint.shards[shardId] = position;
    // Written whole and renamed into place: a crash mid-write leaves the previous checkpoint, never half of one.
    mkdirSync(dirname(this.checkpointFile), { recursive: true });
    writeFileSync(`${this.checkpointFile}.tmp`, JSON.stringify(this.checkpoint));
    renameSync(`${this.checkpointFile}.tmp`, this.checkpointFile);
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

/** The consumer's positions on this stream; none when the file is missing, unreadable or about another stream (a recreated table). */
function readCheckpoint(file: string, streamArn: string): Checkpoint | undefined {
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as Checkpoint;
    return saved.streamArn === streamArn && saved.shards && typeof saved.shards === 'object' ? saved : undefined;
  } catch {
    return undefined;
  }
}
