/**
 * Exact money: integer minor units inside, string decimals outside (API.md: "1499.00"). Every
 * currency this network uses has two decimals; a quote never mixes currencies.
 */
import { RuleViolationError } from './errors.js';
import type { Money } from './vocabulary.js';

/** A country's stores quote in its currency (ISO 3166 alpha-2 → ISO 4217). */
export const COUNTRY_CURRENCY: Readonly<Record<string, string>> = { IN: 'INR', CN: 'CNY', GE: 'GEL' };
export const CURRENCIES = [...new Set(Object.values(COUNTRY_CURRENCY))];

export function currencyOf(country: string): string | null {
  return COUNTRY_CURRENCY[country.toUpperCase()] ?? null;
}

/** Amounts in minor units (paise, fen, tetri). */
export interface Amount {
  minor: number;
  currency: string;
}

const DECIMAL = /^(0|[1-9]\d{0,9})(\.\d{1,2})?$/;

export function toAmount(money: Money, field = 'amount'): Amount {
  if (!DECIMAL.test(money.amount)) throw new RuleViolationError(field, 'must be a non-negative decimal with at most 2 decimals, such as "1499.00"');
  const [whole, fraction = ''] = money.amount.split('.');
  return { minor: Number(whole) * 100 + Number(fraction.padEnd(2, '0')), currency: money.currency };
}

/** Minor units back to the API's string decimal; negative amounts (discounts) keep their sign. */
export function toMoney(amount: Amount): Money {
  const sign = amount.minor < 0 ? '-' : '';
  const abs = Math.abs(amount.minor);
  return { amount: `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`, currency: amount.currency };
}

/**
 * `percent` % of a non-negative amount, rounded half up to the minor unit. Integer arithmetic
 * only (percent may have up to two decimals): never a float near a half.
 */
export function percentOf(minor: number, percent: number): number {
  if (minor < 0) throw new RangeError('percentOf takes a non-negative amount');
  const basisPoints = Math.round(percent * 100);
  return Math.floor((minor * basisPoints + 5_000) / 10_000);
}
