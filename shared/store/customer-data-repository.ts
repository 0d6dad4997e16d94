import { DeleteCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TemporarilyUnavailableError } from '../domain/errors.js';
import { phoneHash } from '../domain/phone.js';
import { eraseEscalationNotes, eraseEventNotes, eraseFollowUpCustomer, eraseOrderCustomer, redactPhonesInText } from '../domain/privacy.js';
import type { CustomerDataRepository } from '../usecases/ports.js';
import { isConditionFailure, isTransactionConflict, translateStorageError } from './errors.js';
import { followUpItem, toEscalation, toEvent, toFollowUp, toOrder, type Item } from './items.js';
import { keys } from './keys.js';
import { queryAll } from './query-all.js';

type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

/** DynamoDB's limit on the items of one transaction. */
const TRANSACTION_ITEMS = 100;
/** Reads of the partition before erasure gives up on an order that keeps changing (503, retry). */
const ERASE_ATTEMPTS = 6;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Erasure on request, without a Scan: the customer index names the store's orders for the phone.
 * Each order's partition (order, history, calls, escalations) is read, and only what holds
 * personal data is written, each write conditioned on what was read, so a move, a call or a
 * resolution landing meanwhile is never overwritten: the erasure reads again and redoes it.
 */
export class DynamoCustomerDataRepository implements CustomerDataRepository {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly tableName: string) {}

  async orderIdsFor(storeId: string, phone: string): Promise<string[]> {
    const entries = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.customerOrders(storeId, phoneHash(phone)) },
    });
    return entries.map((item) => String(item.orderId));
  }

  async eraseOrder(orderId: string, storeId: string, phone: string, at: Date): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.eraseOrderOnce(orderId, storeId, phone, at);
      } catch (error) {
        if (!isConditionFailure(error) && !isTransactionConflict(error)) return translateStorageError(error);
        if (attempt >= ERASE_ATTEMPTS) throw new TemporarilyUnavailableError(1);
        await pause(attempt * 10 + Math.random() * 20);
      }
    }
  }

  /**
   * The writes go in transactions of at most 100 items with the order row last: until it is
   * erased the order still answers to the phone, so a retry (of a failed chunk, or of the whole
   * request) finds it again and only the work left, since what is already erased is skipped.
   */
  private async eraseOrderOnce(orderId: string, storeId: string, phone: string, at: Date): Promise<boolean> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.orderPartition(orderId) },
      ConsistentRead: true,
    });
    const orderRow = items.find((item) => item.type === 'order');
    if (!orderRow) return false;
    const order = toOrder(orderRow);
    // The index may be stale; only this store's order for this very phone is erased.
    if (order.storeId !== storeId || order.customer.phone !== phone) return false;

    const writes = items.flatMap((item) => this.erasureOf(item));
    // The first response to the creating Idempotency-Key request (name, masked phone) goes too.
    if (typeof orderRow.idempotencyRecordKey === 'string') {
      writes.push({ Delete: { TableName: this.tableName, Key: { pk: keys.idempotencyRecords, sk: orderRow.idempotencyRecordKey } } });
    }
    // The customer page's lookup goes with it: the link answers 404 from then on.
    if (typeof orderRow.pageToken === 'string') {
      writes.push({ Delete: { TableName: this.tableName, Key: keys.pageLink(orderRow.pageToken) } });
    }
    writes.push(this.orderErasure(orderRow, at));
    for (let start = 0; start < writes.length; start += TRANSACTION_ITEMS) {
      await this.db.send(new TransactWriteCommand({ TransactItems: writes.slice(start, start + TRANSACTION_ITEMS) }));
    }
    return true;
  }

  /**
   * Only the customer's fields, and only if the version is still the one read: a move in between
   * may have added a note to redact. The version itself is kept: erasure is not a lifecycle change
   * and must not trigger an SMS.
   */
  private orderErasure(orderRow: Item, at: Date): TransactItem {
    const erased = eraseOrderCustomer(toOrder(orderRow), at);
    return {
      Update: {
        TableName: this.tableName,
        Key: keys.order(erased.id),
        UpdateExpression: 'SET #customer = :customer, #issue = :issue, #erasedAt = :erasedAt REMOVE #pageToken',
        ConditionExpression: '#version = :read',
        ExpressionAttributeNames: { '#customer': 'customer', '#issue': 'issue', '#erasedAt': 'personalDataErasedAt', '#version': 'version', '#pageToken': 'pageToken' },
        ExpressionAttributeValues: { ':customer': erased.customer, ':issue': erased.issue, ':erasedAt': erased.personalDataErasedAt, ':read': orderRow.version },
      },
    };
  }

  /** The write that erases one item beside the order, if it holds anything to erase. */
  private erasureOf(item: Item): TransactItem[] {
    const key = { pk: item.pk, sk: item.sk };
    if (item.type === 'event') {
      const event = toEvent(item);
      const erased = eraseEventNotes(event);
      if (same(erased, event)) return [];
      // Events are written once and never change: the write only needs the event still there.
      return [this.update(key, { note: erased.note, reason: erased.reason }, 'attribute_exists(pk)', {})];
    }
    if (item.type === 'escalation') {
      const escalation = toEscalation(item);
      const erased = eraseEscalationNotes(escalation);
      if (same(erased, escalation)) return [];
      // Raising and resolving are the other writes to an escalation, and each changes its state.
      return [this.update(key, { notes: erased.notes, resolution: erased.resolution, raised: erased.raised }, '#state = :state', { '#state': 'state' }, { ':state': escalation.state })];
    }
    if (item.type === 'pageRating' || item.type === 'problemReport') {
      // What the customer typed on their page: a number in it goes, like one in a note. Written once, never changed.
      const field = item.type === 'pageRating' ? 'comment' : 'description';
      const text = typeof item[field] === 'string' ? (item[field] as string) : null;
      const erased = redactPhonesInText(text);
      return erased === text ? [] : [this.update(key, { [field]: erased }, 'attribute_exists(pk)', {})];
    }
    if (item.type === 'followUp') {
      const task = toFollowUp(item);
      const erased = eraseFollowUpCustomer(task);
      if (same(erased, task)) return [];
      // Every other write to a call (due, an outcome, a retry) changes its state or attempt; the
      // whole item is rewritten because leaving the queue changes its index entries too.
      return [
        {
          Put: {
            TableName: this.tableName,
            Item: followUpItem(erased),
            ConditionExpression: '#state = :state AND attempt = :attempt',
            ExpressionAttributeNames: { '#state': 'state' },
            ExpressionAttributeValues: { ':state': task.state, ':attempt': task.attempt },
          },
        },
      ];
    }
    return [];
  }

  private update(
    Key: Record<string, unknown>,
    fields: Record<string, unknown>,
    condition: string,
    names: Record<string, string>,
    values: Record<string, unknown> = {},
  ): TransactItem {
    const entries = Object.entries(fields);
    return {
      Update: {
        TableName: this.tableName,
        Key,
        UpdateExpression: `SET ${entries.map((_, i) => `#f${i} = :f${i}`).join(', ')}`,
        ConditionExpression: condition,
        ExpressionAttributeNames: { ...names, ...Object.fromEntries(entries.map(([field], i) => [`#f${i}`, field])) },
        ExpressionAttributeValues: { ...values, ...Object.fromEntries(entries.map(([, value], i) => [`:f${i}`, value])) },
      },
    };
  }

  /** Drops what still links the table to the number: the index entries and the opt-out records (SMS and WhatsApp). */
  async forget(storeId: string, phone: string, orderIds: string[]): Promise<void> {
    const hash = phoneHash(phone);
    const deletions = [...orderIds.map((id) => keys.customerOrder(storeId, hash, id)), keys.smsOptOut(hash), keys.whatsappOptOut(hash)];
    for (const Key of deletions) {
      await this.db.send(new DeleteCommand({ TableName: this.tableName, Key })).catch(translateStorageError);
    }
  }
}
