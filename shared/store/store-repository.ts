import { GetCommand, PutCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { withDefaults, type StoreSettings } from '../domain/store-settings.js';
import type { StoreRepository } from '../usecases/ports.js';
import type { ApiKeyRecord, StoreKeyRepository } from '../usecases/stores.js';
import { translateStorageError } from './errors.js';
import { keys } from './keys.js';

export class DynamoStoreRepository implements StoreRepository, StoreKeyRepository {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly tableName: string) {}

  async get(storeId: string): Promise<StoreSettings | null> {
    const result = await this.db
      .send(new GetCommand({ TableName: this.tableName, Key: keys.store(storeId) }))
      .catch(translateStorageError);
    if (!result.Item) return null;
    const { pk: _pk, sk: _sk, type: _type, ...settings } = result.Item;
    return withDefaults(settings as StoreSettings);
  }

  /**
   * The store and its first API key land together; only the key's SHA-256 is ever stored. The
   * usage key (API Gateway's, not a credential: clients cannot present it) sits beside storeId.
   */
  async create(store: StoreSettings, apiKeyHash: string, usageKey?: string): Promise<void> {
    await this.db
      .send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: { ...keys.store(store.id), type: 'store', ...store },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  ...keys.apiKey(apiKeyHash),
                  type: 'apiKey',
                  storeId: store.id,
                  ...(usageKey ? { usageKey } : {}),
                  createdAt: new Date().toISOString(),
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        }),
      )
      .catch(translateStorageError);
  }

  async save(store: StoreSettings): Promise<void> {
    await this.db
      .send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.store(store.id), type: 'store', ...store },
          ConditionExpression: 'attribute_exists(pk)',
        }),
      )
      .catch(translateStorageError);
  }

  async findStoreIdByApiKeyHash(apiKeyHash: string): Promise<string | null> {
    return (await this.findApiKey(apiKeyHash))?.storeId ?? null;
  }

  async findApiKey(apiKeyHash: string): Promise<ApiKeyRecord | null> {
    const result = await this.db
      .send(new GetCommand({ TableName: this.tableName, Key: keys.apiKey(apiKeyHash) }))
      .catch(translateStorageError);
    const { storeId, usageKey } = result.Item ?? {};
    if (typeof storeId !== 'string') return null;
    return { storeId, usageKey: typeof usageKey === 'string' ? usageKey : null };
  }
}
