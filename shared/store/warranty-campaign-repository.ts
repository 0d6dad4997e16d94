import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { monthsOf, type WarrantyCampaign } from '../domain/warranty-campaign.js';
import { expiryAt, reminderDueAt, type Warranty } from '../domain/warranty.js';
import type { CampaignPage, CampaignRepository, ExtensionOutcome } from '../usecases/warranty-campaigns.js';
import { cancellationCodes, isConditionFailure, translateStorageError } from './errors.js';
import { toWarranty, warrantyItem, type Item, type WarrantyNextAction } from './items.js';
import { keys } from './keys.js';

const CAMPAIGN_FIELDS = ['id', 'state', 'expiringFrom', 'expiringTo', 'days', 'models', 'countries', 'reason', 'createdAt', 'updatedAt', 'matched', 'extended', 'cursor'] as const;
const toCampaign = (item: Item): WarrantyCampaign => {
  const campaign = Object.fromEntries(CAMPAIGN_FIELDS.map((f) => [f, item[f] ?? null])) as unknown as WarrantyCampaign;
  // Campaigns finished before the contract's name was followed were stored as 'completed'.
  return (campaign.state as string) === 'completed' ? { ...campaign, state: 'done' } : campaign;
};

/** The job's position: which month partition of gsi2, and the last key read in it. */
interface Cursor {
  month: string;
  start: Record<string, unknown> | null;
}

/**
 * Campaigns: one item each (in gsi3's CAMPAIGN due queue while running, so the job finds them
 * without a scan); warranties paged by their last day through gsi2 (WEXP#<yyyy-mm>); one marker
 * per warranty × campaign beside the warranty, written with the extension.
 */
