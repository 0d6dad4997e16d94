import { newId } from '../domain/ids.js';
import { NotFoundError, ConflictError } from '../domain/errors.js';
import { campaignApplies, cancelCampaign, extendWarranty, newCampaign, type WarrantyCampaign } from '../domain/warranty-campaign.js';
import type { Warranty } from '../domain/warranty.js';
import { audit, type AuditActor, type AuditLog } from './network.js';
import type { StoreRepository } from './ports.js';
import type { JobBudget, JobSummary } from './jobs.js';

export type WarrantyStep = 'remind' | 'expire';
export type ExtensionOutcome = 'extended' | 'already' | 'changed' | 'stopped';

export interface CampaignPage {
  items: { warranty: Warranty; nextAction: WarrantyStep | null }[];
  nextCursor: string | null;
  readUnits: number;
}

export interface CampaignRepository {
  create(campaign: WarrantyCampaign): Promise<void>;
  get(id: string): Promise<WarrantyCampaign | null>;
  /** The running campaigns (a few at most). */
  running(): Promise<WarrantyCampaign[]>;
  cancel(campaign: WarrantyCampaign): Promise<boolean>;
  /** One page of warranties by last day, from the campaign's cursor. */
  page(campaign: WarrantyCampaign, limit: number): Promise<CampaignPage>;
  extendOnce(campaign: WarrantyCampaign, before: CampaignPage['items'][number], after: Warranty, now: Date): Promise<ExtensionOutcome>;
  /** Moves the cursor from where `campaign` had it; false when another run did, or it stopped. */
  commitPage(campaign: WarrantyCampaign, nextCursor: string | null, matched: number, at: Date): Promise<boolean>;
}

export interface CampaignDeps {
  campaigns: CampaignRepository;
  stores: Pick<StoreRepository, 'get'>;
  audit: AuditLog;
  now: () => Date;
}

export interface CampaignInput {
  expiringFrom: string;
  expiringTo: string;
  days: number;
  models?: string[] | undefined;
  countries?: string[] | undefined;
  reason: string;
}

export async function startCampaign(deps: CampaignDeps, actor: AuditActor, input: CampaignInput): Promise<WarrantyCampaign> {
  const now = deps.now();
  const campaign = newCampaign({ ...input, id: `wx_${newId(now.getTime())}`, at: now });
  await deps.campaigns.create(campaign);
  await audit(deps, actor, 'warranty-extension.start', { campaignId: campaign.id });
  return campaign;
}

export async function getCampaign(deps: Pick<CampaignDeps, 'campaigns'>, id: string): Promise<WarrantyCampaign> {
  const campaign = await deps.campaigns.get(id);
  if (!campaign) throw new NotFoundError('warranty extension', id);
  return campaign;
}

export async function stopCampaign(deps: CampaignDeps, actor: AuditActor, id: string): Promise<WarrantyCampaign> {
  const cancelled = cancelCampaign(await getCampaign(deps, id), deps.now());
  if (!(await deps.campaigns.cancel(cancelled))) throw new ConflictError('The campaign finished or was cancelled meanwhile', 'completed');
  await audit(deps, actor, 'warranty-extension.cancel', { campaignId: id });
  return getCampaign(deps, id);
}

/** At most this many extensions a second per job: 1 M warranties in about 83 minutes, each a transaction of three small writes. */
export const MAX_EXTENSIONS_PER_SECOND = 200;

export interface CampaignRunDeps extends Pick<CampaignDeps, 'campaigns' | 'stores'> {
  now: () => Date;
  /** Waits so that pages go no faster than the throttle (tests pass a no-op). */
  pace: (ms: number) => Promise<void>;
  extensionsPerSecond: number;
}

/**
 * The campaign job: each running campaign a page at a time from its cursor. A page is committed
 * (cursor moved, matches counted) only from the cursor this run read, so a duplicate run, a retry
 * after a crash or two jobs at once never extend a warranty twice (each extension's marker) nor
 * count a page twice; a failed item leaves the page uncommitted for the next run.
 */
export async function runCampaignJob(deps: CampaignRunDeps, at: Date, budget: JobBudget): Promise<JobSummary> {
  const summary: JobSummary = { job: 'campaigns', at: at.toISOString(), examined: 0, changed: 0, failed: 0, pages: 0, readUnits: 0, complete: true };
  const countries = new Map<string, string | null>();
  const countryOf = async (storeId: string) => {
    if (!countries.has(storeId)) countries.set(storeId, (await deps.stores.get(storeId))?.country ?? null);
    return countries.get(storeId)!;
  };
  for (const listed of await deps.campaigns.running()) {
    let campaign: WarrantyCampaign | null = listed;
    while (campaign?.state === 'running') {
      if (!budget.hasTime()) {
        summary.complete = false;
        return summary;
      }
      const started = Date.now();
      const page = await deps.campaigns.page(campaign, budget.pageSize);
      summary.pages++;
      summary.readUnits += page.readUnits;
      let matched = 0;
      let failed = false;
      for (const item of page.items) {
        summary.examined++;
        if (!campaignApplies(campaign, item.warranty, await countryOf(item.warranty.storeId))) continue;
        matched++;
        try {
          const outcome = await deps.campaigns.extendOnce(campaign, item, extendWarranty(item.warranty, campaign, deps.now()), deps.now());
          if (outcome === 'extended') summary.changed++;
          if (outcome === 'stopped') break;
          if (outcome === 'changed') failed = true;
        } catch (error) {
          failed = true;
          budget.onItemError?.(error);
        }
      }
      if (failed) {
        // The page stays where it was: the next run reads it again (extended ones are skipped then).
        summary.failed++;
        break;
      }
      if (!(await deps.campaigns.commitPage(campaign, page.nextCursor, matched, deps.now()))) break;
      campaign = page.nextCursor === null ? null : await deps.campaigns.get(campaign.id);
      const floor = (page.items.length / deps.extensionsPerSecond) * 1000 - (Date.now() - started);
      if (floor > 0) await deps.pace(floor);
    }
  }
  return summary;
}
