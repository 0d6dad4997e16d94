import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** One DynamoDB call as the application's own client made it. */
export interface DynamoCall {
  /** e.g. `Query`, `TransactWriteItems` (the DocumentClient's `Get` counts as `GetItem`). */
  operation: string;
  readUnits: number;
  writeUnits: number;
  /** The authorizer's API-key lookup or its write of the key's use (deployed, API Gateway caches its answer per key). */
  authorizer: boolean;
  /** The partition key of a single-item call (GetItem, PutItem, …), e.g. `STORE#…`. */
  pk?: string;
  /** What IAM checks for this call (test/integration/iam-grants.test.ts compares it with the grants). */
  iam: IamNeed[];
  /** The error's name when DynamoDB refused the call (a failed condition still needed the permission). */
  failed?: string;
}

/** One permission a call needs: an action on the table, or on one of its indexes (a Query with IndexName). */
export interface IamNeed {
  /** e.g. `dynamodb:PutItem`. */
  action: string;
  index?: string;
}

/** What the handlers asked of DynamoDB (and S3) between two takes. */
export interface Recorded {
  calls: DynamoCall[];
  /**
   * Wall time spent inside `client.send(…)` of DynamoDB and of the S3 client (photos, erasure):
   * the union of the calls' intervals, parallel calls counted once. Signing a URL is not a call.
   */
  dynamoMs: number;
}

/** Operations that accept ReturnConsumedCapacity. */
const METERED = new Set(['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query', 'BatchGetItem', 'BatchWriteItem', 'TransactWriteItems', 'TransactGetItems']);
const READS = new Set(['GetItem', 'Query', 'BatchGetItem', 'TransactGetItems']);
export const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems']);
const DOCUMENT_NAMES: Record<string, string> = {
  Get: 'GetItem', Put: 'PutItem', Update: 'UpdateItem', Delete: 'DeleteItem',
  BatchGet: 'BatchGetItem', BatchWrite: 'BatchWriteItem', TransactWrite: 'TransactWriteItems', TransactGet: 'TransactGetItems',
};
/** A transaction has no action of its own: IAM checks each of its items as the single-item action. */
const TRANSACT_ITEM_ACTIONS: Record<string, string> = { Put: 'PutItem', Update: 'UpdateItem', Delete: 'DeleteItem', ConditionCheck: 'ConditionCheckItem', Get: 'GetItem' };

interface CallInput {
  ReturnConsumedCapacity?: string;
  Key?: { pk?: unknown };
  IndexName?: string;
  TransactItems?: Record<string, unknown>[];
}

/** The permissions IAM checks for one call (marshalled or DocumentClient input: only its shape matters). */
export function iamNeeds(operation: string, input: CallInput): IamNeed[] {
  if (operation === 'TransactWriteItems' || operation === 'TransactGetItems') {
    const actions = (input.TransactItems ?? []).flatMap((item) => Object.keys(item).map((kind) => TRANSACT_ITEM_ACTIONS[kind] ?? `${operation}.${kind}`));
    return [...new Set(actions)].map((action) => ({ action: `dynamodb:${action}` }));
  }
  return [{ action: `dynamodb:${operation}`, ...(input.IndexName !== undefined && { index: input.IndexName }) }];
}

/**
 * The authorizer's own calls: its key lookup (GetItem of APIKEY#…) and the writes it makes on a
 * key's own item first (a transaction opening with an Update of APIKEY#…: lastUsedAt, at most
 * hourly, or a legacy key's migration). Handlers never open a transaction that way: issuing puts
 * the key, revoking deletes it, a suspension updates ACCESS first.
 */
function isAuthorizerCall(operation: string, pkText: string | undefined, input: CallInput): boolean {
  if (operation === 'GetItem') return pkText?.startsWith('APIKEY#') ?? false;
  if (operation !== 'TransactWriteItems') return false;
  const first = (input.TransactItems?.[0] as { Update?: { Key?: { pk?: unknown } } } | undefined)?.Update?.Key?.pk;
  const firstPk = typeof first === 'string' ? first : (first as { S?: string } | undefined)?.S;
  return firstPk?.startsWith('APIKEY#') ?? false;
}

