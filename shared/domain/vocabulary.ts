/** Closed vocabularies of the API contract (API.md), shared by the zod schemas and the domain. */
export const LANGUAGES = ['en', 'hi', 'bn', 'mr', 'gu', 'ta', 'te', 'kn', 'ml', 'zh', 'ka'] as const;
export type Language = (typeof LANGUAGES)[number];

export const CHANNELS = ['walk_in', 'mail_in', 'on_site'] as const;
export type Channel = (typeof CHANNELS)[number];

export const ISSUE_CATEGORIES = ['screen', 'battery', 'charging', 'camera', 'water_damage', 'software', 'other'] as const;
export type IssueCategory = (typeof ISSUE_CATEGORIES)[number];

export interface Money {
  /** String decimal, e.g. "1499.00": money never travels as a float. */
  amount: string;
  currency: string;
}
