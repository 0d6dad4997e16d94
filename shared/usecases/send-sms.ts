import type { StoreSettings } from '../domain/store-settings.js';
import { firstChannel, smsFallbackAllowed, type MessageChannel } from '../domain/message-channel.js';
import { PhoneOptedOutError, type SentUpdate, type SmsLedger, type SmsMarkerRef, type SmsSender } from '../notify/ports.js';
import { smsAttributes, type DltDefaults } from '../notify/sms-attributes.js';
import { countSegments } from '../notify/segments.js';
import { renderSms, resolveSmsLanguage, SmsTemplateError, type SmsTemplateKey, type SmsValues } from '../notify/templates.js';
import { defaultTemplateName, metaTemplateMessage, renderWhatsApp } from '../notify/whatsapp/templates.js';
import { WhatsAppRejectedError, type WhatsAppSender } from '../notify/whatsapp/sender.js';

export interface SmsDeps {
  ledger: SmsLedger;
  sender: SmsSender;
  /** The WhatsApp channel; stores without a WhatsApp number never use it. */
  whatsapp: WhatsAppSender;
  dlt: DltDefaults;
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
  /** How long this invocation may still wait for a dead sender's claim to lapse. */
  remainingMs: () => number;
  warn: (message: string, details: Record<string, unknown>) => void;
  /** PUBLIC_BASE_URL: the customer page link in each message is built on it (none when absent). */
  publicBaseUrl?: string | null;
}

export type SendOutcome = 'sent' | 'sent-whatsapp' | 'sent-sms-fallback' | 'opted-out' | 'duplicate' | 'unrenderable' | 'no-channel';

/** Another sender holds a live claim on this update: retry later rather than risk a second one. */
export class SmsInFlightError extends Error {
  constructor() {
    super('another sender holds the claim for this SMS');
  }
}

/** A little over the ledger's lease: waiting this long lets a dead sender's claim lapse. */
export const CLAIM_WAIT_MS = 16_000;

export interface SmsRequest {
  marker: SmsMarkerRef;
  to: string;
  language: string;
  template: SmsTemplateKey;
  values: SmsValues;
  store: StoreSettings | null;
  /** The customer's consent per channel (WhatsApp needs its own, explicit one). */
  consent: { smsOptIn: boolean; whatsappOptIn: boolean };
  /** The order's customer-page token: the WhatsApp message's button opens that page. */
  pageToken?: string | null | undefined;
}

/**
 * Sends one customer update at most once, whatever delivers the request twice:
 * claim the marker → pick the channel → render → send → mark sent, in one ledger for both channels.
 * If the process dies between claim and send, the claim's lease lapses and a retry sends it
 * (nothing is lost). Only a death after the provider accepted the message and before the marker
 * update (one DynamoDB write) can repeat one; that window is the price of never losing one.
 * WhatsApp refusing the message outright sends it by SMS at once, under the same claim; a failure
 * reported later by WhatsApp's delivery events falls back in handleWhatsAppEvent, also once.
 */
export async function sendUpdateOnce(deps: SmsDeps, request: SmsRequest): Promise<SendOutcome> {
  const { marker } = request;
  let claim = await deps.ledger.claim(marker, deps.now());
  if (claim === 'in-flight' && deps.remainingMs() > CLAIM_WAIT_MS + 5_000) {
    await deps.sleep(CLAIM_WAIT_MS);
    claim = await deps.ledger.claim(marker, deps.now());
  }
  if (claim === 'done') return 'duplicate';
  if (claim === 'in-flight') throw new SmsInFlightError();

  try {
    // The store's short SMS name wins over the name the order was opened under (often long).
    const storeName = request.store?.sms?.displayName ?? request.values.storeName;
    const values = { ...request.values, storeName };
    const channel = await channelFor(deps, request);
    if (channel === 'whatsapp') {
      const sent = await sendWhatsApp(deps, request, values);
      if (sent === 'sent') return 'sent-whatsapp';
      if (!smsFallbackAllowed(request.consent)) {
        await deps.ledger.markSkipped(marker, 'no-channel');
        return 'no-channel';
      }
      const outcome = await sendSms(deps, request, values, 'whatsapp');
      return outcome === 'sent' ? 'sent-sms-fallback' : outcome;
    }
    if (channel === null) {
      await deps.ledger.markSkipped(marker, 'no-channel');
      return 'no-channel';
    }
    return await sendSms(deps, request, values);
  } catch (error) {
    if (error instanceof SmsTemplateError) {
      // Retrying cannot fill a missing value: record it and let the caller move on.
      deps.warn('Update not sent: the template lacks a value', { ...marker, error: error.message });
      await deps.ledger.markSkipped(marker, 'unrenderable');
      return 'unrenderable';
    }
    await deps.ledger.release(marker);
    throw error;
  }
}

