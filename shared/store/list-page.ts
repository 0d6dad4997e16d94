import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Page } from '../usecases/ports.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { translateStorageError } from './errors.js';
import type { Item } from './items.js';

/**
 * A page of one store's list in gsi1, oldest first (queues: calls, escalations), or of a network
 * queue in another index (R&D's, in gsi2). The cursor holds only the position; the start key is
 * rebuilt inside the caller's own partition.
 */
export async function readStoreQueue<T extends { id: string }>(
  db: DynamoDBDocumentClient,
  tableName: string,
  partition: string,
  query: { limit: number; cursor?: string | undefined },
  tableKeyOf: (id: string) => { pk: string; sk: string } | null,
  toEntity: (item: Item) => T,
  sortKeyOf: (entity: T) => string,
  index: 'gsi1' | 'gsi2' = 'gsi1',
): Promise<Page<T>> {
  const position = query.cursor ? decodeCursor(query.cursor) : undefined;
  const tableKey = position ? tableKeyOf(position.id) : undefined;
  if (position && !tableKey) decodeCursor('');
  const result = await db
    .send(
      new QueryCommand({
        TableName: tableName,
        IndexName: index,
        KeyConditionExpression: `${index}pk = :pk`,
        ExpressionAttributeValues: { ':pk': partition },
        Limit: query.limit + 1,
        ExclusiveStartKey: position && tableKey ? { ...tableKey, [`${index}pk`]: partition, [`${index}sk`]: position.s } : undefined,
      }),
    )
    .catch(translateStorageError);
  const items = (result.Items ?? []).map(toEntity);
  if (items.length <= query.limit) return { items, nextCursor: null };
  const page = items.slice(0, query.limit);
  const last = page[page.length - 1] as T;
  return { items: page, nextCursor: encodeCursor({ s: sortKeyOf(last), id: last.id }) };
}
