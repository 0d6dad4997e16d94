import { CUSTOMER_FACING_STATUSES } from '../../../shared/domain/status.js';
import { LANGUAGES, type Language } from '../../../shared/domain/vocabulary.js';
import { countSegments, type SegmentCount } from '../../../shared/notify/segments.js';
import {
  dltTemplateId,
  dltTemplateKey,
  renderSms,
  resolveSmsLanguage,
  SMS_TEMPLATE_KEYS,
  smsSegmentBudget,
  smsTemplateKeyForStatus,
  SmsTemplateError,
  type SmsTemplateKey,
  type SmsValues,
} from '../../../shared/notify/templates.js';
import { SMS_TEXTS, SMS_WHOLE_NAME_LENGTH } from '../../../shared/notify/texts.js';
import { realisticSmsValues, SMS_BUDGET, SMS_PAGE_URL, SMS_STORE_NAME, SMS_TRACKING_CODE } from '../../fixtures/sms.js';

const STORE = SMS_STORE_NAME;
const CODE = SMS_TRACKING_CODE;
const values = realisticSmsValues;
const LOCALES: Record<Language, string> = {
  en: 'en-IN', hi: 'hi-IN', bn: 'bn-IN', mr: 'mr-IN', gu: 'gu-IN', ta: 'ta-IN',
  te: 'te-IN', kn: 'kn-IN', ml: 'ml-IN', zh: 'zh-CN', ka: 'ka-GE',
};

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

