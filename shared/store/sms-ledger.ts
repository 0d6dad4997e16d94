import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  changeTag,
  type ClaimResult,
  type SentDetails,
  type SentUpdate,
  type SkipReason,
  type SmsLedger,
  type SmsMarkerRef,
  type WhatsAppMessageRecord,
} from '../notify/ports.js';
import type { WhatsAppDelivery } from '../domain/message-channel.js';
import { isConditionFailure, translateStorageError } from './errors.js';
import { keys } from './keys.js';
import { phoneHash } from '../domain/phone.js';

/**
 * Longer than a publish can take: the SNS adapter gives up after PUBLISH_TIMEOUTS.deadlineMs (10 s, with
 * per-attempt timeouts and at most two attempts, shared/notify/sns-sender.ts). A claim older than
 * this belongs to a sender that died.
 */
export const CLAIM_LEASE_MS = 15_000;
/** Markers only need to outlive stream redelivery (24 h retention plus retries). */
const MARKER_TTL_SECONDS = 30 * 86_400;


export class DynamoSmsLedger implements SmsLedger {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly tableName: string) {}

  async claim(ref: SmsMarkerRef, now: Date): Promise<ClaimResult> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...keys.smsMarkerTagged(ref.orderId, ref.tag),
            type: 'smsMarker',
            state: 'sending',
            leaseUntil: now.getTime() + CLAIM_LEASE_MS,
            expiresAt: Math.floor(now.getTime() / 1000) + MARKER_TTL_SECONDS,
          },
          ConditionExpression: 'attribute_not_exists(pk) OR (#state = :sending AND leaseUntil < :now)',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':sending': 'sending', ':now': now.getTime() },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return 'claimed';
    } catch (error) {
      if (!isConditionFailure(error)) translateStorageError(error);
      const existing = (error as { Item?: Record<string, { S?: string }> }).Item;
      return existing?.state?.S === 'sending' ? 'in-flight' : 'done';
    }
  }

  async markSent(ref: SmsMarkerRef, details: SentDetails, update?: SentUpdate) {
    if (details.channel !== 'whatsapp') return this.finish(ref, { state: 'sent', ...details });
    // One write: a marker saying "sent on WhatsApp" without the record its failure event looks up
    // would leave an undeliverable update with no way to fall back to SMS.
    const now = new Date();
    await this.db
      .send(
        new TransactWriteCommand({
          TransactItems: [
            { Update: this.finishUpdate(ref, { state: 'sent', ...details }) },
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  ...keys.whatsappMessage(details.messageId),
                  type: 'whatsappMessage',
                  orderId: ref.orderId,
                  tag: ref.tag,
                  delivery: 'accepted',
                  fallback: 'none',
                  update: update ?? { template: details.template, language: details.language, values: {} },
                  at: now.toISOString(),
                  expiresAt: Math.floor(now.getTime() / 1000) + MARKER_TTL_SECONDS,
                },
              },
            },
          ],
        }),
      )
      .catch(translateStorageError);
  }

  async markSkipped(ref: SmsMarkerRef, reason: SkipReason) {
    await this.finish(ref, { state: 'skipped', reason });
  }

  /**
   * One Query, at most one item: change markers sort by their zero-padded version, so any marker
   * between the next version and the highest possible one is a later change. The upper bound keeps
   * the other markers of the order (`SMS#WARRANTY#…`, which sort after digits) out. Strongly
   * consistent: the later marker may have been written a moment ago by this same consumer.
   */
  async laterChangeHandled(orderId: string, version: number): Promise<boolean> {
    const result = await this.db
      .send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :after AND :last',
          ExpressionAttributeValues: {
            ':pk': keys.orderPartition(orderId),
            ':after': keys.smsMarkerTagged(orderId, changeTag(version + 1)).sk,
            ':last': keys.smsMarkerTagged(orderId, '9'.repeat(changeTag(0).length)).sk,
          },
          ProjectionExpression: 'sk',
          ConsistentRead: true,
          Limit: 1,
        }),
      )
      .catch(translateStorageError);
    return (result.Items ?? []).length > 0;
  }

  async release(ref: SmsMarkerRef): Promise<void> {
    await this.db
      .send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.smsMarkerTagged(ref.orderId, ref.tag),
          UpdateExpression: 'SET leaseUntil = :zero',
          ConditionExpression: '#state = :sending',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':zero': 0, ':sending': 'sending' },
        }),
      )
      .catch((error: unknown) => {
        if (!isConditionFailure(error)) translateStorageError(error);
      });
  }

  async isOptedOut(phone: string): Promise<boolean> {
    const result = await this.db
      .send(new GetCommand({ TableName: this.tableName, Key: keys.smsOptOut(phoneHash(phone)) }))
      .catch(translateStorageError);
    return result.Item !== undefined;
  }

  async recordOptOut(phone: string, at: Date): Promise<void> {
    await this.db
      .send(new PutCommand({ TableName: this.tableName, Item: { ...keys.smsOptOut(phoneHash(phone)), type: 'smsOptOut', at: at.toISOString() } }))
      .catch(translateStorageError);
  }

  async isWhatsAppOptedOut(phone: string): Promise<boolean> {
    const result = await this.db
      .send(new GetCommand({ TableName: this.tableName, Key: keys.whatsappOptOut(phoneHash(phone)) }))
      .catch(translateStorageError);
    return result.Item !== undefined;
  }

  async recordWhatsAppOptOut(phone: string, at: Date): Promise<void> {
    await this.db
      .send(new PutCommand({ TableName: this.tableName, Item: { ...keys.whatsappOptOut(phoneHash(phone)), type: 'whatsappOptOut', at: at.toISOString() } }))
      .catch(translateStorageError);
  }

  async whatsAppMessage(messageId: string): Promise<WhatsAppMessageRecord | null> {
    const result = await this.db
      .send(new GetCommand({ TableName: this.tableName, Key: keys.whatsappMessage(messageId), ConsistentRead: true }))
      .catch(translateStorageError);
    const item = result.Item;
    if (!item) return null;
    return {
      messageId,
      ref: { orderId: item.orderId as string, tag: item.tag as string },
      delivery: item.delivery as WhatsAppDelivery,
      fallback: item.fallback as WhatsAppMessageRecord['fallback'],
      update: item.update as SentUpdate,
    };
  }

  async recordDelivery(record: WhatsAppMessageRecord, next: WhatsAppDelivery): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.whatsappMessage(record.messageId),
          UpdateExpression: 'SET delivery = :next',
          ConditionExpression: 'delivery = :read',
          ExpressionAttributeValues: { ':next': next, ':read': record.delivery },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      return translateStorageError(error);
    }
  }

  async claimFallback(messageId: string, now: Date): Promise<ClaimResult> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.whatsappMessage(messageId),
          UpdateExpression: 'SET fallback = :sending, fallbackLeaseUntil = :lease',
          ConditionExpression: 'attribute_exists(pk) AND (fallback = :none OR (fallback = :sending AND fallbackLeaseUntil < :now))',
          ExpressionAttributeValues: { ':sending': 'sending', ':none': 'none', ':lease': now.getTime() + CLAIM_LEASE_MS, ':now': now.getTime() },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return 'claimed';
    } catch (error) {
      if (!isConditionFailure(error)) translateStorageError(error);
      const existing = (error as { Item?: Record<string, { S?: string }> }).Item;
      return existing?.fallback?.S === 'sending' ? 'in-flight' : 'done';
    }
  }

  async finishFallback(messageId: string, outcome: { state: 'sent'; smsMessageId: string } | { state: 'skipped'; reason: SkipReason }): Promise<void> {
    const details = outcome.state === 'sent' ? { ':detail': outcome.smsMessageId } : { ':detail': outcome.reason };
    await this.db
      .send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.whatsappMessage(messageId),
          UpdateExpression: 'SET fallback = :state, fallbackDetail = :detail, fallbackAt = :at REMOVE fallbackLeaseUntil',
          ExpressionAttributeValues: { ':state': outcome.state, ...details, ':at': new Date().toISOString() },
        }),
      )
      .catch(translateStorageError);
  }

  async releaseFallback(messageId: string): Promise<void> {
    await this.db
      .send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.whatsappMessage(messageId),
          UpdateExpression: 'SET fallbackLeaseUntil = :zero',
          ConditionExpression: 'fallback = :sending',
          ExpressionAttributeValues: { ':zero': 0, ':sending': 'sending' },
        }),
      )
      .catch((error: unknown) => {
        if (!isConditionFailure(error)) translateStorageError(error);
      });
  }

  private finishUpdate(ref: SmsMarkerRef, fields: Record<string, string | number | undefined>) {
    const names = Object.keys(fields).filter((n) => fields[n] !== undefined);
    return {
      TableName: this.tableName,
      Key: keys.smsMarkerTagged(ref.orderId, ref.tag),
      UpdateExpression: `SET ${names.map((n) => `#${n} = :${n}`).join(', ')}, finishedAt = :at REMOVE leaseUntil`,
      ExpressionAttributeNames: Object.fromEntries(names.map((n) => [`#${n}`, n])),
      ExpressionAttributeValues: { ...Object.fromEntries(names.map((n) => [`:${n}`, fields[n]])), ':at': new Date().toISOString() },
    };
  }

  private async finish(ref: SmsMarkerRef, fields: Record<string, string | number | undefined>) {
    await this.db.send(new UpdateCommand(this.finishUpdate(ref, fields))).catch(translateStorageError);
  }
}
