/**
 * The customer page in a real browser against `npm start`: Chromium from @sparticuz/chromium,
 * driven by playwright-core. The link comes from the local SMS inbox; the page is read at 390×844
 * in Hindi, switched to English, and approved, rated and reported on with JavaScript disabled.
 * axe checks every state for serious or critical WCAG 2 A/AA violations, and no request leaves
 * the stack's origin. Screenshots land in test-output/ (Noto fonts loaded by this test only:
 * Chromium's bundled fonts lack Indic scripts, and the page itself ships none).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import chromium from '@sparticuz/chromium';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium as playwright, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { freePort } from '../../local/dynamodb-local.js';
import { ROOT, spawnNpmStart, type NpmStart } from '../support/npm-start.js';

const VIEWPORT = { width: 390, height: 844 };
const OUTPUT = join(ROOT, 'test-output', 'customer-page');
const FONT_PACKAGES = ['noto-sans', 'noto-sans-devanagari', 'noto-sans-bengali', 'noto-sans-gujarati', 'noto-sans-tamil', 'noto-sans-telugu', 'noto-sans-kannada', 'noto-sans-malayalam', 'noto-sans-sc', 'noto-sans-georgian'];
const FONT_FAMILIES = FONT_PACKAGES.map((name) => `"${name.replace(/(^|-)(\w)/g, (_m, dash: string, c: string) => `${dash ? ' ' : ''}${c.toUpperCase()}`).replace('Sans Sc', 'Sans SC')}"`);

let stack: NpmStart | null = null;
let browser: Browser | null = null;
let url: string;
let auth: Record<string, string>;
/** Every request any page made, to check none went to another origin. */
const requested: string[] = [];