/** The digits of `n` in the locale's own numbering system (Devanagari for mr, Bengali for bn, …). */
function localDigits(locale: string, digits: string): string {
  const format = new Intl.NumberFormat(locale, { useGrouping: false });
  return [...digits].map((d) => format.format(Number(d))).join('');
}
/** Drops group and decimal separators between digits: "₹১,৪৯৯.০০" → "₹১৪৯৯০০". */
function withoutSeparators(text: string): string {
  return text.replace(/(?<=\p{Nd})[.,\u00a0\u202f' ](?=\p{Nd})/gu, '');
}

const BUDGET = SMS_BUDGET;

interface Row {
  language: Language;
  key: SmsTemplateKey;
  worst: SegmentCount;
  /** Whether the store name went out whole in the longest month, or was shortened to fit. */
  storeName: 'whole' | 'shortened';
}
const rows: Row[] = [];

afterAll(() => {
  const lines = [
    '| language | key | encoding | segments | units | store name |',
    '|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.language} | ${r.key} | ${r.worst.encoding} | ${r.worst.segments} | ${r.worst.units} | ${r.storeName} |`),
  ];
  console.log(
    `SMS segment budget (store "${STORE}", code ${CODE}, link ${SMS_PAGE_URL}, estimate INR 1499.00, longest month of the year; ` +
      `units = GSM-7 septets or UTF-16 code units)\n${lines.join('\n')}`,
  );
});

describe.each(LANGUAGES.map((language) => [language]))('%s templates', (language) => {
  test.each(SMS_TEMPLATE_KEYS.map((key) => [key]))('%s fits its budget in every month', (key) => {
    let worst: SegmentCount | null = null;
    let whole = true;
    for (const month of MONTHS) {
      const sms = renderSms(key, language, values(month));
      expect(sms.language).toBe(language);
      expect(sms.key).toBe(key);
      const count = countSegments(sms.text);
      if (language === 'en') {
        expect(count.encoding).toBe(BUDGET.en.encoding);
        expect(count.segments).toBe(BUDGET.en.maxSegments);
        expect(count.units).toBeLessThanOrEqual(160);
      } else {
        expect(count.encoding).toBe('UCS-2');
        expect(count.segments).toBeLessThanOrEqual(BUDGET.other.maxSegments);
        expect(count.units).toBeLessThanOrEqual(134);
      }
      if (!worst || count.units > worst.units) {
        worst = count;
        whole = sms.text.includes(STORE);
      }
      // The link is never what gives way: whole, and last, so phones make it tappable.
      expect(sms.text.endsWith(SMS_PAGE_URL)).toBe(true);
      expect(sms.text.at(-SMS_PAGE_URL.length - 1)).toMatch(/[\s。：]/u);
    }
    if (worst) rows.push({ language, key, worst, storeName: whole ? 'whole' : 'shortened' });
  });

  test.each(SMS_TEMPLATE_KEYS.map((key) => [key]))('%s names the store and carries the page link, all placeholders filled', (key) => {
    const { text } = renderSms(key, language, values());
    // The store name may be shortened at a word to keep the budget; the brand always stays.
    expect(text.startsWith(language === 'zh' ? '【OPPO' : 'OPPO')).toBe(true);
    expect(text).toContain(SMS_PAGE_URL);
    // Only the first message carries the tracking code; the page shows it from then on.
    if (key === 'received') expect(text).toContain(CODE);
    else expect(text).not.toContain(CODE);
    // With a short display name (sms.displayName) the name goes out whole.
    expect(renderSms(key, language, values(11, { storeName: 'OPPO Koramangala' })).text).toContain('OPPO Koramangala');
    expect(text).not.toMatch(/[{}]/);
    expect(text).toBe(text.trim());
    expect(text).not.toMatch(/ {2}/);
  });

  test('awaiting_approval shows the estimate in local digits', () => {
    const { text } = renderSms('awaiting_approval', language, values());
    expect(withoutSeparators(text)).toContain(localDigits(LOCALES[language], '149900'));
    const other = renderSms('awaiting_approval', language, values(11, { estimate: { amount: '2750.50', currency: 'INR' } }));
    expect(withoutSeparators(other.text)).toContain(localDigits(LOCALES[language], '275050'));
  });

  test.each([['completed'], ['warranty_reminder'], ['warranty_extended']] as const)('%s shows the warranty end date', (key) => {
    const { text } = renderSms(key, language, values(11, { warrantyEndsOn: '2027-02-19' }));
    const expected = new Intl.DateTimeFormat(LOCALES[language], { timeZone: 'UTC', dateStyle: 'medium' })
      .format(Date.UTC(2027, 1, 19))
      .replace(/[\u00a0\u202f]/g, language === 'en' ? ' ' : '$&');
    expect(text).toContain(expected);
    expect(text).toContain(localDigits(LOCALES[language], '19'));
    expect(text).toContain(localDigits(LOCALES[language], '2027'));
  });

  test('received mentions the promised time only when there is one', () => {
    const withPromise = renderSms('received', language, values(8, { promisedBy: '2026-08-24T10:50:00Z' })).text;
    const withoutPromise = renderSms('received', language, values(8, { promisedBy: null })).text;
    // 10:50 UTC is 16:20 in Kolkata: "4:20" in 12-hour locales, "16:20" in 24-hour ones.
    const digits = (d: string) => localDigits(LOCALES[language], d);
    expect(withPromise).toMatch(new RegExp(`(^|\\P{Nd})(${digits('4')}|${digits('16')}):${digits('20')}`, 'u'));
    expect(withPromise).toContain(digits('24'));
    expect(withoutPromise.length).toBeLessThan(withPromise.length);
    expect(withoutPromise).toContain(CODE);
    expect(withoutPromise).not.toMatch(/ {2}/);
  });
});

describe('English stays GSM-7', () => {
  test('money is shown with the ISO code, never ₹, and with Indian grouping', () => {
    expect(renderSms('awaiting_approval', 'en', values()).text).toContain('estimate is INR 1,499.00.');
    const big = renderSms('awaiting_approval', 'en', values(11, { estimate: { amount: '124999.50', currency: 'INR' } }));
    expect(big.text).toContain('INR 1,24,999.50');
    expect(big.text).not.toContain('₹');
    expect(countSegments(big.text).encoding).toBe('GSM-7');
  });

  test('Intl non-breaking spaces are turned into plain spaces', () => {
    for (const key of SMS_TEMPLATE_KEYS) {
      const { text } = renderSms(key, 'en', values());
      expect(text).not.toMatch(/[\u00a0\u2007\u2009\u202f]/);
    }
  });

  test('dates and times read as an Indian customer expects', () => {
    expect(renderSms('completed', 'en', values(11, { warrantyEndsOn: '2026-11-22' })).text).toContain('valid until 22 Nov 2026.');
    const received = renderSms('received', 'en', values(8, { promisedBy: '2026-08-24T10:50:00Z' })).text;
    expect(received).toBe(
      `OPPO Service Center...: we have received your device for repair. Ready by 24 Aug, 4:20 pm. Code K7Q-4M2X-P9H. ${SMS_PAGE_URL}`,
    );
    const noPromise = renderSms('received', 'en', values(8, { promisedBy: null })).text;
    expect(noPromise).toBe(`OPPO Service Center Koramangala: we have received your device for repair. Code K7Q-4M2X-P9H. ${SMS_PAGE_URL}`);
  });

  test('the promised time is read on the store clock', () => {
    const at = '2026-08-24T10:50:00Z';
    expect(renderSms('received', 'en', values(8, { promisedBy: at, timezone: 'Asia/Shanghai' })).text).toContain('24 Aug, 6:50 pm');
    expect(renderSms('received', 'ka', values(8, { promisedBy: at, timezone: 'Asia/Tbilisi' })).text).toContain('14:50');
    expect(renderSms('received', 'zh', values(8, { promisedBy: at, timezone: 'Asia/Shanghai' })).text).toContain('8月24日 18:50');
  });

  test('a warranty date is a calendar day: no time zone moves it', () => {
    for (const timezone of ['Pacific/Honolulu', 'Asia/Kolkata', 'Pacific/Kiritimati']) {
      expect(renderSms('warranty_reminder', 'en', values(1, { warrantyEndsOn: '2027-01-01', timezone })).text).toContain('ends on 1 Jan 2027.');
    }
  });
});

describe('local currencies', () => {
  test('China and Georgia show their own currency symbols', () => {
    expect(renderSms('awaiting_approval', 'zh', values(11, { estimate: { amount: '399.00', currency: 'CNY' } })).text).toContain('¥399.00');
    expect(renderSms('awaiting_approval', 'ka', values(11, { estimate: { amount: '120.00', currency: 'GEL' } })).text).toMatch(/120,00\s₾/);
    expect(renderSms('awaiting_approval', 'hi', values()).text).toContain('₹1,499.00');
    expect(renderSms('awaiting_approval', 'en', values(11, { estimate: { amount: '120.00', currency: 'GEL' } })).text).toContain('GEL 120.00');
  });
});

describe('languages', () => {
  test("an unknown language falls back to English", () => {
    for (const key of SMS_TEMPLATE_KEYS) {
      const sms = renderSms(key, 'xx', values());
      expect(sms.language).toBe('en');
      expect(sms.text).toBe(renderSms(key, 'en', values()).text);
    }
    expect(resolveSmsLanguage('')).toBe('en');
    expect(resolveSmsLanguage('fr-FR')).toBe('en');
  });

  test('a region or upper-case tag still finds the language', () => {
    expect(resolveSmsLanguage('HI')).toBe('hi');
    expect(resolveSmsLanguage('hi-IN')).toBe('hi');
    expect(resolveSmsLanguage('zh_CN')).toBe('zh');
    expect(renderSms('shipped', 'ka-GE', values()).language).toBe('ka');
  });

  test('each language is written in its own script', () => {
    const scripts: Record<Exclude<Language, 'en'>, RegExp> = {
      hi: /\p{Script=Devanagari}/u, mr: /\p{Script=Devanagari}/u, bn: /\p{Script=Bengali}/u,
      gu: /\p{Script=Gujarati}/u, ta: /\p{Script=Tamil}/u, te: /\p{Script=Telugu}/u,
      kn: /\p{Script=Kannada}/u, ml: /\p{Script=Malayalam}/u, zh: /\p{Script=Han}/u, ka: /\p{Script=Georgian}/u,
    };
    for (const [language, script] of Object.entries(scripts)) {
      for (const key of SMS_TEMPLATE_KEYS) expect(renderSms(key, language, values()).text).toMatch(script);
    }
  });

  test('the language packs are complete and use only known placeholders', () => {
    const known = new Set(['storeName', 'trackingCode', 'estimate', 'warrantyEndsOn', 'promise', 'link']);
    for (const language of LANGUAGES) {
      const pack = SMS_TEXTS[language];
      expect(Object.keys(pack.templates).sort()).toEqual([...SMS_TEMPLATE_KEYS].sort());
      expect(pack.promise).toContain('{promisedBy}');
      for (const [key, template] of Object.entries(pack.templates)) {
        const used = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
        for (const name of used) expect([...known]).toContain(name);
        expect(used).toEqual(expect.arrayContaining(['storeName', 'link']));
        expect(used.at(-1)).toBe('link');
        expect(used.includes('trackingCode')).toBe(key === 'received');
        if (key === 'awaiting_approval') expect(used).toContain('estimate');
        if (key === 'completed' || key === 'warranty_reminder' || key === 'warranty_extended') expect(used).toContain('warrantyEndsOn');
        if (key === 'completed_no_warranty') expect(used).not.toContain('warrantyEndsOn');
        if (key === 'received') expect(used).toContain('promise');
      }
    }
  });
});

describe('values', () => {
  test('a template never goes out with a blank where a value belongs', () => {
    expect(() => renderSms('awaiting_approval', 'hi', values(11, { estimate: null }))).toThrow(SmsTemplateError);
    expect(() => renderSms('awaiting_approval', 'hi', values(11, { estimate: null }))).toThrow('{estimate}');
    const { warrantyEndsOn: _omitted, ...noWarranty } = values();
    expect(() => renderSms('completed', 'en', noWarranty)).toThrow('{warrantyEndsOn}');
    expect(() => renderSms('warranty_reminder', 'ta', noWarranty)).toThrow(SmsTemplateError);
    // Keys that do not need the value render without it.
    expect(renderSms('shipped', 'en', { ...noWarranty, estimate: null }).text).toContain(SMS_PAGE_URL);
  });

  test('malformed dates and amounts are refused', () => {
    expect(() => renderSms('completed', 'en', values(11, { warrantyEndsOn: '2026-02-30' }))).toThrow(SmsTemplateError);
    expect(() => renderSms('completed', 'en', values(11, { warrantyEndsOn: '22/11/2026' }))).toThrow(SmsTemplateError);
    expect(() => renderSms('received', 'en', values(11, { promisedBy: 'soon' }))).toThrow(SmsTemplateError);
    expect(() =>
      renderSms('awaiting_approval', 'en', values(11, { estimate: { amount: '1,499', currency: 'INR' } })),
    ).toThrow(SmsTemplateError);
  });

  test('without a page link (an order older than the page) nothing dangles', () => {
    for (const key of SMS_TEMPLATE_KEYS) {
      const { text } = renderSms(key, 'hi', values(11, { pageUrl: null }));
      expect(text).not.toContain('http');
      expect(text).toBe(text.trim());
      expect(text).not.toMatch(/ {2}/);
    }
    expect(renderSms('shipped', 'en', values(11, { pageUrl: null })).text).toBe('OPPO Service Center Koramangala: your repaired device has been shipped back to you.');
  });

  test('a link of the API\'s own URL (no custom domain) still goes out whole, the store name giving way first', () => {
    const pageUrl = 'https://a1b2c3d4e5.execute-api.ap-south-1.amazonaws.com/prod/r/Vq3xT0bK9mZ_f2LwQeR8aA';
    const { text } = renderSms('ready_for_pickup', 'en', values(11, { pageUrl }));
    expect(text.endsWith(pageUrl)).toBe(true);
    expect(countSegments(text)).toMatchObject({ encoding: 'GSM-7', segments: 1 });
  });

  test('the rendered text is deterministic and does not depend on the clock', () => {
    expect(renderSms('completed', 'ml', values())).toEqual(renderSms('completed', 'ml', values()));
  });
});

describe('DLT and status mapping', () => {
  test('every template key has a DLT identity: the key itself', () => {
    for (const key of SMS_TEMPLATE_KEYS) expect(dltTemplateKey(key)).toBe(key);
  });

  test('a language-specific DLT template ID wins over the per-key one', () => {
    const sms = { dltTemplateIds: { received: '1107160000000000001', 'received.hi': '1107160000000000002' } };
    expect(dltTemplateId(sms, 'received', 'hi')).toBe('1107160000000000002');
    expect(dltTemplateId(sms, 'received', 'ta')).toBe('1107160000000000001');
    expect(dltTemplateId(sms, 'shipped', 'hi')).toBeUndefined();
    expect(dltTemplateId({}, 'received', 'en')).toBeUndefined();
  });

  test('customer-facing statuses have a template, internal ones none', () => {
    for (const status of CUSTOMER_FACING_STATUSES) expect(smsTemplateKeyForStatus(status)).toBe(status);
    for (const status of ['awaiting_device', 'diagnosing', 'awaiting_parts', 'in_repair', 'quality_check'] as const) {
      expect(smsTemplateKeyForStatus(status)).toBeNull();
    }
  });
});

describe('a completion without a repair warranty', () => {
  test.each(LANGUAGES.map((language) => [language]))('%s: thanks the customer and promises no warranty date', (language) => {
    // A display name short enough to stay whole, so both openings are comparable.
    const { warrantyEndsOn: _none, ...values11 } = values(11, { storeName: 'OPPO Koramangala' });
    const { text } = renderSms('completed_no_warranty', language, values11);
    const withWarranty = renderSms('completed', language, values(11, { storeName: 'OPPO Koramangala', warrantyEndsOn: '2027-02-19' })).text;
    expect(text).toContain(SMS_PAGE_URL);
    expect(text).not.toContain(localDigits(LOCALES[language], '2027'));
    expect(withWarranty).toContain(localDigits(LOCALES[language], '2027'));
    // The same opening (store and thanks), a different closing line.
    const opening = (sms: string) => sms.slice(0, sms.search(/[!！]/u) + 1);
    expect(opening(text).length).toBeGreaterThan(5);
    expect(opening(text)).toBe(opening(withWarranty));
  });
});

describe('long store names are shortened to keep every SMS within its budget', () => {
  /** A 200-character name (the longest a store may have), with words: the shortest must end at one. */
  const LONG_NAME = 'OPPO Authorised Service Center, 80 Feet Road, Koramangala 4th Block, Bengaluru, Karnataka 560034, opposite Forum Mall, next to the bus stop and the big banyan tree, open every day, 10 am to 9 pm sharp';
  const NO_SPACES = 'OPPOAuthorisedServiceCenterKoramangala'.repeat(6).slice(0, 200);
  /** A name in the language's own script: its own words, repeated up to 200 characters. */
  const nativeName = (language: Language) =>
    `${SMS_TEXTS[language].templates.cancelled.replace(/\{\w+\}|[:：【】]/g, '').trim()} `.repeat(5).replace(/\s+/g, ' ').slice(0, 200).trim();

  /** The template's own text around the store name (Δ: a GSM-7 letter no template uses). */
  function around(key: SmsTemplateKey, language: Language): [string, string] {
    const [before = '', after = ''] = renderSms(key, language, values(9, { storeName: 'Δ' })).text.split('Δ');
    return [before, after];
  }

  /** The store name as it appears in `text`. */
  function nameIn(text: string, key: SmsTemplateKey, language: Language): string {
    const [before, after] = around(key, language);
    expect(text.startsWith(before) && text.endsWith(after)).toBe(true);
    return text.slice(before.length, text.length - after.length);
  }

  const cases = LANGUAGES.flatMap((language) => SMS_TEMPLATE_KEYS.map((key) => [language, key] as const));

  test('the names are as long as a store name may be', () => {
    expect(LONG_NAME).toHaveLength(200);
    expect(NO_SPACES).toHaveLength(200);
  });

  test.each(cases)('%s %s: a 200-character name, cut after a whole word', (language, key) => {
    const { text } = renderSms(key, language, values(9, { storeName: LONG_NAME }));
    const count = countSegments(text);
    expect(count.segments).toBeLessThanOrEqual(language === 'en' ? 1 : 2);
    if (language === 'en') expect(count.encoding).toBe('GSM-7');
    expect(count.segments).toBeLessThanOrEqual(smsSegmentBudget(language, text));
    expect(text).toContain(SMS_PAGE_URL);

    const used = nameIn(text, key, language);
    const ellipsis = language === 'en' ? '...' : '…';
    expect(used.endsWith(ellipsis)).toBe(true);
    const kept = used.slice(0, -ellipsis.length);
    expect(kept.length).toBeGreaterThan(0);
    expect(LONG_NAME.startsWith(kept)).toBe(true);
    expect(LONG_NAME.slice(kept.length)).toMatch(/^[\s,]/); // cut between words, no dangling comma
    expect(kept).not.toMatch(/[\s,]$/);
    // The longest such cut: one more word would break the budget.
    const nextWord = `${kept}${/^[\s,]+[^\s,]+/.exec(LONG_NAME.slice(kept.length))?.[0] ?? ''}`;
    expect(nextWord.length).toBeGreaterThan(kept.length);
    const [before, after] = around(key, language);
    const longer = `${before}${nextWord}${ellipsis}${after}`;
    expect(countSegments(longer).segments).toBeGreaterThan(smsSegmentBudget(language, longer));
  });

  test.each(cases)('%s %s: a 200-character name without spaces, cut after a character', (language, key) => {
    const { text } = renderSms(key, language, values(9, { storeName: NO_SPACES }));
    expect(countSegments(text).segments).toBeLessThanOrEqual(language === 'en' ? 1 : 2);
    expect(text).toContain(SMS_PAGE_URL);
    const used = nameIn(text, key, language);
    expect(NO_SPACES.startsWith(used.replace(/(\.\.\.|…)$/, ''))).toBe(true);
  });

  test.each(LANGUAGES.filter((l) => l !== 'en').flatMap((language) => SMS_TEMPLATE_KEYS.map((key) => [language, key] as const)))(
    '%s %s: a 200-character name in the language’s own script',
    (language, key) => {
      const storeName = nativeName(language);
      const { text } = renderSms(key, language, values(9, { storeName }));
      expect(countSegments(text).segments).toBeLessThanOrEqual(2);
      expect(text).toContain(SMS_PAGE_URL);
      const used = nameIn(text, key, language);
      expect(used.endsWith('…')).toBe(true);
      expect(storeName.startsWith(used.slice(0, -1))).toBe(true);
    },
  );

  test('an English SMS for a store named only in another script is UCS-2 and stays within three segments', () => {
    for (const key of SMS_TEMPLATE_KEYS) {
      const { text } = renderSms(key, 'en', values(9, { storeName: nativeName('hi') }));
      expect(countSegments(text)).toMatchObject({ encoding: 'UCS-2' });
      expect(countSegments(text).segments).toBeLessThanOrEqual(3);
      expect(smsSegmentBudget('en', text)).toBe(3);
      expect(text).toContain(SMS_PAGE_URL);
    }
  });

  test('English keeps GSM-7: typographic quotes and dashes become plain, accents outside GSM-7 are dropped', () => {
    const { text } = renderSms('shipped', 'en', values(9, { storeName: 'O’Brien’s Phone Care – Ōsaka Café ★' }));
    expect(text.startsWith("O'Brien's Phone Care - Osaka Café: ")).toBe(true);
    expect(countSegments(text)).toMatchObject({ encoding: 'GSM-7', segments: 1 });
  });

  test.each(LANGUAGES.map((language) => [language]))('%s: an SMS display name of up to 16 characters is never shortened, beside the page link', (language) => {
    // The link takes ~47 of the budget; the longest name that stays whole in every message is 16.
    const displayName = 'OPPO Koramangala';
    expect(displayName).toHaveLength(SMS_WHOLE_NAME_LENGTH);
    for (const key of SMS_TEMPLATE_KEYS) {
      for (const month of MONTHS) expect(renderSms(key, language, values(month, { storeName: displayName })).text).toContain(displayName);
    }
  });
});
