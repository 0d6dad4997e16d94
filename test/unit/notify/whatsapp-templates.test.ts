import { LANGUAGES } from '../../../shared/domain/vocabulary.js';
import {
  allMetaTemplateRegistrations,
  buttonLabel,
  metaTemplateMessage,
  metaTemplateRegistration,
  renderWhatsApp,
  templateShape,
  WHATSAPP_TEMPLATE_KEYS,
} from '../../../shared/notify/whatsapp/templates.js';
import { renderSms, SMS_TEMPLATE_KEYS, SmsTemplateError, type SmsValues } from '../../../shared/notify/templates.js';

const VALUES: SmsValues = {
  storeName: 'OPPO Service Center Koramangala',
  trackingCode: 'K7Q-4M2X-P9H',
  timezone: 'Asia/Kolkata',
  estimate: { amount: '1499.00', currency: 'INR' },
  warrantyEndsOn: '2027-02-20',
  promisedBy: '2026-11-22T10:50:00Z',
};

describe.each(LANGUAGES)('%s', (language) => {
  test.each(SMS_TEMPLATE_KEYS)('%s renders with realistic values: every parameter filled, nothing left unreplaced', (key) => {
    const render = renderWhatsApp(key, language, VALUES);
    expect(render.language).toBe(language);
    expect(render.parameters.length).toBeGreaterThan(0);
    expect(render.parameters.every((p) => p.trim().length > 0)).toBe(true);
    expect(render.parameters).toContain('OPPO Service Center Koramangala');
    expect(render.body).not.toMatch(/\{\{?\w+\}?\}/);
    // The first message keeps the tracking code; the page link is the URL button, never body text.
    if (key === 'received') expect(render.body).toContain('K7Q-4M2X-P9H');
    expect(render.body).not.toMatch(/https?:/);
    for (const parameter of render.parameters) expect(render.body).toContain(parameter);
    if (key === 'awaiting_approval') expect(render.parameters).toHaveLength(2);
  });

  test.each(WHATSAPP_TEMPLATE_KEYS)('%s meets Meta\'s rules: numbered parameters in order, none at the start or the end, a button label ≤ 25', (key) => {
    const { body, parameters } = templateShape(key, language);
    const numbers = [...body.matchAll(/\{\{(\d+)\}\}/g)].map((m) => Number(m[1]));
    expect([...new Set(numbers)]).toEqual(parameters.map((_, i) => i + 1));
    expect(body).not.toMatch(/^\{\{/);
    expect(body).not.toMatch(/\}\}$/);
    expect(body.length).toBeLessThanOrEqual(1024);
    expect([...buttonLabel(language)].length).toBeLessThanOrEqual(25);
    const registration = metaTemplateRegistration(key, language, 'https://repairs.example.com');
    expect(registration).toMatchObject({ name: `repair_${key}`, category: 'UTILITY' });
    expect(registration.components[0]!.example!.body_text[0]).toHaveLength(parameters.length);
  });
});

test.each(LANGUAGES)('%s: a campaign\'s extension says on WhatsApp what its SMS says, with the new end date', (language) => {
  const values = { ...VALUES, storeName: 'OPPO Koramangala', pageUrl: null };
  const whatsapp = renderWhatsApp('warranty_extended', language, values);
  expect(whatsapp.key).toBe('warranty_extended');
  expect(whatsapp.parameters).toEqual(['OPPO Koramangala', expect.stringMatching(/2027|٢٠٢٧|२०२७|২০২৭|૨૦૨૭|௨௦௨௭|౨౦౨౭|೨೦೨೭|൨൦൨൭/u)]);
  expect(whatsapp.body.replace(/\*/g, '')).toBe(renderSms('warranty_extended', language, values).text);
});

test('a received update without a promise uses its own template, never an empty parameter', () => {
  const { promisedBy: _none, ...noPromise } = VALUES;
  expect(renderWhatsApp('received', 'en', noPromise).key).toBe('received_no_promise');
  expect(renderWhatsApp('received', 'en', VALUES).key).toBe('received');
  expect(renderWhatsApp('received', 'en', VALUES).body).toContain('22 Nov, 4:20 pm');
});

test('a value a template needs but lacks throws rather than send a blank', () => {
  const { estimate: _none, ...noEstimate } = VALUES;
  expect(() => renderWhatsApp('awaiting_approval', 'hi', noEstimate)).toThrow(SmsTemplateError);
});

test('the Meta message carries the template, the language code, the parameters and the page token in the URL button', () => {
  const render = renderWhatsApp('ready_for_pickup', 'zh', VALUES);
  const message = metaTemplateMessage('+919812345678', 'repair_ready_for_pickup', render, 'tok_abc');
  expect(message).toMatchObject({ messaging_product: 'whatsapp', to: '+919812345678', type: 'template' });
  expect(message.template.language.code).toBe('zh_CN');
  expect(message.template.components).toEqual([
    { type: 'body', parameters: render.parameters.map((text) => ({ type: 'text', text })) },
    { type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: 'tok_abc' }] },
  ]);
  expect(metaTemplateMessage('+919812345678', 'x', render).template.components).toHaveLength(1);
});

test('every template in every language is registered once: 10 × 11', () => {
  const all = allMetaTemplateRegistrations('https://repairs.example.com');
  expect(all).toHaveLength(WHATSAPP_TEMPLATE_KEYS.length * LANGUAGES.length);
  expect(all).toHaveLength(110);
  expect(new Set(all.map((t) => `${t.name}/${t.language}`)).size).toBe(all.length);
});
