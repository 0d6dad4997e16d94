/**
 * The customer page's views, pure: every status in all 11 languages with realistic values, in the
 * language and script asked for, with no personal data even when the order is full of it.
 */
import { STATUSES, type RepairStatus } from '../../shared/domain/status.js';
import { LANGUAGES, type Language } from '../../shared/domain/vocabulary.js';
import type { OrderEvent, RepairOrder } from '../../shared/domain/order.js';
import { csrfToken, validCsrfToken } from '../../shared/web/csrf.js';
import { escapeHtml } from '../../shared/web/html.js';
import { pageHeaders } from '../../shared/web/headers.js';
import { pageStrings } from '../../shared/web/i18n/index.js';
import { customerTimeline, pageModel } from '../../shared/web/model.js';
import { renderCustomerPage } from '../../shared/web/views/customer-page.js';
import { renderLookupForm, renderNotFound } from '../../shared/web/views/other-pages.js';
import { PAGE_CSS, PAGE_CSS_HASH } from '../../shared/web/views/style.js';
import { createHash } from 'node:crypto';

const NAME = 'Asha Rao';
const PHONE = '+919812345678';
const IMEI = '356938035643809';
const NOTE = 'Customer was rude at the counter';
const DESCRIPTION = 'Dropped it in the bath, call me on 9812345678';
const TOKEN = 'Vq3xT0bK9mZ_f2LwQeR8aA';
const FORM_KEY = 'form-key-for-tests-only-0123456789abcdef';

const SCRIPTS: Record<Language, RegExp> = {
  en: /[A-Za-z]/, hi: /\p{Script=Devanagari}/u, mr: /\p{Script=Devanagari}/u, bn: /\p{Script=Bengali}/u, gu: /\p{Script=Gujarati}/u,
  ta: /\p{Script=Tamil}/u, te: /\p{Script=Telugu}/u, kn: /\p{Script=Kannada}/u, ml: /\p{Script=Malayalam}/u, zh: /\p{Script=Han}/u, ka: /\p{Script=Georgian}/u,
};

/** The path an order takes to `status`, as events (the timeline's source). */
function historyTo(status: RepairStatus): OrderEvent[] {
  const paths: Record<RepairStatus, RepairStatus[]> = {
    awaiting_device: ['awaiting_device'],
    received: ['received'],
    diagnosing: ['received', 'diagnosing'],
    awaiting_approval: ['received', 'diagnosing', 'awaiting_approval'],
    awaiting_parts: ['received', 'diagnosing', 'awaiting_approval', 'awaiting_parts'],
    in_repair: ['received', 'diagnosing', 'awaiting_approval', 'in_repair'],
    quality_check: ['received', 'diagnosing', 'in_repair', 'quality_check'],
    ready_for_pickup: ['received', 'diagnosing', 'in_repair', 'quality_check', 'ready_for_pickup'],
    shipped: ['awaiting_device', 'received', 'diagnosing', 'in_repair', 'quality_check', 'shipped'],
    completed: ['received', 'diagnosing', 'in_repair', 'quality_check', 'ready_for_pickup', 'completed'],
    cancelled: ['received', 'diagnosing', 'awaiting_approval', 'cancelled'],
  };
  return paths[status].map((to, i, all) => ({
    version: i + 1,
    at: new Date(Date.UTC(2026, 10, 22, 4 + i, 20)).toISOString(),
    from: i === 0 ? null : (all[i - 1] as RepairStatus),
    to,
    by: 'store-1',
    note: `${NOTE} (${PHONE})`,
    reason: to === 'cancelled' ? 'customer declined the estimate' : null,
  }));
}

function order(status: RepairStatus, language: Language): RepairOrder {
  return {
    id: '01JDTESTORDER0000000000000',
    trackingCode: 'K7Q-4M2X-P9H',
    storeId: 'store-1',
    storeName: 'OPPO Service Center Koramangala',
    status,
    version: historyTo(status).length,
    channel: status === 'shipped' ? 'mail_in' : 'walk_in',
    customer: { name: NAME, phone: PHONE, language, smsOptIn: true, whatsappOptIn: false },
    device: { brand: 'OPPO', model: 'Reno 12 Pro', deviceId: IMEI, purchaseDate: '2026-03-01' },
    issue: { category: 'screen', description: DESCRIPTION },
    estimate: { amount: '3499.00', currency: 'INR' },
    dataBackupRequested: false,
    distanceKm: null,
    overseas: false,
    underWarranty: false,
    reworkOf: null,
    promisedBy: '2026-11-28T06:20:00.000Z',
    slaStartedAt: '2026-11-22T04:20:00.000Z',
    sla: null,
    promiseRiskAt: null,
    respondBy: null,
    respondRiskAt: null,
    respondedAt: null,
    responseSla: null,
    pausedAt: null,
    pausedMs: 0,
    slaMet: null,
    personalDataErasedAt: null,
    pageToken: TOKEN,
    quote: null,
    approvedQuoteVersion: null,
    createdAt: '2026-11-22T04:20:00.000Z',
    updatedAt: '2026-11-22T09:20:00.000Z',
  };
}