async function api(method: string, path: string, body?: unknown) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { ...auth, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

async function newOrder(language: string, phone: string) {
  const created = await api('POST', '/v1/repairs', {
    channel: 'walk_in',
    customer: { name: 'Priya Sharma', phone, language, smsOptIn: true },
    device: { brand: 'OPPO', model: 'Reno 12 Pro', deviceId: `35693803${Math.floor(Math.random() * 1e7).toString().padStart(7, '0')}` },
    issue: { category: 'screen', description: 'Cracked screen after a fall' },
  });
  expect(created.status).toBe(201);
  return created.body.id as string;
}

async function moveTo(id: string, ...statuses: string[]) {
  for (const status of statuses) {
    const body = status === 'awaiting_approval' ? { status, estimate: { amount: '3499.00', currency: 'INR' } } : status === 'cancelled' ? { status, reason: 'customer changed their mind' } : { status };
    expect((await api('POST', `/v1/repairs/${id}/status`, body)).status).toBe(200);
  }
}

/** The page link from the newest SMS to this number (the inbox the local SNS fills). */
async function linkFromSms(phone: string, count: number): Promise<string> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const inbox = (await (await fetch(`${url}/_local/sms?to=${encodeURIComponent(phone)}`)).json()) as { items: { body: string }[] };
    const link = inbox.items.length >= count ? /(http:\/\/\S+\/r\/[A-Za-z0-9_-]{22})$/.exec(inbox.items.at(-1)!.body)?.[1] : undefined;
    if (link) return link;
    if (Date.now() > deadline) throw new Error(`no SMS with a page link for ${phone}: ${JSON.stringify(inbox.items)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function context(options: { javaScriptEnabled: boolean }): Promise<BrowserContext> {
  // bypassCSP only where JavaScript runs: there axe and the test's font styles are injected. The
  // JavaScript-less context keeps the page's own CSP, and still renders and submits everything.
  const ctx = await browser!.newContext({ viewport: VIEWPORT, javaScriptEnabled: options.javaScriptEnabled, bypassCSP: options.javaScriptEnabled });
  ctx.on('request', (request) => requested.push(request.url()));
  // The test's fonts, served as if from the stack itself (never part of the page).
  await ctx.route(`${url}/__test-fonts/**`, (route) => {
    const file = new URL(route.request().url()).pathname.replace('/__test-fonts/', '');
    return route.fulfill({ body: readFileSync(join(ROOT, 'node_modules/@fontsource', file)), contentType: 'font/woff2' });
  });
  return ctx;
}

/** Noto fonts for the screenshot (the test's own style, loaded through its route). */
async function withFonts(page: Page) {
  const css = FONT_PACKAGES.map((name) =>
    readFileSync(join(ROOT, 'node_modules/@fontsource', name, '400.css'), 'utf8').replace(/url\(\.\/files\//g, `url(${url}/__test-fonts/${name}/files/`),
  ).join('\n');
  await page.addStyleTag({ content: `${css}\nbody,button,textarea,input{font-family:${FONT_FAMILIES.join(',')},sans-serif !important}` });
  await page.evaluate('document.fonts.ready');
}

async function screenshot(page: Page, name: string) {
  await withFonts(page);
  await page.screenshot({ path: join(OUTPUT, `${name}.png`), fullPage: true });
}

/** axe's WCAG 2 A/AA rules: no serious or critical violation. */
async function expectAccessible(page: Page, state: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const severe = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  console.log(`axe ${state}: ${results.violations.length} violations (${severe.length} serious/critical), ${results.passes.length} rules passed`);
  expect({ state, severe: severe.map((v) => `${v.id}: ${v.help}`) }).toEqual({ state, severe: [] });
}

beforeAll(async () => {
  mkdirSync(OUTPUT, { recursive: true });
  const port = await freePort();
  stack = spawnNpmStart({ PORT: String(port), LOCAL_IN_MEMORY: '1', TABLE_NAME: 'repairs' });
  const key = (await stack.waitFor(/API key:\s+(\S+)\s*\n/))[1]!;
  url = `http://127.0.0.1:${port}`;
  auth = { authorization: `Bearer ${key}` };
  const patched = await api('PATCH', '/v1/store', { contact: { phone: '+918041234567', address: '80 Feet Road, Koramangala, Bengaluru 560034', mapsUrl: 'https://maps.example.com/?q=koramangala' } });
  expect(patched.status).toBe(200);
  // Without --single-process (a Lambda setting of @sparticuz/chromium): there, closing one context ends the browser.
  browser = await playwright.launch({ executablePath: await chromium.executablePath(), args: chromium.args.filter((arg) => arg !== '--single-process'), headless: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.kill();
});

test('the link from the SMS: Hindi, then English; approve, rate and report a problem without JavaScript; axe in every state', async () => {
  const phone = '+919845012345';
  const id = await newOrder('hi', phone);
  await moveTo(id, 'diagnosing', 'awaiting_approval');
  const link = await linkFromSms(phone, 2);
  expect(link.startsWith(`${url}/r/`)).toBe(true);

  const noJs = await context({ javaScriptEnabled: false });
  const withJs = await context({ javaScriptEnabled: true });
  try {
    const page = await noJs.newPage();
    await page.goto(link);
    expect(await page.getAttribute('html', 'lang')).toBe('hi');
    await expect(page.locator('.status').textContent()).resolves.toBe('आपकी मंज़ूरी चाहिए');

    // The quote, checked and pictured in a JavaScript context (axe runs as a script).
    const quote = await withJs.newPage();
    await quote.goto(link);
    await expectAccessible(quote, 'quote (hi)');
    await screenshot(quote, '1-quote-hi');

    await page.getByRole('link', { name: 'English' }).click();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await expect(page.locator('.status').textContent()).resolves.toBe('Your approval is needed');
    await page.getByRole('button', { name: 'Approve', exact: true }).click();
    await expect(page.getByRole('status').textContent()).resolves.toContain('You approved the estimate');
    await expect(page.locator('.status').textContent()).resolves.toBe('Your device is being repaired');
    expect((await api('GET', `/v1/repairs/${id}`)).body.history.at(-1)).toMatchObject({ to: 'in_repair', by: 'customer' });

    await moveTo(id, 'quality_check', 'ready_for_pickup', 'completed');
    await page.reload();
    await expect(page.locator('.status').textContent()).resolves.toBe('Repair completed');
    const completed = await withJs.newPage();
    await completed.goto(`${link}?lang=en`);
    await expectAccessible(completed, 'completed (en)');
    await screenshot(completed, '2-completed-en');

    const rating = page.getByRole('group', { name: 'Rating' });
    await rating.getByRole('radio', { name: '4 of 5' }).check();
    await page.getByLabel('Comment', { exact: true }).fill('Quick and friendly, thank you');
    await page.getByRole('button', { name: 'Send rating' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toBe('Thank you for your rating!');
    await expect(page.getByText('You rated this repair 4 of 5.').count()).resolves.toBe(1);

    await page.getByLabel('Describe the problem', { exact: true }).fill('The earpiece is quieter than before the repair');
    await page.getByRole('button', { name: 'Report a problem' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toMatch(/^Thank you for telling us\. The store will call you by .+\.$/);
    const due = (await api('GET', '/v1/follow-ups?state=due')).body.items as { orderId: string; kind: string }[];
    expect(due.filter((task) => task.orderId === id).map((task) => task.kind)).toEqual(['callback']);

    // A cancelled order, the not-found page and the lookup form.
    const otherPhone = '+919845067890';
    const other = await newOrder('ta', otherPhone);
    await moveTo(other, 'cancelled');
    const cancelled = await withJs.newPage();
    await cancelled.goto(await linkFromSms(otherPhone, 2));
    expect(await cancelled.getAttribute('html', 'lang')).toBe('ta');
    await expectAccessible(cancelled, 'cancelled (ta)');
    await screenshot(cancelled, '3-cancelled-ta');

    const missing = await withJs.newPage();
    const notFound = await missing.goto(`${url}/r/AAAAAAAAAAAAAAAAAAAAAA`);
    expect(notFound?.status()).toBe(404);
    await expectAccessible(missing, 'not found');
    await screenshot(missing, '4-not-found');

    const lookup = await withJs.newPage();
    await lookup.goto(`${url}/track?lang=zh`);
    await expectAccessible(lookup, 'lookup form (zh)');
    await screenshot(lookup, '5-lookup-zh');
    // The form without JavaScript: code + last 4 digits lead to the page.
    const find = await noJs.newPage();
    await find.goto(`${url}/track`);
    const code = (await api('GET', `/v1/repairs/${id}`)).body.trackingCode as string;
    await find.getByLabel('Tracking code').fill(code);
    await find.getByLabel('Last 4 digits of your phone number').fill(phone.slice(-4));
    await find.getByRole('button', { name: 'Show my repair' }).click();
    expect(find.url()).toBe(`${link}?lang=en`);

    const foreign = requested.filter((address) => !address.startsWith(`${url}/`));
    expect(foreign).toEqual([]);
  } finally {
    await noJs.close();
    await withJs.close();
  }
}, 120_000);
