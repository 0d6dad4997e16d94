import fc from 'fast-check';
import { percentOf, toAmount, toMoney } from '../../shared/domain/money.js';
import { computeQuote, priceFor, type CoverageFacts, type PriceItem, type Programme } from '../../shared/domain/quote.js';
import type { Warranty } from '../../shared/domain/warranty.js';
import type { IssueCategory } from '../../shared/domain/vocabulary.js';

const NOW = new Date('2026-12-01T06:00:00Z'); // 11:30 in Kolkata
const inr = (amount: string) => ({ amount, currency: 'INR' });
const SCREEN: PriceItem = { model: 'A78', category: 'screen', part: inr('4200.00'), labour: inr('600.00') };
const BATTERY: PriceItem = { model: '*', category: 'battery', part: inr('1800.00'), labour: inr('400.00') };

const warranty = (kind: Warranty['kind'], startsAt: string, endsAt: string, extra: Partial<Warranty> = {}): Warranty => ({
  id: `w_${kind}_${startsAt}`,
  deviceId: '356938035643809',
  kind,
  startsAt,
  endsAt,
  orderId: kind === 'repair' ? 'ORDER_OLD' : null,
  storeId: 'store_1',
  timezone: 'Asia/Kolkata',
  createdAt: `${startsAt}T00:00:00Z`,
  ...extra,
});

const facts = (overrides: Partial<CoverageFacts> = {}): CoverageFacts => ({
  orderId: 'ORDER_NEW',
  model: 'A78',
  category: 'screen',
  purchaseDate: '2024-01-10',
  manufacturerWarrantyMonths: 12,
  warranties: [],
  reworkCategory: null,
  programmes: [],
  now: NOW,
  timezone: 'Asia/Kolkata',
  ...overrides,
});

const programme = (overrides: Partial<Programme> = {}): Programme => ({
  id: 'p1', kind: 'screen_discount', models: ['A78', 'A57'], percentOff: 50, from: '2026-11-01', to: '2026-12-31', ...overrides,
});

function quote(category: IssueCategory, f: Partial<CoverageFacts>, price = category === 'screen' ? SCREEN : BATTERY) {
  return computeQuote({ price, currency: 'INR', country: 'IN', facts: facts({ category, ...f }), version: 1 }, NOW);
}
const rules = (q: ReturnType<typeof quote>) => q.lines.filter((l) => l.kind === 'discount').map((l) => l.rule);

