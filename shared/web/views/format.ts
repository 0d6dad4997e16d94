import type { Money } from '../../domain/vocabulary.js';
import { dateTimeFormat, numberFormat } from '../../domain/intl-formats.js';

/** Dates, times and money as the customer's language writes them, on the store's clock. */
export function formatters(locale: string, timeZone: string) {
  const dateTime = dateTimeFormat(locale, { timeZone, dateStyle: 'medium', timeStyle: 'short' });
  // A warranty end is a calendar day (YYYY-MM-DD): formatted as that day, no zone can move it.
  const day = dateTimeFormat(locale, { timeZone: 'UTC', dateStyle: 'long' });
  return {
    instant: (iso: string) => dateTime.format(new Date(iso)),
    day: (isoDate: string) => day.format(new Date(`${isoDate}T00:00:00Z`)),
    money: (money: Money) => numberFormat(locale, { style: 'currency', currency: money.currency }).format(money.amount as `${number}`),
  };
}
