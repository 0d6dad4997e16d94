import { html, type Html } from '../html.js';
import { pageStrings, say, type PageStrings } from '../i18n/index.js';
import type { CustomerPageModel, FieldProblem } from '../model.js';
import { formatters } from './format.js';
import { layout } from './layout.js';

export { PAGE_COMMENT_MAX as MAX_COMMENT_CHARS, PAGE_PROBLEM_MAX as MAX_PROBLEM_CHARS } from '../../domain/customer-page-forms.js';
import { PAGE_COMMENT_MAX as MAX_COMMENT_CHARS, PAGE_PROBLEM_MAX as MAX_PROBLEM_CHARS } from '../../domain/customer-page-forms.js';

type Format = ReturnType<typeof formatters>;

/** The customer's repair page: one view, its sections chosen by the order's state. */
export function renderCustomerPage(model: CustomerPageModel): string {
  const s = pageStrings(model.language);
  const f = formatters(s.locale, model.timezone);
  const body = html`${notice(model, s, f)}${errorBox(model.error, s)}${statusSection(model, s, f)}${quoteSection(model, s, f)}${completedSection(model, s, f)}${photosSection(model, s)}${timelineSection(model, s, f)}${problemSection(model, s, f)}${storeSection(model, s)}`;
  return layout({ language: model.language, title: `${s.title} · ${model.storeName}`, heading: s.title, storeName: model.storeName, switcher: true, body });
}

export function problemText(problem: FieldProblem, s: PageStrings): string {
  const names: Record<FieldProblem['field'], string> = {
    rating: s.rating,
    comment: s.comment,
    problem: s.describeProblem,
    code: s.trackingCode,
    last4: s.lookupLast4,
    form: '',
  };
  return say(s.errors[problem.kind], { field: names[problem.field], max: problem.max ?? '' });
}

function errorBox(error: FieldProblem | null, s: PageStrings): Html | '' {
  return error ? html`<section class="error" role="alert"><p>${problemText(error, s)}</p></section>` : '';
}

function notice(model: CustomerPageModel, s: PageStrings, f: Format): Html | '' {
  if (!model.notice) return '';
  const text = model.notice === 'problem' ? say(s.confirm.problem, { time: model.problem ? f.instant(model.problem.callBy) : '' }) : s.confirm[model.notice];
  return html`<section class="notice" role="status"><p>${text}</p></section>`;
}

function statusSection(model: CustomerPageModel, s: PageStrings, f: Format): Html {
  return html`<section aria-labelledby="status-h"><h2 id="status-h">${s.statusHeading}</h2><p class="status">${s.status[model.status]}</p><p>${s.next[model.status]}</p><dl><dt>${s.device}</dt><dd>${model.device.brand} ${model.device.model}</dd><dt>${s.trackingCode}</dt><dd>${model.trackingCode}</dd>${
    model.promisedBy ? html`<dt>${s.promisedBy}</dt><dd>${f.instant(model.promisedBy)}</dd>` : ''
  }</dl></section>`;
}

/** The quote: the estimate, and while it awaits the customer, Approve and Decline (each its own form). */
function quoteSection(model: CustomerPageModel, s: PageStrings, f: Format): Html | '' {
  if (!model.quote || model.status === 'completed' || model.status === 'cancelled') return '';
  const deciding = model.status === 'awaiting_approval';
  const form = (action: 'approve' | 'decline', label: string, secondary: boolean) =>
    html`<form method="post" action="${model.token}/${action}"><input type="hidden" name="csrf" value="${model.csrf[action]}"><input type="hidden" name="version" value="${model.version}"><input type="hidden" name="lang" value="${model.language}"><button type="submit"${secondary ? html` class="secondary"` : ''}>${label}</button></form>`;
  return html`<section aria-labelledby="quote-h"><h2 id="quote-h">${s.quote}</h2>${quoteLines(model.quote, s, f)}<p>${s.estimate}</p><p class="money">${f.money(model.quote.estimate)}</p>${
    deciding ? html`<div class="actions">${form('approve', s.approve, false)}${form('decline', s.decline, true)}</div><p class="hint">${s.decisionHint}</p>` : ''
  }</section>`;
}

/**
 * The quote's lines (part, labour, what covers the customer, extras, tax), labelled in the
 * customer's language; an extra line keeps the store's own words. The version is the one an
 * approval applies to.
 */
