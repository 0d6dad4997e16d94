import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { PreconditionFailedError } from '../domain/errors.js';
import type { OrderEvent, RepairOrder } from '../domain/order.js';
import type { SlaFlag } from '../domain/sla-watch.js';
import type { SlaTarget } from '../usecases/job-ports.js';
import type { IdempotencyClaim, ListOrdersQuery, MoveSideEffects, OrderRepository, OrderWithHistory, Page, PageLinkTarget } from '../usecases/ports.js';
import { newFormKey, pageLinkExpiresAt } from '../domain/page-link.js';
import { isTerminal } from '../domain/status.js';
import { TABLE } from './table.js';
import { TrackingCodeTakenError } from '../usecases/ports.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { cancellationCodes, isConditionFailure, translateStorageError } from './errors.js';
import { claimPut, claimRefusal } from './idempotency-claims.js';
import { customerIndexItem, eventItem, pageLinkItem, toPageRating, toProblemReport, firstWarrantyStep, followUpItem, moveIndexEntries, orderIndexEntries, orderItem, toEvent, toOrder, warrantyItem } from './items.js';
import { photoPurgeItem } from './items.js';
import { keys } from './keys.js';
import { queryAll } from './query-all.js';

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
  let i = 0;
  for (const field in fields) {
    const value = fields[field];
    names[`#u${i}`] = field;
    if (value === null || value === undefined) remove.push(`#u${i}`);
    else {
      set.push(`#u${i} = :u${i}`);
      values[`:u${i}`] = value;
    }
    i++;
  }
  const expression = [set.length ? `SET ${set.join(', ')}` : '', remove.length ? `REMOVE ${remove.join(', ')}` : ''].filter(Boolean).join(' ');
  return { expression, names, values };
}

/** A paused order (pausedAt set) is never flagged. */
const NOT_PAUSED = '(attribute_not_exists(pausedAt) OR attribute_type(pausedAt, :nullType))';

/**
 * `field` holds `flag` (absent and NULL both mean no flag). DynamoDB refuses values an expression
 * does not use, so `:nullType` comes only with the conditions that need it.
 */
function flagCondition(field: 'sla' | 'responseSla', flag: SlaFlag | null, alias: string) {
  const name = `#flag_${alias}`;
  if (flag === null) return { expression: `(attribute_not_exists(${name}) OR attribute_type(${name}, :nullType))`, names: { [name]: field }, values: { ':nullType': 'NULL' } };
  return { expression: `${name} = :flag_${alias}`, names: { [name]: field }, values: { [`:flag_${alias}`]: flag } };
}

/** The order row and its events out of the partition's "ORDER" items (the page's feedback items are skipped). */
function orderWithHistory(items: Record<string, unknown>[]): OrderWithHistory | null {
  const orderRow = items.find((item) => item.type === 'order');
  if (!orderRow) return null;
  const history = items.filter((item) => item.type === 'event').map(toEvent);
  history.sort((a, b) => a.version - b.version);
  return { order: toOrder(orderRow), history };
}

