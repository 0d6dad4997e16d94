import { advanceDelivery, failureNeedsFallback, firstChannel, hasMessagingConsent, isStopRequest, smsFallbackAllowed, type WhatsAppDelivery } from '../../shared/domain/message-channel.js';

describe('channel choice: opt-in × store × opt-out', () => {
  // [smsOptIn, whatsappOptIn, store sends WhatsApp, replied STOP on WhatsApp] → first channel, SMS fallback allowed
  const table: [boolean, boolean, boolean, boolean, 'whatsapp' | 'sms' | null, boolean][] = [
    [true, true, true, false, 'whatsapp', true],
    [true, true, true, true, 'sms', true],
    [true, true, false, false, 'sms', true],
    [true, false, true, false, 'sms', true],
    [true, false, false, false, 'sms', true],
    [false, true, true, false, 'whatsapp', false],
    [false, true, true, true, null, false],
    [false, true, false, false, null, false],
    [false, false, true, false, null, false],
    [false, false, false, false, null, false],
  ];
  test.each(table)('sms %s, whatsapp %s, store %s, stopped %s → %s (fallback %s)', (smsOptIn, whatsappOptIn, storeSendsWhatsApp, whatsappOptedOut, channel, fallback) => {
    expect(firstChannel({ smsOptIn, whatsappOptIn, storeSendsWhatsApp, whatsappOptedOut })).toBe(channel);
    expect(smsFallbackAllowed({ smsOptIn })).toBe(fallback);
    expect(hasMessagingConsent({ smsOptIn, whatsappOptIn })).toBe(smsOptIn || whatsappOptIn);
  });

  test('orders from before WhatsApp (no whatsappOptIn stored) count as SMS consent only', () => {
    expect(hasMessagingConsent({ smsOptIn: false })).toBe(false);
    expect(hasMessagingConsent({ smsOptIn: true })).toBe(true);
  });
});

describe('delivery state: only forward, a failure never overrides what the customer has', () => {
  const cases: [WhatsAppDelivery, WhatsAppDelivery, WhatsAppDelivery][] = [
    ['accepted', 'sent', 'sent'],
    ['sent', 'delivered', 'delivered'],
    ['delivered', 'read', 'read'],
    ['read', 'sent', 'read'],
    ['delivered', 'sent', 'delivered'],
    ['accepted', 'failed', 'failed'],
    ['sent', 'failed', 'failed'],
    ['delivered', 'failed', 'delivered'],
    ['read', 'failed', 'read'],
    ['failed', 'delivered', 'failed'],
    ['failed', 'read', 'failed'],
  ];
  test.each(cases)('%s + %s → %s', (current, reported, next) => {
    expect(advanceDelivery(current, reported)).toBe(next);
  });

  test.each([
    ['accepted', true],
    ['sent', true],
    ['failed', true],
    ['delivered', false],
    ['read', false],
  ] as const)('a failure reported while %s needs the SMS fallback: %s', (current, needed) => {
    expect(failureNeedsFallback(current)).toBe(needed);
  });
});

test.each(['STOP', 'stop', ' Stop. ', 'UNSUBSCRIBE', 'रोकें', '停止'])('"%s" is a stop request', (text) => {
  expect(isStopRequest(text)).toBe(true);
});

test.each(['Stop sending the bill twice', 'when is it ready?', 'ok', ''])('"%s" is not a stop request', (text) => {
  expect(isStopRequest(text)).toBe(false);
});
