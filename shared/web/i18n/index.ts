import { LANGUAGES, type Language } from '../../domain/vocabulary.js';
import { runtimeFile } from '../../runtime-files.js';
import type { PageStrings } from './types.js';

export type { PageStrings } from './types.js';

/**
 * The page's words, one JSON file per language for translators to edit (shared/web/i18n/<code>.json,
 * checked against {@link PageStrings} by test/unit/customer-page-text.test.ts). A request reads the
 * one language it renders, once per container: carried as code, the 11 languages (~87 KB of text)
 * were most of each page function's bundle and of its cold start.
 */
const PACKS: Readonly<Record<Language, string>> = {
  en: 'shared/web/i18n/en.json',
  hi: 'shared/web/i18n/hi.json',
  bn: 'shared/web/i18n/bn.json',
  mr: 'shared/web/i18n/mr.json',
  gu: 'shared/web/i18n/gu.json',
  ta: 'shared/web/i18n/ta.json',
  te: 'shared/web/i18n/te.json',
  kn: 'shared/web/i18n/kn.json',
  ml: 'shared/web/i18n/ml.json',
  zh: 'shared/web/i18n/zh.json',
  ka: 'shared/web/i18n/ka.json',
};

const parsed = new Map<Language, PageStrings>();

/** The page's words in one of the 11 languages. */
export function pageStrings(language: Language): PageStrings {
  let strings = parsed.get(language);
  if (!strings) {
    strings = JSON.parse(runtimeFile(PACKS[language])) as PageStrings;
    parsed.set(language, strings);
  }
  return strings;
}

/** Each language's name in its own script, for the switcher every page shows (so not in the packs). */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = {
  en: 'English',
  hi: 'हिन्दी',
  bn: 'বাংলা',
  mr: 'मराठी',
  gu: 'ગુજરાતી',
  ta: 'தமிழ்',
  te: 'తెలుగు',
  kn: 'ಕನ್ನಡ',
  ml: 'മലയാളം',
  zh: '中文',
  ka: 'ქართული',
};

/** `?lang=` when it names one of the 11, else the order's language (or English where there is none). */
export function pageLanguage(requested: string | undefined, fallback: Language = 'en'): Language {
  const wanted = requested?.trim().toLowerCase();
  return wanted && (LANGUAGES as readonly string[]).includes(wanted) ? (wanted as Language) : fallback;
}

/** Fills {name} placeholders; the values are plain text (the views escape the result). */
export function say(template: string, values: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (values[name] === undefined ? match : String(values[name])));
}
