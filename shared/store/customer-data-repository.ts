import { DeleteCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { phoneHash } from '../domain/phone.js';
import { eraseFollowUpCustomer, eraseOrderCustomer, redactPhonesInText } from '../domain/privacy.js';
import type { CustomerDataRepository } from '../usecases/ports.js';
import { translateStorageError } from './errors.js';
import { escalationItem, followUpItem, orderItem, toEscalation, toFollowUp, toOrder, type Item } from './items.js';
import { keys } from './keys.js';
import { queryAll } from './query-all.js';
import { parseEscalationId } from '../domain/escalation.js';

/**
 * Erasure on request, without a Scan: the customer index names the store's orders for the phone;
 * each order's partition (order, history, calls, escalations) is rewritten in one transaction.
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

    const rewrites: Item[] = [{ ...orderRow, ...orderItem(eraseOrderCustomer(order, at)) }];
    for (const item of items) {
      if (item.type === 'followUp') rewrites.push(followUpItem(eraseFollowUpCustomer(toFollowUp(item))));
      if (item.type === 'escalation') {
        const escalation = toEscalation(item);
        rewrites.push(escalationItem({ ...escalation, notes: redactPhonesInText(escalation.notes) }, parseEscalationId(escalation.id)?.seq ?? 0));
      }
      if (item.type === 'event' && typeof item.note === 'string' && redactPhonesInText(item.note) !== item.note) {
        rewrites.push({ ...item, note: redactPhonesInText(item.note) });
      }
    }
    // The order's version is kept: this is not a lifecycle change and must not trigger an SMS.
    await this.db
      .send(new TransactWriteCommand({ TransactItems: rewrites.map((Item) => ({ Put: { TableName: this.tableName, Item } })) }))
      .catch(translateStorageError);
    return true;
  }

  /** Drops what still links the table to the number: the index entries and the opt-out record. */
  async forget(storeId: string, phone: string, orderIds: string[]): Promise<void> {
    const hash = phoneHash(phone);
    const deletions = [...orderIds.map((id) => keys.customerOrder(storeId, hash, id)), keys.smsOptOut(hash)];
    for (const Key of deletions) {
      await this.db.send(new DeleteCommand({ TableName: this.tableName, Key })).catch(translateStorageError);
    }
  }
}
