/**
 * Quotes: the price list, what covers the customer, taxes, and the lines the customer approves.
 * Pure: the use case reads the list, the device's warranties and the programmes and hands them
 * here; nothing in this file knows where they are stored.
 */
import { localDate } from './calendar.js';
import { RuleViolationError } from './errors.js';
import { percentOf, toAmount, toMoney, type Amount } from './money.js';
import type { IssueCategory, Money } from './vocabulary.js';
import { coversToday, registeredWarrantyEndsOn, type Warranty } from './warranty.js';

export interface PriceItem {
  /** A model name, or "*" for every model without an item of its own. */
  model: string;
  category: IssueCategory;
  part: Money;
  labour: Money;
}

export interface Programme {
  id: string;
  kind: 'screen_discount';
  /** Model names it applies to (compared case-insensitively). */
  models: string[];
  percentOff: number;
  /** Inclusive calendar days. */
  from: string;
  to: string;
}

/** Default tax per country (percent): India GST 18, China VAT 13, Georgia VAT 18. The network's list may set others. */
export const DEFAULT_TAX_PERCENT: Readonly<Record<string, number>> = { IN: 18, CN: 13, GE: 18 };
const TAX_NAMES: Readonly<Record<string, string>> = { IN: 'GST', CN: 'VAT', GE: 'VAT' };

const sameModel = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** The item in force: the model's own beats "*"; only items in the store's currency count. */
export function priceFor(items: readonly PriceItem[], model: string, category: IssueCategory, currency: string): PriceItem | null {
  const usable = items.filter((item) => item.category === category && item.part.currency === currency && item.labour.currency === currency);
  return usable.find((item) => item.model !== '*' && sameModel(item.model, model)) ?? usable.find((item) => item.model === '*') ?? null;
}

/** What the rules look at: the order's device and fault, and what covers it. */
export interface CoverageFacts {
  orderId: string;
  model: string;
  category: IssueCategory;
  purchaseDate: string | null;
  /** The store's manufacturer warranty months (from the purchase date). */
  manufacturerWarrantyMonths: number;
  /** Every warranty on the device, network-wide. */
  warranties: readonly Warranty[];
  /** The category of the repair an active repair warranty covers (the order it redoes), if any. */
  reworkCategory: IssueCategory | null;
  programmes: readonly Programme[];
  now: Date;
  timezone: string;
}

export type QuoteLineKind = 'part' | 'labour' | 'discount' | 'tax' | 'extra';

export interface QuoteLine {
  kind: QuoteLineKind;
  description: string;
  amount: Money;
  /** The coverage rule a discount line applies (its name in COVERAGE_RULES). */
  rule?: string;
  /** A screen plan's warranty a discount claims (one claim per plan). */
  claims?: string;
}

export interface Quote {
  version: number;
  currency: string;
  lines: QuoteLine[];
  total: Money;
  createdAt: string;
}

interface RuleOutcome {
  /** Percent off the part and the labour lines. */
  part: number;
  labour: number;
  /** A warranty id the rule uses up (screen plans are claimed once). */
  claims?: string;
}

interface CoverageRule {
  name: string;
  description: string;
  applies(facts: CoverageFacts): RuleOutcome | null;
}

const today = (facts: CoverageFacts) => localDate(facts.now, facts.timezone);
const active = (facts: CoverageFacts, kind: Warranty['kind']) => facts.warranties.filter((w) => w.kind === kind && !w.expired && coversToday(w, facts.now));

/** Accidental damage is not a manufacturing defect: a cracked screen or water in the device. */
const NOT_MANUFACTURING_DEFECTS: readonly IssueCategory[] = ['water_damage', 'screen'];

/**
 * The coverage rules, in order: for each line the rule taking most off applies (ties: the first
 * listed), and the line says which. Each rule is named; the name is the discount line's `rule`.
 */
