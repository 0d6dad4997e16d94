import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { PreconditionFailedError } from '../domain/errors.js';
import type { OrderEvent, RepairOrder } from '../domain/order.js';
import type { SlaFlag } from '../domain/sla-watch.js';
import type { ListOrdersQuery, MoveSideEffects, OrderRepository, OrderWithHistory, Page } from '../usecases/ports.js';
import { TrackingCodeTakenError } from '../usecases/ports.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { cancellationCodes, isConditionFailure, translateStorageError } from './errors.js';
import { customerIndexItem, eventItem, firstWarrantyStep, followUpItem, orderIndexEntries, orderItem, toEvent, toOrder, warrantyItem } from './items.js';
import { keys } from './keys.js';

/**
 * SET for present values, REMOVE for absent (null) ones, so index entries appear and disappear
 * with the state. Names and values are aliased (#u0, :u0…): attribute names come from our own
 * item mappers, never from a client.
 */
function setOrRemove(fields: Record<string, unknown>) {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const set: string[] = [];
  const remove: string[] = [];
  Object.entries(fields).forEach(([field, value], i) => {
    names[`#u${i}`] = field;
    if (value === null || value === undefined) remove.push(`#u${i}`);
    else {
      set.push(`#u${i} = :u${i}`);
      values[`:u${i}`] = value;
    }
  });
  const expression = [set.length ? `SET ${set.join(', ')}` : '', remove.length ? `REMOVE ${remove.join(', ')}` : ''].filter(Boolean).join(' ');
  return { expression, names, values };
}

export class DynamoOrderRepository implements OrderRepository {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly tableName: string) {}

  async create(order: RepairOrder, event: OrderEvent): Promise<void> {
    const customer = customerIndexItem(order);
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
            ...(customer ? [{ Put: { TableName: this.tableName, Item: customer } }] : []),
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

  /**
   * One transaction: the order's changed fields and index entries (only if the version is still the
   * one read), its history event, and what the move brings with it (follow-up calls and the repair
   * warranty on completion). Fields other writers set beside the order (SLA flags) are not touched.
   */
  async saveMove(expectedVersion: number, order: RepairOrder, event: OrderEvent, effects: MoveSideEffects = {}): Promise<void> {
    const update = setOrRemove({
      status: order.status,
      version: order.version,
      estimate: order.estimate,
      promisedBy: order.promisedBy,
      slaStartedAt: order.slaStartedAt,
      slaMet: order.slaMet,
      updatedAt: order.updatedAt,
      ...orderIndexEntries(order),
    });
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.tableName,
                Key: keys.order(order.id),
                UpdateExpression: update.expression,
                ConditionExpression: '#version = :expected',
                ExpressionAttributeNames: { ...update.names, '#version': 'version' },
                ExpressionAttributeValues: { ...update.values, ':expected': expectedVersion },
              },
            },
            { Put: { TableName: this.tableName, Item: eventItem(order.id, event), ConditionExpression: 'attribute_not_exists(pk)' } },
            ...(effects.followUps ?? []).map((task) => ({
              Put: { TableName: this.tableName, Item: followUpItem(task), ConditionExpression: 'attribute_not_exists(pk)' },
            })),
            ...(effects.warranty
              ? [{ Put: { TableName: this.tableName, Item: warrantyItem(effects.warranty, firstWarrantyStep(effects.warranty)), ConditionExpression: 'attribute_not_exists(pk)' } }]
              : []),
          ],
        }),
      );
    } catch (error) {
      if (cancellationCodes(error)[0] === 'ConditionalCheckFailed' || (isConditionFailure(error) && cancellationCodes(error).length === 0)) {
        throw new PreconditionFailedError(null);
      }
      translateStorageError(error);
    }
  }

  async listByStore(query: ListOrdersQuery): Promise<Page<RepairOrder>> {
    const index = query.sla
      ? { name: 'gsi4', pk: 'gsi4pk', sk: 'gsi4sk', value: keys.storeSlaFlag(query.storeId, query.sla) }
      : query.status
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
          ExclusiveStartKey: position && { ...keys.order(position.id), [index.pk]: index.value, [index.sk]: position.s },
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

  /**
   * The SLA watch's write: moves the flag from what the job read to the new one (never twice),
   * keeps the order in the due queue until its alert has gone out, and lists it under the flag.
   */
  async setSlaFlag(order: RepairOrder, from: SlaFlag | null, to: SlaFlag): Promise<boolean> {
    const flagged = { ...order, sla: to };
    const entries = orderIndexEntries(flagged);
    const update = setOrRemove({ sla: to, slaAlertPending: to, gsi4pk: entries.gsi4pk, gsi4sk: entries.gsi4sk });
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.order(order.id),
          UpdateExpression: update.expression,
          ConditionExpression: `NOT #status IN (:completed, :cancelled) AND ${from === null ? '(attribute_not_exists(sla) OR attribute_type(sla, :nullType))' : 'sla = :from'}`,
          ExpressionAttributeNames: { ...update.names, '#status': 'status' },
          ExpressionAttributeValues: {
            ...update.values,
            ':completed': 'completed',
            ':cancelled': 'cancelled',
            ...(from === null ? { ':nullType': 'NULL' } : { ':from': from }),
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      translateStorageError(error);
    }
  }

  /** After the alert went out (or when nothing needs alerting): the next check, or out of the queue. */
  async settleSlaCheck(order: RepairOrder): Promise<void> {
    const entries = orderIndexEntries(order);
    const update = setOrRemove({ gsi3pk: entries.gsi3pk, gsi3sk: entries.gsi3sk, slaAlertPending: null });
    await this.db
      .send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.order(order.id),
          UpdateExpression: update.expression,
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: update.names,
          ...(Object.keys(update.values).length && { ExpressionAttributeValues: update.values }),
        }),
      )
      .catch((error: unknown) => {
        if (!isConditionFailure(error)) translateStorageError(error);
      });
  }
}
