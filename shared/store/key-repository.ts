import { GetCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isNetworkScope, type StoreState } from '../domain/access.js';
import { ConflictError, NotFoundError } from '../domain/errors.js';
import { MAX_ACTIVE_KEYS, legacyKeyId, type KeyGrant, type KeyInfo, type KeyOwner, type KeyRepository, type NewKey } from '../usecases/access-keys.js';
import { cancellationCodes, isConditionFailure, translateStorageError } from './errors.js';
import { keys } from './keys.js';

type Item = Record<string, unknown>;
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const ownerPartition = (owner: KeyOwner | { kind: 'store' | 'network'; storeId?: string | null }) =>
  owner.kind === 'store' ? keys.storePartition((owner as { storeId: string }).storeId) : keys.networkPartition;

function toInfo(item: Item): KeyInfo {
  return {
    keyId: String(item.keyId),
    label: String(item.label),
    prefix: String(item.prefix),
    state: item.state === 'revoked' ? 'revoked' : 'active',
    createdAt: String(item.createdAt),
    lastUsedAt: str(item.lastUsedAt),
  };
}

/**
 * Keys in the table. The authorizer's item (APIKEY#<sha256>) carries everything a request needs,
 * the store's state included, so authorizing stays one GetItem; the key's description lives in its
 * owner's partition (KEY#<id>) with the hash, so revoking by id finds the item to delete. A store's
 * ACCESS item counts its active keys: the count's condition keeps the last key from being revoked,
 * even by two revocations at once.
 */