export const COVERAGE_RULES: readonly CoverageRule[] = [
  {
    name: 'repair_warranty',
    description: 'Rework of the same fault within the repair warranty: part and labour free',
    applies: (facts) => (facts.reworkCategory === facts.category && active(facts, 'repair').length > 0 ? { part: 100, labour: 100 } : null),
  },
  {
    name: 'manufacturer_warranty',
    description: 'Manufacturer warranty: part and labour free, except water damage and a damaged screen',
    applies: (facts) => {
      if (NOT_MANUFACTURING_DEFECTS.includes(facts.category)) return null;
      const registered = active(facts, 'manufacturer').length > 0 || active(facts, 'extended').length > 0;
      const fromPurchase = facts.purchaseDate !== null && today(facts) <= registeredWarrantyEndsOn(facts.purchaseDate, facts.manufacturerWarrantyMonths);
      return registered || fromPurchase ? { part: 100, labour: 100 } : null;
    },
  },
  {
    name: 'screen_plan',
    description: 'Screen protection plan: screen part and labour free, one claim per plan',
    applies: (facts) => {
      if (facts.category !== 'screen') return null;
      const plan = active(facts, 'screen_plan').find((w) => !w.claimedBy || w.claimedBy === facts.orderId);
      return plan ? { part: 100, labour: 100, claims: plan.id } : null;
    },
  },
  {
    name: 'screen_discount',
    description: 'Screen programme: a percentage off the screen part, within its dates',
    applies: (facts) => {
      if (facts.category !== 'screen') return null;
      const day = today(facts);
      const best = facts.programmes
        .filter((p) => p.kind === 'screen_discount' && p.from <= day && day <= p.to && p.models.some((m) => sameModel(m, facts.model)))
        .sort((a, b) => b.percentOff - a.percentOff)[0];
      return best ? { part: best.percentOff, labour: 0 } : null;
    },
  },
];

export interface ExtraLine {
  description: string;
  amount: Money;
}

export interface QuoteInput {
  price: PriceItem;
  currency: string;
  country: string;
  /** Tax percent per country from the network's list; the domain default otherwise. */
  taxPercent?: number | undefined;
  extraLines?: readonly ExtraLine[] | undefined;
  facts: CoverageFacts;
  version: number;
}

/** Which rule takes most off each line (null: none applies). */
function bestRule(facts: CoverageFacts, line: 'part' | 'labour'): { rule: CoverageRule; outcome: RuleOutcome } | null {
  let best: { rule: CoverageRule; outcome: RuleOutcome } | null = null;
  for (const rule of COVERAGE_RULES) {
    const outcome = rule.applies(facts);
    if (outcome && outcome[line] > 0 && (!best || outcome[line] > best.outcome[line])) best = { rule, outcome };
  }
  return best;
}

/**
 * The quote's lines and total: part and labour from the price list, the best applicable rule's
 * discount on each, the extras, then the tax on what remains. Half-up rounding per line; the
 * total is the sum of the lines and never negative.
 */
export function computeQuote(input: QuoteInput, now: Date): Quote {
  const { currency } = input;
  const amount = (minor: number) => toMoney({ minor, currency });
  const lines: QuoteLine[] = [];
  let subtotal = 0;
  for (const kind of ['part', 'labour'] as const) {
    const price = toAmount(input.price[kind], `price.${kind}`);
    lines.push({ kind, description: kind === 'part' ? `${input.facts.category} part` : 'labour', amount: amount(price.minor) });
    subtotal += price.minor;
    const best = bestRule(input.facts, kind);
    if (best) {
      const off = Math.min(price.minor, percentOf(price.minor, best.outcome[kind]));
      lines.push({
        kind: 'discount',
        description: `${best.rule.description} (${kind}${best.outcome[kind] < 100 ? `, ${best.outcome[kind]} %` : ''})`,
        amount: amount(-off),
        rule: best.rule.name,
        ...(best.outcome.claims && { claims: best.outcome.claims }),
      });
      subtotal -= off;
    }
  }
  for (const [i, extra] of (input.extraLines ?? []).entries()) {
    const value: Amount = toAmount(extra.amount, `extraLines.${i}.amount`);
    if (value.currency !== currency) throw new RuleViolationError(`extraLines.${i}.amount.currency`, `must be ${currency}, the quote's currency`);
    lines.push({ kind: 'extra', description: extra.description, amount: amount(value.minor) });
    subtotal += value.minor;
  }
  const taxPercent = input.taxPercent ?? DEFAULT_TAX_PERCENT[input.country] ?? 0;
  const tax = percentOf(Math.max(0, subtotal), taxPercent);
  lines.push({ kind: 'tax', description: `${TAX_NAMES[input.country] ?? 'Tax'} ${taxPercent} %`, amount: amount(tax) });
  const total = lines.reduce((sum, line) => sum + toSignedMinor(line.amount), 0);
  return { version: input.version, currency, lines, total: amount(Math.max(0, total)), createdAt: now.toISOString() };
}

function toSignedMinor(money: Money): number {
  return money.amount.startsWith('-') ? -toAmount({ ...money, amount: money.amount.slice(1) }).minor : toAmount(money).minor;
}
