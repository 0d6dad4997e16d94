import { LANGUAGES, type Language } from '../../domain/vocabulary.js';
import { bn } from './bn.js';
import { en } from './en.js';
import { gu } from './gu.js';
import { hi } from './hi.js';
import { ka } from './ka.js';
import { kn } from './kn.js';
import { ml } from './ml.js';
import { mr } from './mr.js';
import { ta } from './ta.js';
import { te } from './te.js';
import type { PageStrings } from './types.js';
import { zh } from './zh.js';

export type { PageStrings } from './types.js';

/** Every language of the API has the page's words: the compiler refuses a missing one. */
export const PAGE_STRINGS: Readonly<Record<Language, PageStrings>> = { en, hi, bn, mr, gu, ta, te, kn, ml, zh, ka };

/** `?lang=` when it names one of the 11, else the order's language (or English where there is none). */
export function pageLanguage(requested: string | undefined, fallback: Language = 'en'): Language {
  const wanted = requested?.trim().toLowerCase();
  return wanted && (LANGUAGES as readonly string[]).includes(wanted) ? (wanted as Language) : fallback;
}

/** Fills {name} placeholders; the values are plain text (the views escape the result). */
export function say(template: string, values: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (values[name] === undefined ? match : String(values[name])));
}