function quoteLines(quote: NonNullable<CustomerPageModel['quote']>, s: PageStrings, f: Format): Html | '' {
  if (quote.lines.length === 0) return '';
  const label = (line: (typeof quote.lines)[number]) => (line.kind === 'extra' ? line.description : s.quoteLine[line.kind]);
  return html`<table class="quote"><caption>${say(s.quoteVersion, { version: quote.version ?? 1 })}</caption><tbody>${quote.lines.map(
    (line) => html`<tr><th scope="row">${label(line)}</th><td class="money">${f.money(line.amount)}</td></tr>`,
  )}</tbody><tfoot><tr><th scope="row">${s.quoteLine.total}</th><td class="money">${f.money(quote.estimate)}</td></tr></tfoot></table>`;
}

/** After completion: the warranty end and the rating (once; then the thanks). */
function completedSection(model: CustomerPageModel, s: PageStrings, f: Format): Html | '' {
  if (model.status !== 'completed') return '';
  const warranty = model.warrantyEndsOn ? html`<dl><dt>${s.warrantyUntil}</dt><dd>${f.day(model.warrantyEndsOn)}</dd></dl>` : '';
  const rating = model.rating
    ? html`<p>${say(s.ratedThanks, { rating: model.rating.value })}</p>`
    : html`<form method="post" action="${model.token}/rating"><input type="hidden" name="csrf" value="${model.csrf.rating}"><input type="hidden" name="lang" value="${model.language}"><fieldset><legend>${s.rating}</legend><div class="stars">${[1, 2, 3, 4, 5].map(
        (n) => html`<label><input type="radio" name="rating" value="${n}" required aria-label="${say(s.ratingValue, { rating: n })}">${n}</label>`,
      )}</div></fieldset><label for="comment">${s.comment}</label><p class="hint" id="comment-hint">${s.optional}</p><textarea id="comment" name="comment" maxlength="${MAX_COMMENT_CHARS}" aria-describedby="comment-hint"></textarea><button type="submit">${s.sendRating}</button></form>`;
  return html`<section aria-labelledby="done-h"><h2 id="done-h">${s.ratingQuestion}</h2>${warranty}${rating}</section>`;
}

function photosSection(model: CustomerPageModel, s: PageStrings): Html | '' {
  if (model.photos.length === 0) return '';
  return html`<section aria-labelledby="photos-h"><h2 id="photos-h">${s.photos}</h2><div class="photos">${model.photos.map(
    (photo) => html`<figure><img src="${photo.url}" alt="${photo.caption ?? s.photoStage[photo.stage]}" loading="lazy"><figcaption>${s.photoStage[photo.stage]}${photo.caption ? html` &middot; ${photo.caption}` : ''}</figcaption></figure>`,
  )}</div></section>`;
}

function timelineSection(model: CustomerPageModel, s: PageStrings, f: Format): Html {
  return html`<section aria-labelledby="timeline-h"><h2 id="timeline-h">${s.timeline}</h2><ol>${model.timeline.map(
    (step) => html`<li>${s.status[step.status]}<time datetime="${step.at}">${f.instant(step.at)}</time></li>`,
  )}</ol></section>`;
}

/** Any time after intake: the customer describes what is wrong and is told by when they are called. */
function problemSection(model: CustomerPageModel, s: PageStrings, f: Format): Html {
  const open = model.problem ? html`<p>${say(s.callbackBy, { time: f.instant(model.problem.callBy) })}</p>` : '';
  return html`<section aria-labelledby="problem-h"><h2 id="problem-h">${s.problemHeading}</h2>${open}<form method="post" action="${model.token}/problem"><input type="hidden" name="csrf" value="${model.csrf.problem}"><input type="hidden" name="lang" value="${model.language}"><label for="problem">${s.describeProblem}</label><textarea id="problem" name="problem" required maxlength="${MAX_PROBLEM_CHARS}"></textarea><button type="submit">${s.reportProblem}</button></form></section>`;
}

function storeSection(model: CustomerPageModel, s: PageStrings): Html {
  const { phone, address, mapsUrl } = model.contact;
  return html`<section aria-labelledby="store-h"><h2 id="store-h">${s.store}</h2><p>${model.storeName}</p>${
    phone || address ? html`<dl>${phone ? html`<dt>${s.phone}</dt><dd><a href="tel:${phone}">${phone}</a></dd>` : ''}${address ? html`<dt>${s.address}</dt><dd>${address}</dd>` : ''}</dl>` : ''
  }${mapsUrl ? html`<p><a href="${mapsUrl}" rel="noopener noreferrer">${s.map}</a></p>` : ''}</section>`;
}
