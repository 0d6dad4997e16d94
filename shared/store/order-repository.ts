import { GetCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { OrderEvent, RepairOrder } from '../domain/order.js';
import type { ListOrdersQuery, OrderRepository, OrderWithHistory, Page } from '../usecases/ports.js';
import { TrackingCodeTakenError } from '../usecases/ports.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { cancellationCodes, isConditionFailure, translateStorageError } from './errors.js';
import { keys } from './keys.js';
import { PreconditionFailedError } from '../domain/errors.js';

type Item = Record<string, unknown>;

function orderItem(order: RepairOrder): Item {
  return {
    ...keys.order(order.id),
    type: 'order',
    ...order,
    gsi1pk: keys.storeOrders(order.storeId),
    gsi1sk: keys.newestFirst(order.createdAt, order.id),
    gsi2pk: keys.storeOrdersInStatus(order.storeId, order.status),
    gsi2sk: keys.newestFirst(order.createdAt, order.id),
  };
}

function eventItem(orderId: string, event: OrderEvent): Item {
  return { ...keys.orderEvent(orderId, event.version), type: 'event', orderId, ...event };
}

const ORDER_FIELDS = [
  'id', 'trackingCode', 'storeId', 'storeName', 'status', 'version', 'channel', 'customer', 'device', 'issue',
  'estimate', 'dataBackupRequested', 'distanceKm', 'overseas', 'underWarranty', 'reworkOf', 'promisedBy',
  'createdAt', 'updatedAt',
] as const;

function toOrder(item: Item): RepairOrder {
  const order: Item = {};
  for (const field of ORDER_FIELDS) order[field] = item[field] ?? null;
  return order as unknown as RepairOrder;
}

function toEvent(item: Item): OrderEvent {
  const { version, at, from, to, by, note, reason } = item as unknown as OrderEvent;
  return { version, at, from: from ?? null, to, by, note: note ?? null, reason: reason ?? null };
}

export class DynamoOrderRepository implements OrderRepository {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly tableName: string) {}

  async create(order: RepairOrder, event: OrderEvent): Promise<void> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.tableName, Item: orderItem(order), ConditionExpression: 'attribute_not_exists(pk)' } },
            {
              Put: {
                TableName: this.tableName,
                Item: { ...keys.trackingCode(order.trackingCode), type: 'tracking', orderId: order.id, storeId: order.storeId },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            { Put: { TableName: this.tableName, Item: eventItem(order.id, event) } },
          ],
        }),
      );
    } catch (error) {
      if (cancellationCodes(error)[1] === 'ConditionalCheckFailed') throw new TrackingCodeTakenError();
      translateStorageError(error);
    }
  }

  async get(orderId: string): Promise<OrderWithHistory | null> {
    const result = await this.db
      .send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': keys.orderPartition(orderId), ':prefix': keys.orderAndHistoryPrefix },
          ConsistentRead: true,
        }),
      )
      .catch(translateStorageError);
    const items = result.Items ?? [];
    const orderRow = items.find((item) => item.type === 'order');
    if (!orderRow) return null;
    const history = items.filter((item) => item.type === 'event').map(toEvent);
    history.sort((a, b) => a.version - b.version);
    return { order: toOrder(orderRow), history };
  }

  async saveMove(expectedVersion: number, order: RepairOrder, event: OrderEvent): Promise<void> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              // Only the fields a move changes: flags written beside the order by other writers survive.
              Update: {
                TableName: this.tableName,
                Key: keys.order(order.id),
                UpdateExpression:
                  'SET #status = :status, #version = :version, estimate = :estimate, promisedBy = :promisedBy, updatedAt = :updatedAt, gsi2pk = :gsi2pk',
                ConditionExpression: '#version = :expected',
                ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
                ExpressionAttributeValues: {
                  ':status': order.status,
                  ':version': order.version,
                  ':estimate': order.estimate,
                  ':promisedBy': order.promisedBy,
                  ':updatedAt': order.updatedAt,
                  ':gsi2pk': keys.storeOrdersInStatus(order.storeId, order.status),
                  ':expected': expectedVersion,
                },
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: eventItem(order.id, event),
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) throw new PreconditionFailedError(null);
      translateStorageError(error);
    }
  }

  async listByStore(query: ListOrdersQuery): Promise<Page<RepairOrder>> {
    const index = query.status
      ? { name: 'gsi2', pk: 'gsi2pk', sk: 'gsi2sk', value: keys.storeOrdersInStatus(query.storeId, query.status) }
      : { name: 'gsi1', pk: 'gsi1pk', sk: 'gsi1sk', value: keys.storeOrders(query.storeId) };
    const position = query.cursor ? decodeCursor(query.cursor) : undefined;
    const result = await this.db
      .send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: index.name,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': index.pk },
          ExpressionAttributeValues: { ':pk': index.value },
          ScanIndexForward: false,
          // One extra item tells whether another page exists, so the last page says nextCursor: null.
          Limit: query.limit + 1,
          ExclusiveStartKey: position && {
            ...keys.order(position.id),
            [index.pk]: index.value,
            [index.sk]: position.s,
          },
        }),
      )
      .catch(translateStorageError);
    const items = (result.Items ?? []).map(toOrder);
    if (items.length <= query.limit) return { items, nextCursor: null };
    const page = items.slice(0, query.limit);
    const last = page[page.length - 1] as RepairOrder;
    return { items: page, nextCursor: encodeCursor({ s: keys.newestFirst(last.createdAt, last.id), id: last.id }) };
  }

  async findByTrackingCode(code: string): Promise<OrderWithHistory | null> {
    const pointer = await this.db
      .send(new GetCommand({ TableName: this.tableName, Key: keys.trackingCode(code) }))
      .catch(translateStorageError);
    const orderId = pointer.Item?.orderId;
    return typeof orderId === 'string' ? this.get(orderId) : null;
  }
}