export class DynamoCampaignRepository implements CampaignRepository {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly tableName: string) {}

  async create(campaign: WarrantyCampaign): Promise<void> {
    await this.db
      .send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.campaign(campaign.id), type: 'warrantyCampaign', ...campaign, gsi3pk: keys.dueQueue('CAMPAIGN'), gsi3sk: keys.dueAt(campaign.createdAt, campaign.id) },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      )
      .catch(translateStorageError);
  }

  async get(id: string): Promise<WarrantyCampaign | null> {
    const result = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.campaign(id), ConsistentRead: true })).catch(translateStorageError);
    return result.Item?.type === 'warrantyCampaign' ? toCampaign(result.Item) : null;
  }

  async running(): Promise<WarrantyCampaign[]> {
    const result = await this.db
      .send(new QueryCommand({ TableName: this.tableName, IndexName: 'gsi3', KeyConditionExpression: 'gsi3pk = :queue', ExpressionAttributeValues: { ':queue': keys.dueQueue('CAMPAIGN') }, Limit: 20 }))
      .catch(translateStorageError);
    return (result.Items ?? []).map(toCampaign);
  }

  /** Stops it: the next extension's write (which requires running) fails, mid-page too. */
  async cancel(campaign: WarrantyCampaign): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.campaign(campaign.id),
          UpdateExpression: 'SET #state = :cancelled, updatedAt = :at REMOVE gsi3pk, gsi3sk',
          ConditionExpression: '#state = :running',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':cancelled': 'cancelled', ':running': 'running', ':at': campaign.updatedAt },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      return translateStorageError(error);
    }
  }

  async page(campaign: WarrantyCampaign, limit: number): Promise<CampaignPage> {
    const months = monthsOf(campaign.expiringFrom, campaign.expiringTo);
    const at: Cursor = campaign.cursor ? (JSON.parse(campaign.cursor) as Cursor) : { month: months[0]!, start: null };
    const result = await this.db
      .send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'gsi2',
          KeyConditionExpression: 'gsi2pk = :month AND gsi2sk BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':month': keys.warrantyEndMonth(at.month), ':from': campaign.expiringFrom, ':to': `${campaign.expiringTo}#~` },
          Limit: limit,
          ExclusiveStartKey: at.start ?? undefined,
          ReturnConsumedCapacity: 'TOTAL',
        }),
      )
      .catch(translateStorageError);
    const items = (result.Items ?? []).filter((item) => item.type === 'warranty').map((item) => ({ warranty: toWarranty(item), nextAction: (item.nextAction ?? null) as WarrantyNextAction | null }));
    let next: Cursor | null = null;
    if (result.LastEvaluatedKey) next = { month: at.month, start: result.LastEvaluatedKey };
    else {
      const following = months[months.indexOf(at.month) + 1];
      next = following ? { month: following, start: null } : null;
    }
    return { items, nextCursor: next && JSON.stringify(next), readUnits: result.ConsumedCapacity?.CapacityUnits ?? 0 };
  }

  /**
   * The extension, its marker and the campaign's count in one transaction: the marker makes a
   * retry, a duplicate run or a re-run a no-op; the campaign must still be running; the warranty
   * must be as read (a job's reminder or expiry meanwhile: read again next page run).
   */
  async extendOnce(campaign: WarrantyCampaign, before: { warranty: Warranty; nextAction: WarrantyNextAction | null }, after: Warranty, now: Date, noticeAt: Date | null): Promise<ExtensionOutcome> {
    const next = nextStep(after, before.nextAction, now);
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.tableName, Item: campaignMarkerItem(campaign, after, now, noticeAt), ConditionExpression: 'attribute_not_exists(pk)' } },
            {
              Put: {
                TableName: this.tableName,
                Item: warrantyItem(after, next),
                ConditionExpression: before.nextAction === null ? 'endsAt = :endsAt AND attribute_type(nextAction, :step)' : 'endsAt = :endsAt AND nextAction = :step',
                ExpressionAttributeValues: { ':endsAt': before.warranty.endsAt, ':step': before.nextAction ?? 'NULL' },
              },
            },
            {
              Update: {
                TableName: this.tableName,
                Key: keys.campaign(campaign.id),
                // Matched and extended together: a run dying after this leaves both right for the re-run.
                UpdateExpression: 'ADD #extended :one, #matched :one',
                ConditionExpression: '#state = :running',
                ExpressionAttributeNames: { '#state': 'state', '#extended': 'extended', '#matched': 'matched' },
                ExpressionAttributeValues: { ':one': 1, ':running': 'running' },
              },
            },
          ],
        }),
      );
      return 'extended';
    } catch (error) {
      const [marker, warranty, state] = cancellationCodes(error);
      if (state === 'ConditionalCheckFailed') return 'stopped';
      if (marker === 'ConditionalCheckFailed') return 'already';
      if (warranty === 'ConditionalCheckFailed') return 'changed';
      return translateStorageError(error);
    }
  }

  /** The page is done: move the cursor (only from where this run started: a duplicate run commits nothing). */
  async commitPage(campaign: WarrantyCampaign, nextCursor: string | null, at: Date): Promise<boolean> {
    const done = nextCursor === null;
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.campaign(campaign.id),
          UpdateExpression: `SET #cursor = :next, updatedAt = :at${done ? ', #state = :done REMOVE gsi3pk, gsi3sk' : ''}`,
          ConditionExpression: `#state = :running AND ${campaign.cursor === null ? 'attribute_type(#cursor, :null)' : '#cursor = :current'}`,
          ExpressionAttributeNames: { '#state': 'state', '#cursor': 'cursor' },
          ExpressionAttributeValues: {
            ':next': nextCursor,
            ':at': at.toISOString(),
            ':running': 'running',
            ...(done && { ':done': 'done' }),
            ...(campaign.cursor === null ? { ':null': 'NULL' } : { ':current': campaign.cursor }),
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      return translateStorageError(error);
    }
  }
}

/**
 * The marker that keeps the extension once; with a customer to tell (a repair warranty's order),
 * it is also the notice, queued in gsi3 until sent: no extra item, no extra write.
 */
function campaignMarkerItem(campaign: WarrantyCampaign, after: Warranty, now: Date, noticeAt: Date | null): Item {
  const marker: Item = { ...keys.campaignMarker(after.deviceId, campaign.id, after.id), type: 'campaignMarker', at: now.toISOString() };
  if (!noticeAt || !after.orderId) return marker;
  const dueAt = noticeAt.toISOString();
  return {
    ...marker,
    campaignId: campaign.id,
    warrantyId: after.id,
    deviceId: after.deviceId,
    orderId: after.orderId,
    storeId: after.storeId,
    timezone: after.timezone,
    endsAt: after.endsAt,
    dueAt,
    gsi3pk: keys.dueQueue('WNOTICE'),
    gsi3sk: keys.noticeDueAt(dueAt, campaign.id, after.id),
  };
}

/** The warranty job's next step for the new end: a pending reminder or expiry moves with it; an expired warranty extended into the future runs again until its new end. */
function nextStep(after: Warranty, previous: WarrantyNextAction | null, now: Date): { action: WarrantyNextAction; at: Date } | null {
  if (previous === 'remind') return { action: 'remind', at: reminderDueAt(after) };
  const expiry = expiryAt(after);
  if (previous === 'expire' || expiry > now) return { action: 'expire', at: expiry };
  return null;
}
