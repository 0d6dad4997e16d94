import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Programme } from '../domain/quote.js';
import type { PriceList, PriceRepository } from '../usecases/ports.js';
import { translateStorageError } from './errors.js';
import { keys } from './keys.js';
import { queryAll } from './query-all.js';

/** One item for the whole list (replaced whole, read with one GetItem), and a small partition of programmes. */
export class DynamoPriceRepository implements PriceRepository {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly tableName: string) {}

  async list(): Promise<PriceList | null> {
    const result = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.priceList })).catch(translateStorageError);
    if (!result.Item) return null;
    const { items, taxPercent, updatedAt } = result.Item as PriceList;
    return { items, taxPercent: taxPercent ?? {}, updatedAt };
  }

  async replace(list: PriceList): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.tableName, Item: { ...keys.priceList, type: 'priceList', ...list } })).catch(translateStorageError);
  }

  async programmes(): Promise<Programme[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.programmes },
    });
    return items.map(({ id, kind, models, percentOff, from, to }) => ({ id, kind, models, percentOff, from, to }) as Programme);
  }

  async addProgramme(programme: Programme): Promise<void> {
    await this.db
      .send(new PutCommand({ TableName: this.tableName, Item: { ...keys.programme(programme.id), type: 'programme', ...programme }, ConditionExpression: 'attribute_not_exists(pk)' }))
      .catch(translateStorageError);
  }
}
