import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { translateStorageError } from './errors.js';
import { keys, type DueJob } from './keys.js';

export interface DuePage {
  items: Record<string, unknown>[];
  /** Where the next page starts; undefined when nothing more is due. */
  next: Record<string, unknown> | undefined;
  readUnits: number;
}

/**
 * One page of a job's due work: the items in its sparse gsi3 queue whose due time is at or
 * before `now`. Handled items leave the queue, so a run reads only what is due — never the
 * table — and needs no cursor in time: anything due, whenever it was planned, is found.
 */
export async function readDuePage(
  db: DynamoDBDocumentClient,
  tableName: string,
  job: DueJob,
  now: Date,
  limit: number,
  startKey?: Record<string, unknown>,
): Promise<DuePage> {
  const result = await db
    .send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'gsi3',
        KeyConditionExpression: 'gsi3pk = :queue AND gsi3sk <= :until',
        // '~' sorts after every id character: everything due at `now` itself is included.
        ExpressionAttributeValues: { ':queue': keys.dueQueue(job), ':until': `${now.toISOString()}#~` },
        Limit: limit,
        ExclusiveStartKey: startKey,
        ReturnConsumedCapacity: 'TOTAL',
      }),
    )
    .catch(translateStorageError);
  return { items: result.Items ?? [], next: result.LastEvaluatedKey, readUnits: result.ConsumedCapacity?.CapacityUnits ?? 0 };
}
