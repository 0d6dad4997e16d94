import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { parseEscalationId, type Escalation } from '../domain/escalation.js';
import { parseFollowUpId, type FollowUpTask } from '../domain/follow-up.js';
import { PreconditionFailedError } from '../domain/errors.js';
import type { EscalationRepository, FollowUpRepository, ListQuery, Page } from '../usecases/ports.js';
import type { EscalationState } from '../domain/escalation.js';
import type { FollowUpState } from '../domain/follow-up.js';
import { isConditionFailure, translateStorageError } from './errors.js';
import { escalationItem, followUpItem, toEscalation, toFollowUp } from './items.js';
import { keys } from './keys.js';
import { readStoreQueue } from './list-page.js';

const followUpKey = (id: string) => {
  const parsed = parseFollowUpId(id);
  return parsed ? keys.followUp(parsed.orderId, parsed.seq) : null;
};
const escalationKey = (id: string) => {
  const parsed = parseEscalationId(id);
  return parsed ? keys.escalation(parsed.orderId, parsed.seq) : null;
};

export class DynamoFollowUpRepository implements FollowUpRepository {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly tableName: string) {}

  private async getItem(key: { pk: string; sk: string } | null) {
    if (!key) return undefined;
    const result = await this.db.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true })).catch(translateStorageError);
    return result.Item;
  }

  async get(id: string): Promise<FollowUpTask | null> {
    const item = await this.getItem(followUpKey(id));
    return item?.type === 'followUp' ? toFollowUp(item) : null;
  }

  list(query: ListQuery<FollowUpState>): Promise<Page<FollowUpTask>> {
    return readStoreQueue(this.db, this.tableName, keys.storeFollowUps(query.storeId, query.state), query, followUpKey, toFollowUp, (t) =>
      keys.dueAt(t.dueAt, t.id),
    );
  }

  async saveOutcome(previous: FollowUpTask, next: FollowUpTask, escalation: Escalation | null): Promise<void> {
    await this.transact([
      {
        Put: {
          TableName: this.tableName,
          Item: followUpItem(next),
          ConditionExpression: '#state = :state AND attempt = :attempt',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':state': previous.state, ':attempt': previous.attempt },
        },
      },
      ...(escalation
        ? [{ Put: { TableName: this.tableName, Item: escalationItem(escalation, next.seq), ConditionExpression: 'attribute_not_exists(pk)' } }]
        : []),
    ]);
  }

  /** Escalation ids carry the follow-up's position, so an escalation is found with one GetItem. */
  async getEscalation(id: string): Promise<Escalation | null> {
    const item = await this.getItem(escalationKey(id));
    return item?.type === 'escalation' ? toEscalation(item) : null;
  }

  listEscalations(query: ListQuery<EscalationState>): Promise<Page<Escalation>> {
    return readStoreQueue(this.db, this.tableName, keys.storeEscalations(query.storeId, query.state), query, escalationKey, toEscalation, (e) =>
      keys.dueAt(e.openedAt, e.id),
    );
  }

  listRaised(query: { limit: number; cursor?: string | undefined }): Promise<Page<Escalation>> {
    return readStoreQueue(this.db, this.tableName, keys.rdQueue, query, escalationKey, toEscalation, (e) => keys.dueAt(e.raised?.raisedAt ?? '', e.id), 'gsi2');
  }

  async raise(next: Escalation): Promise<void> {
    await this.transact([{ Put: this.escalationPut(next, 'open') }]);
  }

  async resolve(next: Escalation, callback: FollowUpTask, from: EscalationState): Promise<void> {
    await this.transact([
      { Put: this.escalationPut(next, from) },
      { Put: { TableName: this.tableName, Item: followUpItem(callback), ConditionExpression: 'attribute_not_exists(pk)' } },
    ]);
  }

  /** The escalation rewritten whole (its index entries follow its state), only if still in state `from`. */
  private escalationPut(next: Escalation, from: EscalationState) {
    return {
      TableName: this.tableName,
      Item: escalationItem(next, parseEscalationId(next.id)?.seq ?? 0),
      ConditionExpression: '#state = :from',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':from': from },
    };
  }

  private async transact(items: NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>) {
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      // Someone recorded or resolved it first: the caller's view is stale.
      if (isConditionFailure(error)) throw new PreconditionFailedError(null);
      translateStorageError(error);
    }
  }
}

/** The escalation port over the same adapter: both live beside their order. */
export function escalationRepository(repository: DynamoFollowUpRepository): EscalationRepository {
  return {
    get: (id) => repository.getEscalation(id),
    list: (query) => repository.listEscalations(query),
    resolve: (next, callback, from) => repository.resolve(next, callback, from),
    raise: (next) => repository.raise(next),
    listRaised: (query) => repository.listRaised(query),
  };
}
