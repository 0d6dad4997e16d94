import { QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isConditionFailure, translateStorageError } from './errors.js';
import { orderIndexEntries, toOrder } from './items.js';
import { keys } from './keys.js';

/**
 * Orders written before gsi5 (device history) existed have no gsi5 entry; a move writes it, but
 * finished orders never move again. This pages through one store's orders in gsi1 (a Query per
 * page, no Scan) and sets the entry where it is missing, conditioned on it still missing, so it is
 * safe to run while the API writes and to run again.
 */
export async function backfillDeviceIndex(db: DynamoDBDocumentClient, tableName: string, storeId: string): Promise<{ examined: number; updated: number }> {
  let examined = 0;
  let updated = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db
      .send(new QueryCommand({ TableName: tableName, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': keys.storeOrders(storeId) }, ExclusiveStartKey: start }))
      .catch(translateStorageError);
    for (const item of page.Items ?? []) {
      examined++;
      if (item.gsi5pk !== undefined) continue;
      const { gsi5pk, gsi5sk } = orderIndexEntries(toOrder(item));
      if (gsi5pk === null || gsi5sk === null) continue;
      try {
        await db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.order(String(item.id)),
            UpdateExpression: 'SET gsi5pk = :pk, gsi5sk = :sk',
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(gsi5pk)',
            ExpressionAttributeValues: { ':pk': gsi5pk, ':sk': gsi5sk },
          }),
        );
        updated++;
      } catch (error) {
        if (!isConditionFailure(error)) translateStorageError(error);
      }
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return { examined, updated };
}
