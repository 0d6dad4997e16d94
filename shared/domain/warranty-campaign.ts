import { addDays } from './calendar.js';
import { ConflictError, RuleViolationError } from './errors.js';
import type { Warranty } from './warranty.js';

/**
 * A warranty extension campaign: every warranty whose last day falls in [expiringFrom,
 * expiringTo] (of the listed models and countries, when given) gets `days` more, once.
 */
export type CampaignState = 'running' | 'done' | 'cancelled';

export interface WarrantyCampaign {
  id: string;
  state: CampaignState;
  expiringFrom: string;
  expiringTo: string;
  days: number;
  /** Lower-cased; null: every model (warranties without a known model match only then). */
  models: string[] | null;
  /** ISO country codes of the granting stores; null: every country. */
  countries: string[] | null;
  reason: string;
  createdAt: string;
  updatedAt: string;
  /**
   * Warranties found in range that met the filters: each counted in the transaction that extends
   * it (every match is extended, or its page is read again), so exactly once, whatever dies when.
   */
  matched: number;
  /** Warranties extended: counted in the same write as each extension, so exactly. */
  extended: number;
  /** Where the job resumes: opaque to everything but the repository; null before the first page. */
  cursor: string | null;
}

export interface WarrantyExtension {
  campaignId: string;
  days: number;
  previousEndsAt: string;
  endsAt: string;
  at: string;
  reason: string;
}

/** The end dates a campaign pages through span at most a year (bounded work per campaign). */
export const MAX_CAMPAIGN_SPAN_DAYS = 366;

export function newCampaign(input: { id: string; expiringFrom: string; expiringTo: string; days: number; models?: string[] | undefined; countries?: string[] | undefined; reason: string; at: Date }): WarrantyCampaign {
  if (input.expiringTo < input.expiringFrom) throw new RuleViolationError('expiringTo', 'must not be before expiringFrom');
  if (addDays(input.expiringFrom, MAX_CAMPAIGN_SPAN_DAYS - 1) < input.expiringTo) throw new RuleViolationError('expiringTo', `the range may span at most ${MAX_CAMPAIGN_SPAN_DAYS} days`);
  const at = input.at.toISOString();
  return {
    id: input.id,
    state: 'running',
    expiringFrom: input.expiringFrom,
    expiringTo: input.expiringTo,
    days: input.days,
    models: input.models?.length ? [...new Set(input.models.map((m) => m.trim().toLowerCase()))] : null,
    countries: input.countries?.length ? [...new Set(input.countries.map((c) => c.toUpperCase()))] : null,
    reason: input.reason,
    createdAt: at,
    updatedAt: at,
    matched: 0,
    extended: 0,
    cursor: null,
  };
}

export function cancelCampaign(campaign: WarrantyCampaign, at: Date): WarrantyCampaign {
  if (campaign.state !== 'running') throw new ConflictError(`Only a running campaign can be cancelled; this one is ${campaign.state}`, campaign.state);
  return { ...campaign, state: 'cancelled', updatedAt: at.toISOString() };
}

/**
 * Whether the campaign applies to this warranty now: in range, of a listed model and country, and
 * not extended by this campaign already (an extended warranty moves later in the index and may be
 * met again in the same run).
 */
export function campaignApplies(campaign: WarrantyCampaign, warranty: Warranty, country: string | null): boolean {
  if (warranty.endsAt < campaign.expiringFrom || warranty.endsAt > campaign.expiringTo) return false;
  if ((warranty.extensions ?? []).some((e) => e.campaignId === campaign.id)) return false;
  if (campaign.models && !(warranty.model && campaign.models.includes(warranty.model.trim().toLowerCase()))) return false;
  if (campaign.countries && !(country && campaign.countries.includes(country))) return false;
  return true;
}

export function extendWarranty(warranty: Warranty, campaign: WarrantyCampaign, at: Date): Warranty {
  const endsAt = addDays(warranty.endsAt, campaign.days);
  const extension: WarrantyExtension = { campaignId: campaign.id, days: campaign.days, previousEndsAt: warranty.endsAt, endsAt, at: at.toISOString(), reason: campaign.reason };
  return { ...warranty, endsAt, extensions: [...(warranty.extensions ?? []), extension] };
}

/** The months (yyyy-mm) whose end-date partitions hold the range. */
export function monthsOf(from: string, to: string): string[] {
  const months: string[] = [];
  for (let month = from.slice(0, 7); month <= to.slice(0, 7); ) {
    months.push(month);
    const [y, m] = month.split('-').map(Number) as [number, number];
    month = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  }
  return months;
}