export class DynamoKeyRepository implements KeyRepository {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly tableName: string) {}

  private get(key: { pk: string; sk: string }): Promise<Item | undefined> {
    return this.db
      .send(new GetCommand({ TableName: this.tableName, Key: key }))
      .then((r) => r.Item)
      .catch(translateStorageError);
  }

  async findGrant(keyHash: string): Promise<KeyGrant | null> {
    const item = await this.get(keys.apiKey(keyHash));
    if (!item) return null;
    const storeId = str(item.storeId);
    const kind = item.kind === 'network' ? 'network' : 'store';
    if (kind === 'store' && !storeId) return null;
    const legacy = kind === 'store' && !str(item.keyId);
    // A legacy item never saw a suspension: its store's state is read beside it until it is migrated.
    const storeState = legacy ? ((await this.get(keys.storeAccess(storeId!)))?.storeState ?? 'active') : item.storeState;
    return {
      kind,
      keyId: str(item.keyId) ?? legacyKeyId(keyHash),
      label: str(item.label) ?? 'original key',
      storeId,
      scopes: Array.isArray(item.scopes) ? (item.scopes as string[]).filter(isNetworkScope) : [],
      usageKey: str(item.usageKey),
      storeState: storeState === 'suspended' ? 'suspended' : 'active',
      lastUsedAt: str(item.lastUsedAt),
      legacy,
    };
  }

  async addKey(owner: KeyOwner, key: NewKey): Promise<void> {
    const { info } = key;
    const grantItem: Item = {
      ...keys.apiKey(key.keyHash),
      type: 'apiKey',
      kind: owner.kind,
      keyId: info.keyId,
      label: info.label,
      prefix: info.prefix,
      usageKey: key.usageKey,
      createdAt: info.createdAt,
    };
    const infoItem: Item = { ...keys.keyInfo(ownerPartition(owner), info.keyId), type: 'apiKeyInfo', ...info, keyHash: key.keyHash };
    const puts = [
      { Put: { TableName: this.tableName, Item: grantItem, ConditionExpression: 'attribute_not_exists(pk)' } },
      { Put: { TableName: this.tableName, Item: infoItem, ConditionExpression: 'attribute_not_exists(pk)' } },
    ];
    if (owner.kind === 'network') {
      grantItem.scopes = owner.scopes;
      await this.db.send(new TransactWriteCommand({ TransactItems: puts })).catch(translateStorageError);
      return;
    }
    const state = await this.storeState(owner.storeId);
    if (!state) throw new NotFoundError('store', owner.storeId);
    Object.assign(grantItem, { storeId: owner.storeId, storeState: state });
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            ...puts,
            {
              // The key copies the store's state; a suspension in between fails this condition.
              Update: {
                TableName: this.tableName,
                Key: keys.storeAccess(owner.storeId),
                UpdateExpression: 'SET activeKeys = if_not_exists(activeKeys, :zero) + :one, storeState = if_not_exists(storeState, :active)',
                ConditionExpression:
                  '(attribute_not_exists(activeKeys) OR activeKeys < :max) AND ' +
                  (state === 'active' ? '(attribute_not_exists(storeState) OR storeState = :active)' : 'storeState = :state'),
                ExpressionAttributeValues: { ':zero': 0, ':one': 1, ':active': 'active', ':max': MAX_ACTIVE_KEYS, ...(state === 'active' ? {} : { ':state': state }) },
              },
            },
          ],
        }),
      );
    } catch (error) {
      if (isConditionFailure(error) && cancellationCodes(error)[2] === 'ConditionalCheckFailed') {
        throw new ConflictError(`A store has at most ${MAX_ACTIVE_KEYS} active keys (or its state just changed): revoke one first`, 'keys');
      }
      translateStorageError(error);
    }
  }

  async listKeys(owner: KeyOwner): Promise<KeyInfo[]> {
    const items: Item[] = [];
    let start: Item | undefined;
    do {
      const page = await this.db
        .send(
          new QueryCommand({
            TableName: this.tableName,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
            ExpressionAttributeValues: { ':pk': ownerPartition(owner), ':prefix': keys.keyInfoPrefix },
            ExclusiveStartKey: start,
          }),
        )
        .catch(translateStorageError);
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    return items.map(toInfo);
  }

  async revokeKey(owner: KeyOwner, keyId: string, at: string): Promise<void> {
    const infoKey = keys.keyInfo(ownerPartition(owner), keyId);
    const info = await this.get(infoKey);
    const keyHash = str(info?.keyHash);
    // Another owner's key is not in this partition: the same 404 as a key that never existed.
    if (!info) throw new NotFoundError('key', keyId);
    // Revoking again succeeds (and the caller flushes the cache again): a retry after a failed flush is meaningful.
    if (info.state === 'revoked' || !keyHash) return;
    const items: NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']> = [
      { Delete: { TableName: this.tableName, Key: keys.apiKey(keyHash), ConditionExpression: 'attribute_exists(pk)' } },
      {
        Update: {
          TableName: this.tableName,
          Key: infoKey,
          // The hash goes with the key: nothing of a revoked key can be matched again.
          UpdateExpression: 'SET #state = :revoked, revokedAt = :at REMOVE keyHash',
          ConditionExpression: '#state = :active',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':revoked': 'revoked', ':active': 'active', ':at': at },
        },
      },
    ];
    if (owner.kind === 'store') {
      items.push({
        Update: {
          TableName: this.tableName,
          Key: keys.storeAccess(owner.storeId),
          UpdateExpression: 'SET activeKeys = activeKeys - :one',
          ConditionExpression: 'activeKeys > :one',
          ExpressionAttributeValues: { ':one': 1 },
        },
      });
    }
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      if (!isConditionFailure(error)) translateStorageError(error);
      if (cancellationCodes(error)[2] === 'ConditionalCheckFailed') {
        throw new ConflictError('This is the store’s last active key: issue a new one before revoking it', 'last-active-key');
      }
      throw new NotFoundError('key', keyId);
    }
  }

  async touchKey(keyHash: string, grant: KeyGrant, at: string): Promise<void> {
    await this.db
      .send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.tableName,
                Key: keys.apiKey(keyHash),
                UpdateExpression: 'SET lastUsedAt = :at',
                ConditionExpression: 'attribute_exists(pk)',
                ExpressionAttributeValues: { ':at': at },
              },
            },
            {
              Update: {
                TableName: this.tableName,
                Key: keys.keyInfo(ownerPartition(grant), grant.keyId),
                UpdateExpression: 'SET lastUsedAt = :at',
                ConditionExpression: '#state = :active',
                ExpressionAttributeNames: { '#state': 'state' },
                ExpressionAttributeValues: { ':at': at, ':active': 'active' },
              },
            },
          ],
        }),
      )
      .catch((error: unknown) => (isConditionFailure(error) ? undefined : translateStorageError(error)));
  }

  /**
   * The lazy migration of a store's original key (created before key ids): on its first use it
   * gets an id, its place in the store's key list, a count in ACCESS and the store its place in the
   * network's store list. Conditional on not being migrated yet, so concurrent first uses agree.
   */
  async migrateLegacyKey(keyHash: string, grant: KeyGrant, prefix: string, at: string): Promise<void> {
    const storeId = grant.storeId!;
    const info: KeyInfo = { keyId: grant.keyId, label: grant.label, prefix, state: 'active', createdAt: at, lastUsedAt: at };
    await this.db
      .send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.tableName,
                Key: keys.apiKey(keyHash),
                UpdateExpression: 'SET kind = :store, keyId = :keyId, label = :label, prefix = :prefix, lastUsedAt = :at, storeState = :state',
                ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(keyId)',
                ExpressionAttributeValues: { ':store': 'store', ':keyId': grant.keyId, ':label': grant.label, ':prefix': prefix, ':at': at, ':state': grant.storeState },
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: { ...keys.keyInfo(keys.storePartition(storeId), grant.keyId), type: 'apiKeyInfo', ...info, keyHash },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Update: {
                TableName: this.tableName,
                Key: keys.storeAccess(storeId),
                UpdateExpression: 'SET activeKeys = if_not_exists(activeKeys, :zero) + :one, storeState = if_not_exists(storeState, :state)',
                ConditionExpression: 'attribute_not_exists(storeState) OR storeState = :state',
                ExpressionAttributeValues: { ':zero': 0, ':one': 1, ':state': grant.storeState },
              },
            },
            {
              Update: {
                TableName: this.tableName,
                Key: keys.store(storeId),
                UpdateExpression: 'SET gsi1pk = :stores, gsi1sk = :storeId',
                ConditionExpression: 'attribute_exists(pk)',
                ExpressionAttributeValues: { ':stores': keys.networkStores, ':storeId': storeId },
              },
            },
          ],
        }),
      )
      .catch((error: unknown) => (isConditionFailure(error) ? undefined : translateStorageError(error)));
  }

  async storeState(storeId: string): Promise<StoreState | null> {
    const [store, state] = await Promise.all([this.get(keys.store(storeId)), this.accessState(storeId)]);
    return store ? state : null;
  }

  async accessState(storeId: string): Promise<StoreState> {
    // A store from before ACCESS items has none until its key migrates or a suspension writes one: active.
    return (await this.get(keys.storeAccess(storeId)))?.storeState === 'suspended' ? 'suspended' : 'active';
  }

  /**
   * The state on ACCESS and on every active key's item, in one transaction conditioned on the
   * active-key count it saw: a key issued meanwhile fails it, and the caller's retry includes it.
   */
  async setStoreState(storeId: string, state: StoreState): Promise<void> {
    const [access, list] = await Promise.all([this.get(keys.storeAccess(storeId)), this.listKeyItems(storeId)]);
    const active = list.filter((item) => item.state === 'active' && str(item.keyHash));
    const seen = typeof access?.activeKeys === 'number' ? access.activeKeys : null;
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.tableName,
                Key: keys.storeAccess(storeId),
                UpdateExpression: 'SET storeState = :state, activeKeys = if_not_exists(activeKeys, :zero)',
                ConditionExpression: seen === null ? 'attribute_not_exists(activeKeys)' : 'activeKeys = :seen',
                ExpressionAttributeValues: { ':state': state, ':zero': 0, ...(seen === null ? {} : { ':seen': seen }) },
              },
            },
            ...active.map((item) => ({
              Update: {
                TableName: this.tableName,
                Key: keys.apiKey(String(item.keyHash)),
                UpdateExpression: 'SET storeState = :state',
                ConditionExpression: 'attribute_exists(pk)',
                ExpressionAttributeValues: { ':state': state },
              },
            })),
          ],
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) throw new ConflictError('The store’s keys changed meanwhile; retry', 'keys-changed');
      translateStorageError(error);
    }
  }

  private async listKeyItems(storeId: string): Promise<Item[]> {
    const result = await this.db
      .send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': keys.storePartition(storeId), ':prefix': keys.keyInfoPrefix },
        }),
      )
      .catch(translateStorageError);
    return result.Items ?? [];
  }
}