function render(status: RepairStatus, language: Language, extra: Partial<Parameters<typeof pageModel>[0]> = {}) {
  return renderCustomerPage(
    pageModel({
      token: TOKEN,
      language,
      order: order(status, language),
      history: historyTo(status),
      store: { timezone: 'Asia/Kolkata', contact: { phone: '+918041234567', address: '80 Feet Road, Koramangala, Bengaluru 560034', mapsUrl: 'https://maps.example.com/?q=1' } },
      warrantyEndsOn: '2027-02-20',
      photos: [],
      rating: null,
      problem: null,
      csrf: { approve: 'a', decline: 'd', rating: 'r', problem: 'p' },
      ...extra,
    }),
  );
}

const sizes: string[] = [];
afterAll(() => console.log(`customer page sizes (bytes, HTML with its inline CSS):\n${sizes.join('\n')}`));

describe.each(LANGUAGES.map((language) => [language]))('%s', (language) => {
  const s = pageStrings(language);
  test.each(STATUSES.map((status) => [status]))('%s renders in the language, with no personal data', (status) => {
    const html = render(status, language);
    expect(html.startsWith(`<!doctype html><html lang="${language}">`)).toBe(true);
    expect(html).toContain(escapeHtml(s.status[status]));
    expect(html).toContain(escapeHtml(s.next[status]));
    expect(html).toMatch(SCRIPTS[language]);
    expect(html).toContain('OPPO Reno 12 Pro');
    expect(html).toContain('K7Q-4M2X-P9H');
    for (const personal of [NAME, PHONE, PHONE.slice(3), IMEI, IMEI.slice(-8), NOTE, DESCRIPTION, 'bath', 'store-1', '01JDTESTORDER']) {
      expect(html).not.toContain(personal);
    }
    // No script of any kind, no third-party resource.
    expect(html).not.toMatch(/<script|javascript:|\son[a-z]+=/i);
    expect(html).not.toMatch(/<(img|link|iframe)[^>]+(src|href)="https?:/);
    const deciding = status === 'awaiting_approval';
    expect(html.includes(`action="${TOKEN}/approve"`)).toBe(deciding);
    expect(html.includes(`action="${TOKEN}/decline"`)).toBe(deciding);
    expect(html.includes(`action="${TOKEN}/rating"`)).toBe(status === 'completed');
    expect(html).toContain(`action="${TOKEN}/problem"`);
    if (status === 'completed') expect(html).toContain(escapeHtml(s.warrantyUntil));
    else expect(html).not.toContain(escapeHtml(s.warrantyUntil));
    if (status === 'awaiting_approval') sizes.push(`${language} ${status}: ${Buffer.byteLength(html)}`);
  });

  test('the strings are translated, not English copies', () => {
    if (language === 'en') return;
    const english = pageStrings('en');
    for (const key of ['title', 'approve', 'decline', 'rating', 'comment', 'sendRating', 'describeProblem', 'reportProblem', 'notFoundTitle'] as const) {
      expect(s[key]).not.toBe(english[key]);
      expect(s[key]).toMatch(SCRIPTS[language]);
    }
    for (const status of STATUSES) expect(s.status[status]).toMatch(SCRIPTS[language]);
  });
});

test('English controls carry exactly the accessible names API.md gives', () => {
  const quote = render('awaiting_approval', 'en');
  expect(quote).toContain('>Approve</button>');
  expect(quote).toContain('>Decline</button>');
  const done = render('completed', 'en');
  expect(done).toContain('<legend>Rating</legend>');
  for (let n = 1; n <= 5; n++) expect(done).toContain(`name="rating" value="${n}" required aria-label="${n} of 5"`);
  expect(done).toContain('<label for="comment">Comment</label>');
  expect(done).toContain('>Send rating</button>');
  expect(done).toContain('<label for="problem">Describe the problem</label>');
  expect(done).toContain('>Report a problem</button>');
});

test('the timeline keeps the customer-facing steps, on the store clock', () => {
  expect(customerTimeline(historyTo('completed')).map((step) => step.status)).toEqual(['received', 'in_repair', 'ready_for_pickup', 'completed']);
  // 04:20 UTC is 09:50 in Kolkata.
  expect(render('received', 'en')).toMatch(/<time datetime="2026-11-22T04:20:00.000Z">22 Nov 2026, 9:50\sam<\/time>/);
});

test('photos appear only when the port has some, with their caption and stage', () => {
  expect(render('in_repair', 'en')).not.toContain('<figure>');
  const withPhotos = render('in_repair', 'en', { photos: [{ url: 'https://photos.example.com/a.jpg', caption: 'Cracked <display>', stage: 'intake' }] });
  expect(withPhotos).toContain('<img src="https://photos.example.com/a.jpg" alt="Cracked &lt;display&gt;"');
  expect(withPhotos).toContain('At intake');
});

test('a rating given, a problem reported and a confirmation are shown', () => {
  const html = render('completed', 'hi', { rating: { value: 4 }, problem: { callBy: '2026-11-23T04:20:00.000Z' }, notice: 'problem' });
  expect(html).not.toContain(`action="${TOKEN}/rating"`);
  expect(html).toContain('आपने इस रिपेयर को 5 में से 4 रेटिंग दी।');
  expect(html).toContain('role="status"');
  expect(html).toContain('स्टोर आपको');
});

test('store-typed text cannot become markup', () => {
  const html = renderCustomerPage(
    pageModel({
      token: TOKEN,
      language: 'en',
      order: { ...order('received', 'en'), storeName: '<script>alert(1)</script>', device: { brand: 'OPPO', model: '"><img src=x onerror=alert(1)>', deviceId: null, purchaseDate: null } },
      history: historyTo('received'),
      store: { timezone: 'Asia/Kolkata', contact: { address: '<b>bold</b>' } },
      warrantyEndsOn: null,
      photos: [],
      rating: null,
      problem: null,
      csrf: { approve: 'a', decline: 'd', rating: 'r', problem: 'p' },
    }),
  );
  expect(html).not.toMatch(/<script|<img|<b>/);
  expect(html).toContain('&lt;script&gt;');
});

test('the 404 page is one page per language, whatever was asked for; the lookup form has its labels', () => {
  for (const language of LANGUAGES) {
    expect(renderNotFound(language)).toContain(`<html lang="${language}">`);
    expect(renderNotFound(language)).toContain(escapeHtml(pageStrings(language).notFoundTitle));
  }
  const form = renderLookupForm('en');
  expect(form).toContain('<label for="code">Tracking code</label>');
  expect(form).toContain('<label for="last4">Last 4 digits of your phone number</label>');
});

test('CSRF tokens are tied to the page token and the action', () => {
  const approve = csrfToken(FORM_KEY, TOKEN, 'approve');
  expect(validCsrfToken(FORM_KEY, TOKEN, 'approve', approve)).toBe(true);
  expect(validCsrfToken(FORM_KEY, TOKEN, 'decline', approve)).toBe(false);
  expect(validCsrfToken(FORM_KEY, 'AAAAAAAAAAAAAAAAAAAAAA', 'approve', approve)).toBe(false);
  expect(validCsrfToken('another-key', TOKEN, 'approve', approve)).toBe(false);
  expect(validCsrfToken(FORM_KEY, TOKEN, 'approve', undefined)).toBe(false);
  expect(validCsrfToken(FORM_KEY, TOKEN, 'approve', approve.slice(1))).toBe(false);
});

test('the CSP allows exactly the inline stylesheet, by its hash, and nothing from elsewhere', () => {
  const csp = pageHeaders()['content-security-policy'];
  expect(PAGE_CSS_HASH).toBe(`sha256-${createHash('sha256').update(PAGE_CSS).digest('base64')}`);
  expect(csp).toBe(`default-src 'none'; style-src '${PAGE_CSS_HASH}'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`);
  expect(render('received', 'en')).toContain(`<style>${PAGE_CSS}</style>`);
  expect(pageHeaders(['https://photos.example.com'])['content-security-policy']).toContain("img-src 'self' https://photos.example.com;");
});
