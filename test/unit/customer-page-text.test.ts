/**
 * The customer page's words: one JSON file per language (shared/web/i18n/<code>.json), read by
 * the page functions one language at a time. The compiler checks each file against PageStrings
 * (the assignment below); the tests that every file says everything English says, with the same
 * placeholders, and nothing else, and that the page reads exactly these files.
 */
import { LANGUAGES, type Language } from '../../shared/domain/vocabulary.js';
import { LANGUAGE_NAMES, pageStrings, type PageStrings } from '../../shared/web/i18n/index.js';
import bn from '../../shared/web/i18n/bn.json' with { type: 'json' };
import en from '../../shared/web/i18n/en.json' with { type: 'json' };
import gu from '../../shared/web/i18n/gu.json' with { type: 'json' };
import hi from '../../shared/web/i18n/hi.json' with { type: 'json' };
import ka from '../../shared/web/i18n/ka.json' with { type: 'json' };
import kn from '../../shared/web/i18n/kn.json' with { type: 'json' };
import ml from '../../shared/web/i18n/ml.json' with { type: 'json' };
import mr from '../../shared/web/i18n/mr.json' with { type: 'json' };
import ta from '../../shared/web/i18n/ta.json' with { type: 'json' };
import te from '../../shared/web/i18n/te.json' with { type: 'json' };
import zh from '../../shared/web/i18n/zh.json' with { type: 'json' };

/** A file missing a word (or a status) does not compile. */
const FILES: Record<Language, PageStrings> = { en, hi, bn, mr, gu, ta, te, kn, ml, zh, ka };

type Tree = string | { [key: string]: Tree };
/** Every leaf as [dotted key, text]. */
const leaves = (tree: Tree, at = ''): [string, string][] =>
  typeof tree === 'string' ? [[at, tree]] : Object.entries(tree).flatMap(([key, value]) => leaves(value, at ? `${at}.${key}` : key));
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test.each(LANGUAGES.map((language) => [language]))('%s: the words English has, no other, with the same placeholders, none empty', (language) => {
  const english = new Map(leaves(FILES.en as unknown as Tree));
  const words = leaves(FILES[language] as unknown as Tree);
  expect(words.map(([key]) => key).sort()).toEqual([...english.keys()].sort());
  for (const [key, text] of words) {
    expect({ key, empty: text.trim() === '' }).toEqual({ key, empty: false });
    expect({ key, placeholders: placeholders(text) }).toEqual({ key, placeholders: placeholders(english.get(key)!) });
  }
});

test('the page reads each language from its file, and names every language in its own script', () => {
  for (const language of LANGUAGES) {
    expect(pageStrings(language)).toEqual(FILES[language]);
    // Read once per container: the same object on every request.
    expect(pageStrings(language)).toBe(pageStrings(language));
  }
  expect(Object.keys(LANGUAGE_NAMES).sort()).toEqual([...LANGUAGES].sort());
  expect(LANGUAGE_NAMES.en).toBe('English');
  expect(new Set(Object.values(LANGUAGE_NAMES)).size).toBe(LANGUAGES.length);
});
