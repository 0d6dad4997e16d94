import { GetCommand, PutCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { withDefaults, type StoreSettings } from '../domain/store-settings.js';
import type { StoreRepository } from '../usecases/ports.js';
import type { NewKey } from '../usecases/access-keys.js';
import type { StoreKeyRepository } from '../usecases/stores.js';
import { translateStorageError } from './errors.js';
import { keys } from './keys.js';

/** The store's item: its settings, and its place in the network's list of stores (gsi1). */
export function storeItem(store: StoreSettings): Record<string, unknown> {
  return { ...keys.store(store.id), type: 'store', ...store, gsi1pk: keys.networkStores, gsi1sk: store.id };
}

export class DynamoStoreRepository implements StoreRepository, StoreKeyRepository {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly tableName: string) {}

  async get(storeId: string): Promise<StoreSettings | null> {
    const result = await this.db
      .send(new GetCommand({ TableName: this.tableName, Key: keys.store(storeId) }))
      .catch(translateStorageError);
    if (!result.Item) return null;
    const { pk: _pk, sk: _sk, type: _type, gsi1pk: _gsi1pk, gsi1sk: _gsi1sk, ...settings } = result.Item;
    return withDefaults(settings as StoreSettings);
  }

  /**
   * The store, its access state and its first API key land together; only the key's SHA-256 is
   * ever stored. The usage key (API Gateway's, not a credential: clients cannot present it) sits
   * beside storeId on the key's item, which the authorizer reads in one GetItem.
   */
  async create(store: StoreSettings, firstKey: NewKey): Promise<void> {
    const { info } = firstKey;
    const put = (Item: Record<string, unknown>) => ({ Put: { TableName: this.tableName, Item, ConditionExpression: 'attribute_not_exists(pk)' } });
    await this.db
      .send(
        new TransactWriteCommand({
          TransactItems: [
            put(storeItem(store)),
            put({ ...keys.storeAccess(store.id), type: 'storeAccess', activeKeys: 1, storeState: 'active' }),
            put({
              ...keys.apiKey(firstKey.keyHash),
              type: 'apiKey',
              kind: 'store',
              storeId: store.id,
              storeState: 'active',
              keyId: info.keyId,
              label: info.label,
              prefix: info.prefix,
              usageKey: firstKey.usageKey,
              createdAt: info.createdAt,
            }),
            put({ ...keys.keyInfo(keys.storePartition(store.id), info.keyId), type: 'apiKeyInfo', ...info, keyHash: firstKey.keyHash }),
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
          Item: storeItem(store),
          ConditionExpression: 'attribute_exists(pk)',
        }),
      )
      .catch(translateStorageError);
  }
}
