import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import { withDefaults, type StoreSettings } from '../domain/store-settings.js';
import type { AuditEntry, AuditLog, NetworkStoreDirectory } from '../usecases/network.js';
import type { Page } from '../usecases/ports.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { translateStorageError } from './errors.js';
import { keys } from './keys.js';

/** Audit entries are kept 400 days (the table's TTL deletes them after). */
export const AUDIT_RETENTION_DAYS = 400;

/**
 * The audit log: one partition sorted by time, newest first. Network actions are rare (onboarding,
 * rotation, suspension: a handful per minute at most), far below a partition's write limit.
 */
export class DynamoAuditLog implements AuditLog {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly tableName: string) {}

  async record(entry: AuditEntry): Promise<void> {
    const id = randomBytes(8).toString('hex');
    await this.db
      .send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...keys.auditEntry(entry.at, id),
            type: 'audit',
            ...entry,
            expiresAt: Math.floor(Date.parse(entry.at) / 1000) + AUDIT_RETENTION_DAYS * 86_400,
          },
        }),
      )
      .catch(translateStorageError);
  }

  async list(query: { from?: string | undefined; to?: string | undefined; limit: number; cursor?: string | undefined }): Promise<Page<AuditEntry>> {
    const position = query.cursor ? decodeCursor(query.cursor) : undefined;
    // Sort keys are "<ISO time>#<id>": '#' < '~', so "<to>~" bounds every entry at `to`.
    const from = query.from ? new Date(query.from).toISOString() : '0';
    const to = query.to ? `${new Date(query.to).toISOString()}~` : '~';
    const result = await this.db
      .send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':pk': keys.auditPartition, ':from': from, ':to': to },
          ScanIndexForward: false,
          Limit: query.limit + 1,
          ExclusiveStartKey: position ? { pk: keys.auditPartition, sk: position.s } : undefined,
        }),
      )
      .catch(translateStorageError);
    const items = result.Items ?? [];
    const page = items.slice(0, query.limit);
    const entries = page.map(({ at, actor, action, target }) => ({ at, actor, action, target }) as AuditEntry);
    const last = page[page.length - 1];
    return { items: entries, nextCursor: items.length > query.limit && last ? encodeCursor({ s: String(last.sk), id: 'audit' }) : null };
  }
}

/** The network's stores in gsi1 under NETWORK#STORES (ids are ULIDs, so newest first is descending). */
export class DynamoStoreDirectory implements NetworkStoreDirectory {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly tableName: string) {}

  async list(query: { limit: number; cursor?: string | undefined }): Promise<Page<StoreSettings>> {
    const position = query.cursor ? decodeCursor(query.cursor) : undefined;
    const result = await this.db
      .send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': keys.networkStores },
          ScanIndexForward: false,
          Limit: query.limit + 1,
          ExclusiveStartKey: position ? { ...keys.store(position.id), gsi1pk: keys.networkStores, gsi1sk: position.id } : undefined,
        }),
      )
      .catch(translateStorageError);
    const items = result.Items ?? [];
    const page = items.slice(0, query.limit).map(({ pk: _pk, sk: _sk, type: _type, gsi1pk: _a, gsi1sk: _b, ...settings }) => withDefaults(settings as StoreSettings));
    const last = page[page.length - 1];
    return { items: page, nextCursor: items.length > query.limit && last ? encodeCursor({ s: last.id, id: last.id }) : null };
  }
}
