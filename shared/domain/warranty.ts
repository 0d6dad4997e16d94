import type { IssueCategory } from './vocabulary.js';

/** Repair warranty length for a category: the store's per-category override, else its default. */
export function repairWarrantyDays(settings: { default: number } & Partial<Record<IssueCategory, number>>, category: IssueCategory): number {
  return settings[category] ?? settings.default;
}

/** The calendar day (in the store's time zone) on which a warranty granted at `grantedAt` ends. */
export function warrantyEndDate(grantedAt: Date, days: number, timeZone: string): string {
  const end = new Date(grantedAt.getTime() + days * 86_400_000);
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(end);
}
