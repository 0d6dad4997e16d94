import { QueryCommand, UpdateCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { isConditionFailure, translateStorageError } from './errors.js';
import { orderIndexEntries, toOrder, type Item } from './items.js';
import { keys } from './keys.js';

/*
 * One-off backfills of index entries that items written before an index existed lack. Each pages
 * through Queries on keys the items already have (no Scan) and sets the entry only where it is
 * still missing, conditioned on that, so it is safe to run while the API writes and to run again.
 */

export interface BackfillCount {
  examined: number;
  updated: number;
}

/** Every page of a Query, one at a time (a store's orders can be many: never all in memory). */
async function* queryPages(db: DynamoDBDocumentClient, input: QueryCommandInput): AsyncGenerator<Item[]> {
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(new QueryCommand({ ...input, ExclusiveStartKey: start })).catch(translateStorageError);
    yield page.Items ?? [];
    start = page.LastEvaluatedKey;
  } while (start);
}

/**
 * Sets `<index>pk`/`<index>sk` on the item at `key` only if it still exists and still lacks them
 * (and `unchanged` still holds: the attributes the entry was computed from). False when the API
 * wrote it first, or the item changed or went meanwhile.
 */
async function setEntryWhereMissing(
  db: DynamoDBDocumentClient,
  tableName: string,
  key: Record<string, string>,
  entry: { index: 'gsi2' | 'gsi5'; pk: string; sk: string },
  unchanged: Record<string, string> = {},
): Promise<boolean> {
  const pk = `${entry.index}pk`;
  const sk = `${entry.index}sk`;
  const checks = Object.keys(unchanged).map((name, i) => ` AND #c${i} = :c${i}`);
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: key,
        UpdateExpression: 'SET #pk = :pk, #sk = :sk',
        ConditionExpression: `attribute_exists(pk) AND attribute_not_exists(#pk)${checks.join('')}`,
        ExpressionAttributeNames: { '#pk': pk, '#sk': sk, ...Object.fromEntries(Object.keys(unchanged).map((name, i) => [`#c${i}`, name])) },
        ExpressionAttributeValues: { ':pk': entry.pk, ':sk': entry.sk, ...Object.fromEntries(Object.values(unchanged).map((value, i) => [`:c${i}`, value])) },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    translateStorageError(error);
  }
}

/** A store's orders, page by page, from gsi1 (its order list). */
const storeOrderPages = (db: DynamoDBDocumentClient, tableName: string, storeId: string) =>
  queryPages(db, { TableName: tableName, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': keys.storeOrders(storeId) } });

/** Every store of the network, from the directory (gsi1 NETWORK#STORES): for `--all-stores`. */
export async function* networkStoreIds(db: DynamoDBDocumentClient, tableName: string): AsyncGenerator<string> {
  const pages = queryPages(db, {
    TableName: tableName,
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.networkStores },
    ProjectionExpression: 'id',
  });
  for await (const page of pages) for (const item of page) yield String(item.id);
}

/**
 * Orders written before gsi5 (device history) existed have no gsi5 entry; a move writes it, but
 * finished orders never move again. Pages the store's orders and sets the entry where missing.
 */
export async function backfillDeviceIndex(db: DynamoDBDocumentClient, tableName: string, storeId: string): Promise<BackfillCount> {
  const count = { examined: 0, updated: 0 };
  for await (const page of storeOrderPages(db, tableName, storeId)) {
    for (const item of page) {
      count.examined++;
      if (item.gsi5pk !== undefined) continue;
      const { gsi5pk, gsi5sk } = orderIndexEntries(toOrder(item));
      if (gsi5pk === null || gsi5sk === null) continue;
      if (await setEntryWhereMissing(db, tableName, keys.order(String(item.id)), { index: 'gsi5', pk: gsi5pk!, sk: gsi5sk! })) count.updated++;
    }
  }
  return count;
}

/** The campaigns' entry (gsi2 by last day) on one warranty item read without it. */
async function setWarrantyEntry(db: DynamoDBDocumentClient, tableName: string, item: Item, count: BackfillCount): Promise<void> {
  count.examined++;
  if (item.gsi2pk !== undefined) return;
  const endsAt = String(item.endsAt);
  const entry = { index: 'gsi2' as const, pk: keys.warrantyEndMonth(endsAt.slice(0, 7)), sk: keys.dueAt(endsAt, String(item.id)) };
  // Conditioned on endsAt as read too, so the entry always sorts by the warranty's actual last day.
  if (await setEntryWhereMissing(db, tableName, { pk: String(item.pk), sk: String(item.sk) }, entry, { endsAt })) count.updated++;
}

/**
 * Warranty items written before campaigns existed lack gsi2 (`WEXP#<month>`), so a campaign never
 * meets them. Warranties live under their device, and no index lists a store's warranties: this
 * reaches them through the store's completed orders (gsi1) → each device's warranties (one Query of
 * its partition, deduplicated per run). Every warranty on such a device is fixed, whichever store
 * granted or registered it; `examined` counts those warranty items.
 */
export async function backfillWarrantyIndex(db: DynamoDBDocumentClient, tableName: string, storeId: string): Promise<BackfillCount> {
  const count = { examined: 0, updated: 0 };
  const seen = new Set<string>();
  for await (const page of storeOrderPages(db, tableName, storeId)) {
    for (const order of page) {
      const deviceId = (order.device as { deviceId?: string | null } | undefined)?.deviceId;
      if (order.status !== 'completed' || !deviceId || seen.has(deviceId)) continue;
      seen.add(deviceId);
      const warranties = queryPages(db, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': keys.devicePartition(deviceId), ':prefix': 'WARRANTY#' },
      });
      for await (const items of warranties) for (const item of items) await setWarrantyEntry(db, tableName, item, count);
    }
  }
  return count;
}

/**
 * Every warranty not yet expired, of any store and kind (registered ones too, which no order
 * leads to), waits in the warranty job's due queue (gsi3 `DUE#WARRANTY`): one pass over it, for
 * the whole network. What neither pass reaches: registered warranties already expired on a device
 * never repaired in the network (see README).
 */
export async function backfillPendingWarranties(db: DynamoDBDocumentClient, tableName: string): Promise<BackfillCount> {
  const count = { examined: 0, updated: 0 };
  const pages = queryPages(db, { TableName: tableName, IndexName: 'gsi3', KeyConditionExpression: 'gsi3pk = :pk', ExpressionAttributeValues: { ':pk': keys.dueQueue('WARRANTY') } });
  for await (const page of pages) for (const item of page) if (item.type === 'warranty') await setWarrantyEntry(db, tableName, item, count);
  return count;
}