describe('coverage rules: each rule, each exclusion, precedence', () => {
  test.each<[string, IssueCategory, Partial<CoverageFacts>, (string | undefined)[], string]>([
    ['nothing covers it: list price plus GST', 'screen', {}, [], '5664.00'],
    ['rework of the same fault within the repair warranty: free', 'screen', { reworkCategory: 'screen', warranties: [warranty('repair', '2026-10-01', '2026-12-29')] }, ['repair_warranty', 'repair_warranty'], '0.00'],
    ['rework of another fault: the repair warranty does not cover it', 'battery', { reworkCategory: 'screen', warranties: [warranty('repair', '2026-10-01', '2026-12-29')] }, [], '2596.00'],
    ['a repair warranty that ended yesterday covers nothing', 'screen', { reworkCategory: 'screen', warranties: [warranty('repair', '2026-09-01', '2026-11-30')] }, [], '5664.00'],
    ['manufacturer warranty from the purchase date: a battery is free', 'battery', { purchaseDate: '2026-03-01' }, ['manufacturer_warranty', 'manufacturer_warranty'], '0.00'],
    ['manufacturer warranty excludes a damaged screen', 'screen', { purchaseDate: '2026-03-01' }, [], '5664.00'],
    ['manufacturer warranty excludes water damage', 'water_damage', { purchaseDate: '2026-03-01' }, [], '2596.00'],
    ['a registered extended warranty counts as manufacturer cover', 'camera', { purchaseDate: '2023-01-01', warranties: [warranty('extended', '2026-01-01', '2026-12-31')] }, ['manufacturer_warranty', 'manufacturer_warranty'], '0.00'],
    ['screen plan: screen part and labour free', 'screen', { warranties: [warranty('screen_plan', '2026-06-01', '2027-05-31')] }, ['screen_plan', 'screen_plan'], '0.00'],
    ['a screen plan already claimed by another repair covers nothing', 'screen', { warranties: [warranty('screen_plan', '2026-06-01', '2027-05-31', { claimedBy: 'ORDER_OTHER' })] }, [], '5664.00'],
    ['the same repair quoted again keeps its claim', 'screen', { warranties: [warranty('screen_plan', '2026-06-01', '2027-05-31', { claimedBy: 'ORDER_NEW' })] }, ['screen_plan', 'screen_plan'], '0.00'],
    ['programme: 50 % off the screen part only', 'screen', { programmes: [programme()] }, ['screen_discount'], '3186.00'],
    ['programme outside its dates does nothing', 'screen', { programmes: [programme({ from: '2026-12-02' })] }, [], '5664.00'],
    ['programme for other models does nothing', 'screen', { programmes: [programme({ models: ['Reno 12'] })] }, [], '5664.00'],
    ['the best programme of two applies', 'screen', { programmes: [programme({ percentOff: 20 }), programme({ id: 'p2', percentOff: 35 })] }, ['screen_discount'], '3929.40'],
    ['screen plan beats the programme on the part (100 % > 50 %) and covers labour', 'screen', { programmes: [programme()], warranties: [warranty('screen_plan', '2026-06-01', '2027-05-31')] }, ['screen_plan', 'screen_plan'], '0.00'],
    ['repair warranty first among equals (both 100 %)', 'screen', { reworkCategory: 'screen', warranties: [warranty('repair', '2026-10-01', '2026-12-29'), warranty('screen_plan', '2026-06-01', '2027-05-31')] }, ['repair_warranty', 'repair_warranty'], '0.00'],
  ])('%s', (_name, category, f, expectedRules, total) => {
    const q = quote(category, f);
    expect(rules(q)).toEqual(expectedRules);
    expect(q.total).toEqual(inr(total));
  });

  test('a screen plan discount names the plan it claims; nothing else claims', () => {
    const plan = warranty('screen_plan', '2026-06-01', '2027-05-31');
    expect(quote('screen', { warranties: [plan] }).lines.filter((l) => l.claims).map((l) => l.claims)).toEqual([plan.id, plan.id]);
    expect(quote('screen', { programmes: [programme()] }).lines.some((l) => l.claims)).toBe(false);
  });

  test('lines: part, labour, discount, extras, tax (GST 18 % of what remains)', () => {
    const q = computeQuote(
      { price: SCREEN, currency: 'INR', country: 'IN', facts: facts({ programmes: [programme()] }), extraLines: [{ description: 'Tempered glass', amount: inr('299.00') }], version: 3 },
      NOW,
    );
    expect(q.lines.map((l) => [l.kind, l.amount.amount])).toEqual([
      ['part', '4200.00'], ['discount', '-2100.00'], ['labour', '600.00'], ['extra', '299.00'], ['tax', '539.82'],
    ]);
    expect(q).toMatchObject({ version: 3, currency: 'INR', total: inr('3538.82') });
  });

  test('China 13 % VAT, Georgia 18 %, and a network override', () => {
    const cny = { model: '*', category: 'battery' as const, part: { amount: '199.00', currency: 'CNY' }, labour: { amount: '50.00', currency: 'CNY' } };
    expect(computeQuote({ price: cny, currency: 'CNY', country: 'CN', facts: facts({ category: 'battery' }), version: 1 }, NOW).total).toEqual({ amount: '281.37', currency: 'CNY' });
    const gel = { ...cny, part: { amount: '100.00', currency: 'GEL' }, labour: { amount: '20.00', currency: 'GEL' } };
    expect(computeQuote({ price: gel, currency: 'GEL', country: 'GE', facts: facts({ category: 'battery' }), version: 1 }, NOW).total).toEqual({ amount: '141.60', currency: 'GEL' });
    expect(computeQuote({ price: gel, currency: 'GEL', country: 'GE', taxPercent: 0, facts: facts({ category: 'battery' }), version: 1 }, NOW).total).toEqual({ amount: '120.00', currency: 'GEL' });
  });

  test('an extra line in another currency is refused, naming it', () => {
    expect(() =>
      computeQuote({ price: SCREEN, currency: 'INR', country: 'IN', facts: facts(), extraLines: [{ description: 'Case', amount: { amount: '10.00', currency: 'USD' } }], version: 1 }, NOW),
    ).toThrow(expect.objectContaining({ path: 'extraLines.0.amount.currency' }));
  });
});