/** Whether this store can send this customer's language on WhatsApp at all. */
export function storeSendsWhatsApp(store: StoreSettings | null, language: string): boolean {
  const whatsapp = store?.whatsapp;
  if (!whatsapp) return false;
  return !whatsapp.languages || whatsapp.languages.includes(resolveSmsLanguage(language));
}

async function channelFor(deps: SmsDeps, request: SmsRequest): Promise<MessageChannel | null> {
  const candidate = request.consent.whatsappOptIn && storeSendsWhatsApp(request.store, request.language);
  return firstChannel({
    ...request.consent,
    storeSendsWhatsApp: candidate,
    // Only asked when WhatsApp is even possible: most updates cost no extra read.
    whatsappOptedOut: candidate ? await deps.ledger.isWhatsAppOptedOut(request.to) : false,
  });
}

/** 'sent', or 'refused' when WhatsApp will never take this message (the caller falls back to SMS). */
async function sendWhatsApp(deps: SmsDeps, request: SmsRequest, values: SmsValues): Promise<'sent' | 'refused'> {
  const whatsapp = request.store!.whatsapp!;
  const render = renderWhatsApp(request.template, request.language, values);
  const templateName = whatsapp.templates?.[render.key] ?? defaultTemplateName(render.key);
  let messageId: string;
  try {
    ({ messageId } = await deps.whatsapp.send({
      phoneNumberId: whatsapp.phoneNumberId,
      message: metaTemplateMessage(request.to, templateName, render, request.pageToken ?? undefined),
    }));
  } catch (error) {
    if (!(error instanceof WhatsAppRejectedError)) throw error;
    deps.warn('WhatsApp refused the update; sending it by SMS', { ...request.marker, error: error.message });
    return 'refused';
  }
  const update: SentUpdate = { template: request.template, language: render.language, values: { ...request.values } };
  await deps.ledger
    .markSent(request.marker, { channel: 'whatsapp', messageId, template: render.key, language: render.language }, update)
    .catch((error: unknown) => deps.warn('WhatsApp message sent but its marker was not updated', { ...request.marker, error: String(error) }));
  return 'sent';
}

async function sendSms(deps: SmsDeps, request: SmsRequest, values: SmsValues, fallbackFrom?: 'whatsapp'): Promise<'sent' | 'opted-out'> {
  const { marker } = request;
  const sent = await deliverSms(deps, { to: request.to, template: request.template, language: request.language, values, store: request.store });
  if (sent === 'opted-out') {
    await deps.ledger.markSkipped(marker, 'opted-out');
    return 'opted-out';
  }
  // Sent: from here on a failure must not make the caller retry, or the customer gets it twice.
  await deps.ledger
    .markSent(marker, { channel: 'sms', ...sent, template: request.template, ...(fallbackFrom && { fallbackFrom }) })
    .catch((error: unknown) => deps.warn('SMS sent but its marker was not updated', { ...marker, error: String(error) }));
  return 'sent';
}

/**
 * One SMS through the provider, or 'opted-out' (the number's opt-out is checked first and recorded
 * when the carrier reports one). Marking it sent is the caller's: a status change's marker or a
 * WhatsApp fallback's record. Throws SmsTemplateError when a value is missing.
 */
export async function deliverSms(
  deps: Pick<SmsDeps, 'ledger' | 'sender' | 'dlt' | 'now'>,
  request: { to: string; template: SmsTemplateKey; language: string; values: SmsValues; store: StoreSettings | null },
): Promise<{ messageId: string; language: string; segments: number } | 'opted-out'> {
  if (await deps.ledger.isOptedOut(request.to)) return 'opted-out';
  const sms = renderSms(request.template, request.language, request.values);
  const attributes = smsAttributes(request.to, { key: request.template, language: sms.language }, request.store?.sms ?? {}, deps.dlt);
  try {
    const { messageId } = await deps.sender.send({ to: request.to, text: sms.text, attributes });
    return { messageId, language: sms.language, segments: countSegments(sms.text).segments };
  } catch (error) {
    if (!(error instanceof PhoneOptedOutError)) throw error;
    await deps.ledger.recordOptOut(request.to, deps.now());
    return 'opted-out';
  }
}