interface Capacity {
  CapacityUnits?: number;
  ReadCapacityUnits?: number;
  WriteCapacityUnits?: number;
}

/**
 * Counts and times every call the handlers' DynamoDB clients make (shared/store/client.ts: one
 * pair per container, so this sees exactly what the handlers do). A middleware asks DynamoDB for
 * the capacity it charged (ReturnConsumedCapacity: TOTAL, the only change to the calls) and a
 * wrapper around `send` times each call whole, as a bare `client.send(…)` would be timed.
 */
export class DynamoRecorder {
  private calls: DynamoCall[] = [];
  private intervals: { start: number; end: number }[] = [];

  constructor(client: DynamoDBClient, documentClient: DynamoDBDocumentClient) {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const name = (context.commandName ?? '').replace(/Command$/, '');
        const operation = DOCUMENT_NAMES[name] ?? name;
        const input = args.input as CallInput;
        if (METERED.has(operation)) input.ReturnConsumedCapacity ??= 'TOTAL';
        const pk = input.Key?.pk;
        const pkText = typeof pk === 'string' ? pk : (pk as { S?: string } | undefined)?.S;
        const call = {
          operation,
          authorizer: isAuthorizerCall(operation, pkText, input),
          iam: iamNeeds(operation, input),
          ...(pkText !== undefined && { pk: pkText }),
        };
        let result: Awaited<ReturnType<typeof next>>;
        try {
          result = await next(args);
        } catch (error) {
          // A refused call (a failed condition, a cancelled transaction) was still made and needed its
          // permission; its error carries no consumed capacity, so it counts none (bench paths never fail).
          this.calls.push({ ...call, readUnits: 0, writeUnits: 0, failed: (error as Error).name });
          throw error;
        }
        const consumed = [(result.output as { ConsumedCapacity?: Capacity | Capacity[] }).ConsumedCapacity ?? []].flat();
        const units = (kind: 'read' | 'write') =>
          sum(consumed.map((c) => (kind === 'read' ? c.ReadCapacityUnits : c.WriteCapacityUnits) ?? (READS.has(operation) === (kind === 'read') ? (c.CapacityUnits ?? 0) : 0)));
        this.calls.push({ ...call, readUnits: units('read'), writeUnits: units('write') });
        return result;
      },
      { step: 'initialize', priority: 'high', name: 'benchDynamoRecorder' },
    );
    for (const target of [client, documentClient]) this.timeSends(target);
  }

  /** Times every `send` of this client as I/O (the DynamoDB clients, and the S3 client of the photo routes). */
  timeSends(target: { send: (...args: never[]) => Promise<unknown> }): void {
    const timed = target as unknown as { send: (...args: unknown[]) => Promise<unknown> };
    const send = timed.send.bind(target);
    timed.send = async (...args: unknown[]) => {
      const start = performance.now();
      try {
        return await send(...args);
      } finally {
        this.intervals.push({ start, end: performance.now() });
      }
    };
  }

  /** What happened since the last take, and a fresh start. */
  take(): Recorded {
    const recorded = { calls: this.calls, dynamoMs: unionMs(this.intervals) };
    this.calls = [];
    this.intervals = [];
    return recorded;
  }
}

function unionMs(intervals: { start: number; end: number }[]): number {
  let total = 0;
  let reach = -Infinity;
  for (const { start, end } of [...intervals].sort((a, b) => a.start - b.start)) {
    if (end <= reach) continue;
    total += end - Math.max(start, reach);
    reach = end;
  }
  return total;
}

export const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** "Query(gsi1)×1, TransactWriteItems×2 (1 refused)": what a request did, in the order it first did each. */
export function describeCalls(calls: DynamoCall[]): string {
  const counts = new Map<string, { n: number; refused: number }>();
  for (const call of calls) {
    const index = call.iam.find((need) => need.index !== undefined)?.index;
    const label = index === undefined ? call.operation : `${call.operation}(${index})`;
    const count = counts.get(label) ?? { n: 0, refused: 0 };
    count.n += 1;
    if (call.failed) count.refused += 1;
    counts.set(label, count);
  }
  return [...counts].map(([label, { n, refused }]) => `${label}×${n}${refused ? ` (${refused} refused)` : ''}`).join(', ') || 'none';
}