describe('price list', () => {
  const list: PriceItem[] = [
    { model: '*', category: 'screen', part: inr('3000.00'), labour: inr('500.00') },
    SCREEN,
    { model: 'a78', category: 'screen', part: { amount: '300.00', currency: 'CNY' }, labour: { amount: '60.00', currency: 'CNY' } },
  ];
  test('model-specific beats "*", case-insensitively; only the store currency counts', () => {
    expect(priceFor(list, ' a78 ', 'screen', 'INR')).toBe(SCREEN);
    expect(priceFor(list, 'Reno 12', 'screen', 'INR')?.model).toBe('*');
    expect(priceFor(list, 'A78', 'screen', 'CNY')?.part.currency).toBe('CNY');
    expect(priceFor(list, 'Reno 12', 'screen', 'CNY')).toBeNull();
    expect(priceFor(list, 'A78', 'battery', 'INR')).toBeNull();
  });
});

describe('money', () => {
  test('decimal strings ↔ minor units exactly', () => {
    expect(toAmount(inr('1499.5'))).toEqual({ minor: 149950, currency: 'INR' });
    expect(toMoney({ minor: -5, currency: 'INR' })).toEqual(inr('-0.05'));
    expect(() => toAmount(inr('1.999'))).toThrow();
    expect(() => toAmount(inr('-1.00'))).toThrow();
  });
  test('percent half up: 50 % of 1 paisa is 1, 12.5 % of 4 is 1 (0.5 up)', () => {
    expect(percentOf(1, 50)).toBe(1);
    expect(percentOf(4, 12.5)).toBe(1);
    expect(percentOf(3, 12.5)).toBe(0);
  });
});

describe('properties', () => {
  const money = fc.integer({ min: 0, max: 50_000_000 }).map((minor) => toMoney({ minor, currency: 'INR' }));
  const input = fc.record({
    part: money,
    labour: money,
    extras: fc.array(money, { maxLength: 4 }),
    percentOff: fc.integer({ min: 1, max: 100 }),
    withProgramme: fc.boolean(),
    withPlan: fc.boolean(),
    category: fc.constantFrom<IssueCategory>('screen', 'battery', 'water_damage'),
    tax: fc.integer({ min: 0, max: 30 }),
  });
  test('total = sum of lines, never negative, one currency, rounding stable', () => {
    fc.assert(
      fc.property(input, (i) => {
        const price: PriceItem = { model: 'A78', category: i.category, part: i.part, labour: i.labour };
        const f = facts({
          category: i.category,
          programmes: i.withProgramme ? [programme({ percentOff: i.percentOff })] : [],
          warranties: i.withPlan ? [warranty('screen_plan', '2026-06-01', '2027-05-31')] : [],
        });
        const args = { price, currency: 'INR', country: 'IN', taxPercent: i.tax, facts: f, extraLines: i.extras.map((amount) => ({ description: 'extra', amount })), version: 1 };
        const q = computeQuote(args, NOW);
        const sum = q.lines.reduce((s, l) => s + (l.amount.amount.startsWith('-') ? -toAmount({ ...l.amount, amount: l.amount.amount.slice(1) }).minor : toAmount(l.amount).minor), 0);
        expect(toAmount(q.total).minor).toBe(sum);
        expect(sum).toBeGreaterThanOrEqual(0);
        expect(new Set([...q.lines.map((l) => l.amount.currency), q.total.currency])).toEqual(new Set(['INR']));
        expect(computeQuote(args, NOW)).toEqual(q);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 300) },
    );
  });
});
