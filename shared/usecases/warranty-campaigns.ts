import { newId } from '../domain/ids.js';
import { NotFoundError, ConflictError } from '../domain/errors.js';
import { campaignApplies, cancelCampaign, extendWarranty, newCampaign, type WarrantyCampaign } from '../domain/warranty-campaign.js';
import type { Warranty } from '../domain/warranty.js';
import { insideSmsWindow, nextSmsWindow } from '../domain/quiet-hours.js';
import { audit, type AuditActor, type AuditLog } from './network.js';
import type { OrderRepository, StoreRepository } from './ports.js';
import { drainDue, messageWarrantyCustomer, storesReadOncePerRun, type JobBudget, type JobSummary } from './jobs.js';
import type { DueExtensionNotice, ExtensionNoticeQueue } from './job-ports.js';
import type { SmsDeps } from './send-sms.js';
import { throttle } from './throttle.js';

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
  /** The extension once; `noticeAt`: when to tell the customer (null: nobody to tell). */
  extendOnce(campaign: WarrantyCampaign, before: CampaignPage['items'][number], after: Warranty, now: Date, noticeAt: Date | null): Promise<ExtensionOutcome>;
  /** Moves the cursor from where `campaign` had it; false when another run did, or it stopped. */
  commitPage(campaign: WarrantyCampaign, nextCursor: string | null, at: Date): Promise<boolean>;
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
  if (!(await deps.campaigns.cancel(cancelled))) throw new ConflictError('The campaign finished or was cancelled meanwhile', (await getCampaign(deps, id)).state);
  await audit(deps, actor, 'warranty-extension.cancel', { campaignId: id });
  return getCampaign(deps, id);
}

/** At most this many extensions a second per job: 1 M warranties in about 83 minutes, each a transaction of three small writes. */
export const MAX_EXTENSIONS_PER_SECOND = 200;

/**
 * At most this many customer messages a second about extensions: a campaign's notices come in a
 * burst (one per opted-in customer), far above the trickle of status updates the SMS and WhatsApp
 * senders otherwise see; 20/s is ≈ 5 700 a 5-minute run.
 */
export const MAX_NOTICES_PER_SECOND = 20;

export interface CampaignRunDeps extends Pick<CampaignDeps, 'campaigns' | 'stores'> {
  now: () => Date;
  /** Waits so that pages go no faster than the throttle (tests pass a no-op). */
  pace: (ms: number) => Promise<void>;
  extensionsPerSecond: number;
  /** The customers to tell about their new end date (the job without it only extends). */
  notices?: NoticeDeps;
}

export interface NoticeDeps {
  queue: ExtensionNoticeQueue;
  orders: Pick<OrderRepository, 'get'>;
  sms: SmsDeps;
  noticesPerSecond: number;
}

/**
 * The campaigns job: the extensions first (they are what the campaign is for), then, with the
 * time left, the customers told about them inside their SMS window.
 */
export async function runCampaignJob(deps: CampaignRunDeps, at: Date, budget: JobBudget): Promise<JobSummary> {
  const extensions = await extendCampaigns(deps, at, budget);
  if (!deps.notices || !extensions.complete) return extensions;
  const notices = await runExtensionNotices({ ...deps.notices, stores: deps.stores, pace: deps.pace }, at, budget);
  return {
    ...extensions,
    examined: extensions.examined + notices.examined,
    changed: extensions.changed + notices.changed,
    failed: extensions.failed + notices.failed,
    pages: extensions.pages + notices.pages,
    readUnits: extensions.readUnits + notices.readUnits,
    complete: notices.complete,
  };
}

/**
 * Each running campaign a page at a time from its cursor. A page is committed (cursor moved) only
 * from the cursor this run read, so a duplicate run, a retry after a crash or two jobs at once
 * never extend a warranty twice (each extension's marker) nor count one twice (matched and
 * extended go with the extension); a failed item leaves the page uncommitted for the next run.
 * A repair warranty's extension queues its customer's notice, due at the first SMS window.
 */
async function extendCampaigns(deps: CampaignRunDeps, at: Date, budget: JobBudget): Promise<JobSummary> {
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
      let failed = false;
      for (const item of page.items) {
        summary.examined++;
        if (!campaignApplies(campaign, item.warranty, await countryOf(item.warranty.storeId))) continue;
        try {
          const now = deps.now();
          const noticeAt = deps.notices && item.warranty.orderId ? nextSmsWindow(now, item.warranty.timezone) : null;
          const outcome = await deps.campaigns.extendOnce(campaign, item, extendWarranty(item.warranty, campaign, now), now, noticeAt);
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
      if (!(await deps.campaigns.commitPage(campaign, page.nextCursor, deps.now()))) break;
      campaign = page.nextCursor === null ? null : await deps.campaigns.get(campaign.id);
      const floor = (page.items.length / deps.extensionsPerSecond) * 1000 - (Date.now() - started);
      if (floor > 0) await deps.pace(floor);
    }
  }
  return summary;
}

/**
 * The customers of extended repair warranties, each told once (ledger tag WEXT#<campaign>#<warranty>
 * on the order, so a re-run or a duplicate sends nothing more) of the new end date, in their
 * language, on the channel they chose, only between 09:00 and 20:00 of the store's clock: outside
 * it the notice waits for the next window. Erased or never consented: nothing is sent, and the
 * notice leaves the queue all the same.
 */
export function runExtensionNotices(deps: NoticeDeps & { stores: Pick<StoreRepository, 'get'>; pace: (ms: number) => Promise<void> }, at: Date, budget: JobBudget): Promise<JobSummary> {
  const storeOf = storesReadOncePerRun(deps.stores);
  const slots = throttle(deps.noticesPerSecond, () => Date.now(), deps.pace);
  return drainDue('campaigns', at, deps.queue.due, async (notice: DueExtensionNotice) => {
    if (!insideSmsWindow(at, notice.timezone)) {
      await deps.queue.reschedule(notice, nextSmsWindow(at, notice.timezone));
      return false;
    }
    await slots.ready();
    const sent = await messageWarrantyCustomer(deps, storeOf, {
      orderId: notice.orderId,
      tag: `WEXT#${notice.campaignId}#${notice.warrantyId}`,
      template: 'warranty_extended',
      timezone: notice.timezone,
      warrantyEndsOn: notice.endsAt,
    });
    // Only a message (or its attempt) takes a slot of the throttle: an erased customer's notice costs no wait.
    if (sent !== null) slots.used();
    return deps.queue.done(notice);
  }, budget);
}
