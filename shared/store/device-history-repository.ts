import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RepairOrder } from '../domain/order.js';
import type { DeviceHistoryRepository } from '../usecases/device-history.js';
import type { Page } from '../usecases/ports.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { translateStorageError } from './errors.js';
import { toOrder } from './items.js';
import { keys } from './keys.js';

/** A device's orders across the network: one Query on gsi5, newest first, cursor as in the store lists. */
export class DynamoDeviceHistoryRepository implements DeviceHistoryRepository {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly tableName: string) {}

  async listByDevice(query: { deviceId: string; limit: number; cursor?: string | undefined }): Promise<Page<RepairOrder>> {
    const partition = keys.deviceOrders(query.deviceId);
    const position = query.cursor ? decodeCursor(query.cursor) : undefined;
    const result = await this.db
      .send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'gsi5',
          KeyConditionExpression: 'gsi5pk = :pk',
          ExpressionAttributeValues: { ':pk': partition },
          ScanIndexForward: false,
          Limit: query.limit + 1,
          // The start key is rebuilt in this device's partition: a cursor cannot reach another device.
          ExclusiveStartKey: position && { ...keys.order(position.id), gsi5pk: partition, gsi5sk: position.s },
        }),
      )
      .catch(translateStorageError);
    const items = (result.Items ?? []).map(toOrder);
    if (items.length <= query.limit) return { items, nextCursor: null };
    const page = items.slice(0, query.limit);
    const last = page[page.length - 1] as RepairOrder;
    return { items: page, nextCursor: encodeCursor({ s: keys.newestFirst(last.createdAt, last.id), id: last.id }) };
  }
}
