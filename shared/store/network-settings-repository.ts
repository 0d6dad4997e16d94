import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { NetworkSettingsPatch } from '../domain/network-settings.js';
import type { NetworkSettingsRepository, StoredNetworkSettings } from '../usecases/network-settings.js';
import { translateStorageError } from './errors.js';
import type { Item } from './items.js';
import { keys } from './keys.js';

const fieldsOf = ({ pk: _pk, sk: _sk, type: _type, ...fields }: Item) => fields as unknown as StoredNetworkSettings;

/** The network's settings item (NETWORK#SETTINGS): absent until HQ first sets something. */
export class DynamoNetworkSettingsRepository implements NetworkSettingsRepository {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly tableName: string) {}

  async get(): Promise<StoredNetworkSettings | null> {
    const result = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.networkSettings })).catch(translateStorageError);
    return result.Item ? fieldsOf(result.Item) : null;
  }

  /** SET of the changed fields only: two changes of different fields at once both stay (a merge, no read-modify-write). */
  async update(changes: NetworkSettingsPatch, at: string): Promise<StoredNetworkSettings> {
    const entries = Object.entries(changes).filter(([, value]) => value !== undefined);
    const names = Object.fromEntries(entries.map(([field], i) => [`#f${i}`, field]));
    const values = Object.fromEntries(entries.map(([, value], i) => [`:v${i}`, value]));
    const result = await this.db
      .send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.networkSettings,
          UpdateExpression: `SET #type = :type, updatedAt = :at${entries.map((_, i) => `, #f${i} = :v${i}`).join('')}`,
          ExpressionAttributeNames: { '#type': 'type', ...names },
          ExpressionAttributeValues: { ':type': 'networkSettings', ':at': at, ...values },
          ReturnValues: 'ALL_NEW',
        }),
      )
      .catch(translateStorageError);
    return fieldsOf(result.Attributes ?? {});
  }
}
