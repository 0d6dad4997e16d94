import type { Language } from '../../domain/vocabulary.js';
import { html } from '../html.js';
import { pageStrings } from '../i18n/index.js';
import type { FieldProblem } from '../model.js';
import { problemText } from './customer-page.js';
import { layout } from './layout.js';

/**
 * The one "not found" page: an unknown, erased or expired link and a wrong tracking code + digits
 * all get exactly this, so nothing tells whether an order exists. It links nowhere: a relative
 * link would differ between /r/… and /track (and the page must be byte-identical), and an
 * absolute path breaks under a stage prefix (/prod).
 */
export function renderNotFound(language: Language): string {
  const s = pageStrings(language);
  return layout({
    language,
    title: s.notFoundTitle,
    heading: s.notFoundTitle,
    switcher: false,
    body: html`<section><p>${s.notFoundBody}</p></section>`,
  });
}

export function renderLookupForm(language: Language, error: FieldProblem | null = null, values: { code?: string } = {}): string {
  const s = pageStrings(language);
  const body = html`${error ? html`<section class="error" role="alert"><p>${problemText(error, s)}</p></section>` : ''}<section><p>${s.lookupHint}</p><form method="post" action="track"><input type="hidden" name="lang" value="${language}"><label for="code">${s.trackingCode}</label><input type="text" id="code" name="code" required autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="20" value="${values.code ?? ''}"><label for="last4">${s.lookupLast4}</label><input type="text" id="last4" name="last4" required inputmode="numeric" pattern="[0-9]{4}" maxlength="4" autocomplete="off"><button type="submit">${s.lookupSubmit}</button></form></section>`;
  return layout({ language, title: s.lookupTitle, heading: s.lookupTitle, switcher: true, body });
}

/** Our fault or a busy table: a calm page in the customer's language, never a stack trace or JSON. */
export function renderUnavailable(language: Language): string {
  const s = pageStrings(language);
  return layout({ language, title: s.unavailableTitle, heading: s.unavailableTitle, switcher: false, body: html`<section><p>${s.unavailableBody}</p></section>` });
}

/** A request the page's forms never send (a body of the wrong kind or size): named in the customer's language. */
export function renderBadRequest(language: Language, error: FieldProblem): string {
  const s = pageStrings(language);
  return layout({ language, title: s.title, heading: s.title, switcher: false, body: html`<section class="error" role="alert"><p>${problemText(error, s)}</p></section>` });
}
