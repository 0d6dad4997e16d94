import { LANGUAGES, type Language } from '../../domain/vocabulary.js';
import { html, trusted, type Html } from '../html.js';
import { LANGUAGE_NAMES, pageStrings } from '../i18n/index.js';
import { PAGE_CSS } from './style.js';

/**
 * The document around every page: <html lang>, the viewport for phones, the inline stylesheet
 * (allowed by hash), no script at all. `switcher` lists the 11 languages as plain links (?lang=),
 * each named in its own language and script.
 */
export function layout(options: { language: Language; title: string; heading: string; storeName?: string; switcher: boolean; body: Html }): string {
  const { language } = options;
  const strings = pageStrings(language);
  const switcher = options.switcher
    ? html`<nav aria-label="${strings.language}"><h2>${strings.language}</h2><ul>${LANGUAGES.map(
        (code) =>
          html`<li><a href="?lang=${code}" lang="${code}" hreflang="${code}"${code === language ? html` aria-current="true"` : ''}>${LANGUAGE_NAMES[code]}</a></li>`,
      )}</ul></nav>`
    : '';
  return html`<!doctype html><html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><meta name="referrer" content="no-referrer"><title>${options.title}</title><style>${trusted(PAGE_CSS)}</style></head><body><header>${options.storeName ? html`<p>${options.storeName}</p>` : ''}<h1>${options.heading}</h1></header><main>${options.body}${switcher ? html`<section>${switcher}</section>` : ''}</main></body></html>`.value;
}
