import * as z from 'zod';
import { ISSUE_CATEGORIES } from '../domain/vocabulary.js';
import { CURRENCIES } from '../domain/money.js';
import { COVERAGE_RULES } from '../domain/quote.js';
import { CalendarDate, Money } from './common.js';

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

/** A quote line's amount: discounts are negative. */
const SignedMoney = /* @__PURE__ */ z
  .object({ amount: z.string().regex(/^-?(0|[1-9]\d{0,11})\.\d{2}$/), currency: z.string().regex(/^[A-Z]{3}$/) })
  .meta({ id: 'SignedMoney', example: { amount: '-2100.00', currency: 'INR' } });

/** Prices and extras are in one of the network's currencies. */
const PriceMoney = /* @__PURE__ */ Money.refine((money) => CURRENCIES.includes(money.currency), { message: `currency must be one of ${CURRENCIES.join(', ')}`, path: ['currency'] });

export const QuoteLineView = /* @__PURE__ */ z
  .object({
    kind: z.enum(['part', 'labour', 'discount', 'tax', 'extra']),
    description: z.string(),
    amount: SignedMoney,
    rule: z.enum(COVERAGE_RULES.map((r) => r.name) as [string, ...string[]]).optional().meta({ description: 'The coverage rule a discount line applies' }),
  })
  .meta({ id: 'QuoteLine' });

export const QuoteView = /* @__PURE__ */ z
  .object({
    version: z.number().int(),
    currency: z.string(),
    lines: z.array(QuoteLineView),
    total: Money,
    createdAt: z.string(),
  })
  .meta({ id: 'Quote' });

export const QuoteBody = /* @__PURE__ */ z
  .object({
    extraLines: z
      .array(z.object({ description: text(200), amount: PriceMoney }).strict())
      .max(10, 'at most 10 extra lines')
      .optional(),
  })
  .strict()
  .meta({ id: 'QuoteRequest' });

export const PriceItemBody = /* @__PURE__ */ z
  .object({
    model: z.union([z.literal('*'), text(100)]).meta({ description: 'A model name, or "*" for every model without its own item' }),
    category: z.enum(ISSUE_CATEGORIES),
    part: PriceMoney,
    labour: PriceMoney,
  })
  .strict()
  .refine((item) => item.part.currency === item.labour.currency, { message: 'must be in the same currency as part', path: ['labour', 'currency'] });

export const PriceListBody = /* @__PURE__ */ z
  .object({
    items: z.array(PriceItemBody).max(2_000, 'at most 2000 items'),
    taxPercent: z
      .record(z.string().regex(/^[A-Z]{2}$/), z.number().min(0).max(50))
      .optional()
      .meta({ description: 'Tax per country (percent), e.g. { "IN": 18 }; defaults: IN 18 (GST), CN 13, GE 18 (VAT)' }),
  })
  .strict()
  .superRefine((list, ctx) => {
    const seen = new Map<string, number>();
    list.items.forEach((item, i) => {
      const key = `${item.model.toLowerCase()}|${item.category}|${item.part.currency}`;
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['items', i], message: `repeats item ${seen.get(key)} (same model, category and currency)` });
      else seen.set(key, i);
    });
  })
  .meta({ id: 'PriceList' });

export const PriceListView = /* @__PURE__ */ z
  .object({ currency: z.string(), taxPercent: z.number(), items: z.array(z.object({ model: z.string(), category: z.enum(ISSUE_CATEGORIES), part: Money, labour: Money })) })
  .meta({ id: 'StorePriceList' });

export const ProgrammeBody = /* @__PURE__ */ z
  .object({
    kind: z.literal('screen_discount'),
    models: z.array(text(100)).min(1).max(200),
    percentOff: z.number().int('must be a whole percentage').min(1, 'must be from 1 to 100').max(100, 'must be from 1 to 100'),
    from: CalendarDate,
    to: CalendarDate,
  })
  .strict()
  .refine((p) => p.from <= p.to, { message: 'must not be before from', path: ['to'] })
  .meta({ id: 'Programme' });

/** The network's list as stored: what PUT /v1/network/prices answers. */
export const NetworkPriceListView = /* @__PURE__ */ z
  .object({
    items: z.array(z.object({ model: z.string(), category: z.enum(ISSUE_CATEGORIES), part: Money, labour: Money })),
    taxPercent: z.record(z.string(), z.number()),
    updatedAt: z.string(),
  })
  .meta({ id: 'NetworkPriceList' });

export const ProgrammeView = /* @__PURE__ */ z
  .object({
    id: z.string(),
    kind: z.literal('screen_discount'),
    models: z.array(z.string()),
    percentOff: z.number().int(),
    from: z.string(),
    to: z.string(),
  })
  .meta({ id: 'ProgrammeCreated' });