export class DynamoOrderRepository implements OrderRepository {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly tableName: string) {}

  async create(order: RepairOrder, event: OrderEvent, claim?: IdempotencyClaim): Promise<void> {
    const customer = customerIndexItem(order);
    const pageLink = pageLinkItem(order, newFormKey());
    // The order names its Idempotency-Key record (the first response), for erasure to delete.
    const item = claim ? { ...orderItem(order), idempotencyRecordKey: claim.recordKey } : orderItem(order);
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } },
            {
              Put: {
                TableName: this.tableName,
                Item: { ...keys.trackingCode(order.trackingCode), type: 'tracking', orderId: order.id, storeId: order.storeId },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            ...(pageLink ? [{ Put: { TableName: this.tableName, Item: pageLink, ConditionExpression: 'attribute_not_exists(pk)' } }] : []),
            { Put: { TableName: this.tableName, Item: eventItem(order.id, event) } },
            ...(customer ? [{ Put: { TableName: this.tableName, Item: customer } }] : []),
            ...(claim ? [claimPut(this.tableName, order.storeId, claim, order.id)] : []),
          ],
        }),
      );
    } catch (error) {
      if (claim && cancellationCodes(error).at(-1) === 'ConditionalCheckFailed') throw await claimRefusal(this.db, this.tableName, order.storeId, claim);
      if (cancellationCodes(error)[1] === 'ConditionalCheckFailed') throw new TrackingCodeTakenError();
      translateStorageError(error);
    }
  }

  /**
   * The order and its whole history: every page of the Query, since events sort oldest first and
   * a long history (over 1 MB) would otherwise lose its newest events. moveRepair caps the history.
   */
  async get(orderId: string): Promise<OrderWithHistory | null> {
    return orderWithHistory(await this.readOrderItems(orderId));
  }

  private readOrderItems(orderId: string) {
    return queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.orderPartition(orderId), ':prefix': keys.orderAndHistoryPrefix },
      ConsistentRead: true,
    });
  }

  /**
   * One transaction: the order's changed fields and index entries (only if the version is still the
   * one read), its history event, and what the move brings with it (follow-up calls and the repair
   * warranty on completion). Fields other writers set beside the order (the SLA flag and its
   * listing) are not touched: see moveIndexEntries.
   */
  async saveMove(expectedVersion: number, order: RepairOrder, event: OrderEvent, effects: MoveSideEffects = {}): Promise<void> {
    const update = setOrRemove({
      status: order.status,
      version: order.version,
      estimate: order.estimate,
      promisedBy: order.promisedBy,
      promiseRiskAt: order.promiseRiskAt,
      slaStartedAt: order.slaStartedAt,
      respondBy: order.respondBy,
      respondRiskAt: order.respondRiskAt,
      respondedAt: order.respondedAt,
      pausedAt: order.pausedAt,
      pausedMs: order.pausedMs,
      slaMet: order.slaMet,
      quote: order.quote,
      approvedQuoteVersion: order.approvedQuoteVersion,
      updatedAt: order.updatedAt,
      ...moveIndexEntries(order),
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
            ...this.pageLinkExpiry(order, event),
            ...(effects.photoPurge ? [{ Put: { TableName: this.tableName, Item: photoPurgeItem(effects.photoPurge) } }] : []),
            ...(effects.claimPlan
              ? [
                  {
                    Update: {
                      TableName: this.tableName,
                      Key: keys.warranty(effects.claimPlan.plan.deviceId, effects.claimPlan.plan.startsAt, effects.claimPlan.plan.id),
                      UpdateExpression: 'SET claimedBy = :order',
                      ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(claimedBy) OR claimedBy = :order)',
                      ExpressionAttributeValues: { ':order': effects.claimPlan.orderId },
                    },
                  },
                ]
              : []),
          ],
        }),
      );
    } catch (error) {
      // Whichever condition failed (the version, an event or a completion item already there),
      // another writer got there first: the caller lost a race, as with a stale If-Match.
      if (isConditionFailure(error)) throw new PreconditionFailedError(null);
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

  /**
   * A finished order's page link gets a TTL at its expiry, so DynamoDB removes the lookup in time
   * (the page checks the expiry itself: TTL deletes can lag by days). Unconditioned: an erased
   * order has no token any more, and the version check above already orders this write.
   */
  private pageLinkExpiry(order: RepairOrder, event: OrderEvent) {
    if (!order.pageToken || !isTerminal(order.status)) return [];
    const expires = pageLinkExpiresAt(order, [event]);
    if (!expires) return [];
    return [
      {
        Update: {
          TableName: this.tableName,
          Key: keys.pageLink(order.pageToken),
          UpdateExpression: 'SET #expiresAt = :expiresAt',
          ExpressionAttributeNames: { '#expiresAt': TABLE.timeToLiveAttribute },
          ExpressionAttributeValues: { ':expiresAt': Math.ceil(expires.getTime() / 1000) },
        },
      },
    ];
  }

  /** The page's two reads: the lookup (GetItem), then the order and its history (one Query). */
  async findByPageToken(token: string): Promise<PageLinkTarget | null> {
    const pointer = await this.db
      .send(new GetCommand({ TableName: this.tableName, Key: keys.pageLink(token) }))
      .catch(translateStorageError);
    const orderId = pointer.Item?.orderId;
    const formKey = pointer.Item?.formKey;
    if (typeof orderId !== 'string' || typeof formKey !== 'string') return null;
    const items = await this.readOrderItems(orderId);
    const found = orderWithHistory(items);
    // A lookup whose order no longer names it (erased meanwhile) leads nowhere.
    if (!found || found.order.pageToken !== token) return null;
    const rating = items.find((item) => item.type === 'pageRating');
    const problems = items.filter((item) => item.type === 'problemReport').map(toProblemReport);
    return { ...found, formKey, feedback: { rating: rating ? toPageRating(rating) : null, problems } };
  }

  async findByTrackingCode(code: string): Promise<OrderWithHistory | null> {
    const pointer = await this.db
      .send(new GetCommand({ TableName: this.tableName, Key: keys.trackingCode(code) }))
      .catch(translateStorageError);
    const orderId = pointer.Item?.orderId;
    return typeof orderId === 'string' ? this.get(orderId) : null;
  }

  /**
   * The SLA watch's write: moves one target's flag from what the job read to the new one (never
   * twice), keeps the order in the due queue until its alert has gone out, and lists it under the
   * worse of its two flags. Only on an open order that is not paused: the job's copy may be older
   * than a move that paused or finished it. A response flag may also go back to null (answered in
   * time), which needs no alert.
   */
  async setSlaFlag(order: RepairOrder, target: SlaTarget, from: SlaFlag | null, to: SlaFlag | null): Promise<boolean> {
    const field = target === 'resolution' ? 'sla' : 'responseSla';
    const pending = target === 'resolution' ? 'slaAlertPending' : 'responseAlertPending';
    const entries = orderIndexEntries({ ...order, [field]: to });
    const flagIs = flagCondition(field, from, 'from');
    return this.updateOrder(order.id, { [field]: to, [pending]: to, gsi4pk: entries.gsi4pk, gsi4sk: entries.gsi4sk }, {
      expression: `NOT #status IN (:completed, :cancelled) AND ${NOT_PAUSED} AND ${flagIs.expression}`,
      names: { '#status': 'status', ...flagIs.names },
      values: { ':completed': 'completed', ':cancelled': 'cancelled', ':nullType': 'NULL', ...flagIs.values },
    });
  }

  /**
   * After the alerts went out (or when nothing needs alerting): the next check, or out of the
   * queue. The listing under the worse flag is written again (healing one an older move dropped),
   * but only while the order still holds both flags the job read and is open: its copy may be stale.
   */
  async settleSlaCheck(order: RepairOrder): Promise<void> {
    const entries = orderIndexEntries(order);
    const settle = { gsi3pk: entries.gsi3pk, gsi3sk: entries.gsi3sk, slaAlertPending: null, responseAlertPending: null };
    if (entries.gsi4pk !== null) {
      const resolution = flagCondition('sla', order.sla, 'resolution');
      const response = flagCondition('responseSla', order.responseSla, 'response');
      const listed = await this.updateOrder(order.id, { ...settle, gsi4pk: entries.gsi4pk, gsi4sk: entries.gsi4sk }, {
        expression: `${resolution.expression} AND ${response.expression} AND NOT #status IN (:completed, :cancelled)`,
        names: { '#status': 'status', ...resolution.names, ...response.names },
        values: { ':completed': 'completed', ':cancelled': 'cancelled', ...resolution.values, ...response.values },
      });
      if (listed) return;
    }
    await this.updateOrder(order.id, settle, { expression: 'attribute_exists(pk)' });
  }

  /** One conditional update of the order row; false when the condition did not hold. */
  private async updateOrder(
    orderId: string,
    fields: Record<string, unknown>,
    condition: { expression: string; names?: Record<string, string>; values?: Record<string, unknown> },
  ): Promise<boolean> {
    const update = setOrRemove(fields);
    const values = { ...update.values, ...condition.values };
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.order(orderId),
          UpdateExpression: update.expression,
          ConditionExpression: condition.expression,
          ExpressionAttributeNames: { ...update.names, ...condition.names },
          ...(Object.keys(values).length && { ExpressionAttributeValues: values }),
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      return translateStorageError(error);
    }
  }
}
