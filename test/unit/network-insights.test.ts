import { ConflictError } from '../../shared/domain/errors.js';
import { openEscalation, raiseEscalation, resolveEscalation, resolveWithFinding } from '../../shared/domain/escalation.js';
import { sortLeague, summarize, type StoreMetrics } from '../../shared/domain/metrics.js';
import { TurnaroundHistogram } from '../../shared/domain/turnaround-histogram.js';
import { summarizeQuality } from '../../shared/domain/quality.js';
import { campaignApplies, extendWarranty, monthsOf, newCampaign } from '../../shared/domain/warranty-campaign.js';
import type { Warranty } from '../../shared/domain/warranty.js';
import { RuleViolationError } from '../../shared/domain/errors.js';

const ORDER_ID = '01JDTESTORDER0000000000000';
const AT = new Date('2026-11-25T10:00:00.000Z');
const referral = { summary: 'Drains overnight', device: { brand: 'OPPO', model: 'A78', deviceId: null }, category: 'battery', storeName: 'S' };

describe('the R&D tier', () => {
  const open = () => openEscalation({ orderId: ORDER_ID, storeId: 'S1', followUpId: `${ORDER_ID}-F1`, seq: 1, reason: 'problem not resolved', at: AT });

  test('open → raised (due 72 h later) → resolved with the finding as the resolution', () => {
    const raised = raiseEscalation(open(), referral, AT);
    expect(raised).toMatchObject({ state: 'raised', raised: { ...referral, raisedAt: AT.toISOString(), dueBy: '2026-11-28T10:00:00.000Z', finding: null, alertedAt: null } });
    const resolved = resolveWithFinding(raised, 'Firmware fix', new Date('2026-11-26T10:00:00.000Z'));
    expect(resolved).toMatchObject({ state: 'resolved', resolution: 'Firmware fix', resolvedAt: '2026-11-26T10:00:00.000Z', raised: { finding: 'Firmware fix' } });
  });

  test('only an open one is raised, only a raised one takes a finding, and the store cannot resolve a raised one', () => {
    const raised = raiseEscalation(open(), referral, AT);
    expect(() => raiseEscalation(raised, referral, AT)).toThrow(ConflictError);
    expect(() => resolveEscalation(raised, 'mine', AT)).toThrow(/with R&D/);
    expect(() => resolveWithFinding(open(), 'too early', AT)).toThrow(ConflictError);
    expect(() => resolveWithFinding(resolveWithFinding(raised, 'x', AT), 'again', AT)).toThrow(ConflictError);
  });
});

describe('the league table order', () => {
  const metrics = (completed: number, samples: number[]): StoreMetrics =>
    summarize('2026-11-01', '2026-11-01', [{ completed, turnaround: TurnaroundHistogram.of(samples) } as unknown as Parameters<typeof summarize>[2][number]]);
  const rows = [
    { storeId: 'b', metrics: metrics(5, [10, 20]) },
    { storeId: 'a', metrics: metrics(5, [30]) },
    { storeId: 'c', metrics: metrics(0, []) },
  ];

  test('ascending, descending, ties by store id, no value last either way', () => {
    expect(sortLeague(rows, '-completed').map((r) => r.storeId)).toEqual(['a', 'b', 'c']);
    expect(sortLeague(rows, 'completed').map((r) => r.storeId)).toEqual(['c', 'a', 'b']);
    expect(sortLeague(rows, 'turnaroundMedian').map((r) => r.storeId)).toEqual(['b', 'a', 'c']);
    expect(sortLeague(rows, '-turnaroundMedian').map((r) => r.storeId)).toEqual(['a', 'b', 'c']);
  });
});

test('model quality: one row per model × brand × category in any case, stores once each, most reworks first', () => {
  const day = (model: string, category: string, repairs: number, reworks: number, stores: string[]) => ({ brand: 'OPPO', model, category, repairs, reworks, reworkStores: stores });
  expect(summarizeQuality([day('A78', 'screen', 3, 1, ['s2']), day('a78', 'screen', 1, 1, ['s2', 's3']), day('A78', 'battery', 2, 0, []), day('Reno', 'screen', 0, 1, ['s1'])])).toEqual([
    { brand: 'OPPO', model: 'A78', category: 'screen', repairs: 4, reworks: 2, reworkPercent: 50, stores: ['s2', 's3'] },
    { brand: 'OPPO', model: 'Reno', category: 'screen', repairs: 0, reworks: 1, reworkPercent: null, stores: ['s1'] },
    { brand: 'OPPO', model: 'A78', category: 'battery', repairs: 2, reworks: 0, reworkPercent: 0, stores: [] },
  ]);
});

describe('warranty extension campaigns', () => {
  const campaign = newCampaign({ id: 'wx_1', expiringFrom: '2027-01-30', expiringTo: '2027-03-02', days: 30, models: [' A78 '], countries: ['in'], reason: 'floods', at: AT });
  const warranty: Warranty = { id: 'wr_1', deviceId: 'D1', kind: 'repair', startsAt: '2026-11-01', endsAt: '2027-02-10', orderId: 'O1', storeId: 'S1', timezone: 'Asia/Kolkata', createdAt: AT.toISOString(), model: 'a78' };

  test('matches by last day, model (any case) and country; once per campaign', () => {
    expect(campaign).toMatchObject({ state: 'running', models: ['a78'], countries: ['IN'], matched: 0, extended: 0, cursor: null });
    expect(campaignApplies(campaign, warranty, 'IN')).toBe(true);
    expect(campaignApplies(campaign, warranty, 'GE')).toBe(false);
    expect(campaignApplies(campaign, { ...warranty, model: null }, 'IN')).toBe(false);
    expect(campaignApplies(campaign, { ...warranty, endsAt: '2027-03-03' }, 'IN')).toBe(false);
    const extended = extendWarranty(warranty, campaign, AT);
    expect(extended).toMatchObject({ endsAt: '2027-03-12', extensions: [{ campaignId: 'wx_1', days: 30, previousEndsAt: '2027-02-10', endsAt: '2027-03-12', reason: 'floods' }] });
    expect(campaignApplies(campaign, { ...extended, endsAt: '2027-02-20' }, 'IN')).toBe(false);
  });

  test('the months of the range, across a year end; bad ranges name expiringTo', () => {
    expect(monthsOf('2026-11-15', '2027-02-01')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    const input = { id: 'wx_2', days: 1, reason: 'r', at: AT };
    expect(() => newCampaign({ ...input, expiringFrom: '2027-02-01', expiringTo: '2027-01-31' })).toThrow(RuleViolationError);
    expect(() => newCampaign({ ...input, expiringFrom: '2027-01-01', expiringTo: '2028-01-02' })).toThrow(/366/);
  });
});
