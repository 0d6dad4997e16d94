import type { StoreSettings } from '../domain/store-settings.js';
import { PhoneOptedOutError, type SmsLedger, type SmsMarkerRef, type SmsSender } from '../notify/ports.js';
import { smsAttributes, type DltDefaults } from '../notify/sms-attributes.js';
import { countSegments } from '../notify/segments.js';
import { renderSms, SmsTemplateError, type SmsTemplateKey, type SmsValues } from '../notify/templates.js';

export interface SmsDeps {
  ledger: SmsLedger;
  sender: SmsSender;
  dlt: DltDefaults;
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
  /** How long this invocation may still wait for a dead sender's claim to lapse. */
  remainingMs: () => number;
  warn: (message: string, details: Record<string, unknown>) => void;
  /** PUBLIC_BASE_URL: the customer page link in each message is built on it (none when absent). */
  publicBaseUrl?: string | null;
}

export type SendOutcome = 'sent' | 'opted-out' | 'duplicate' | 'unrenderable';

/** Another sender holds a live claim on this SMS: retry later rather than risk a second one. */
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
}

/**
 * Sends one SMS at most once, whatever delivers the request twice:
 * claim the marker → check opt-out → render → publish → mark sent.
 * If the process dies between claim and publish, the claim's lease lapses and a retry sends it
 * (nothing is lost). Only a death after SNS accepted the message and before the marker update
 * (one DynamoDB write) can repeat an SMS; that window is the price of never losing one.
 */
export async function sendSmsOnce(deps: SmsDeps, request: SmsRequest): Promise<SendOutcome> {
  const { marker } = request;
  let claim = await deps.ledger.claim(marker, deps.now());
  if (claim === 'in-flight' && deps.remainingMs() > CLAIM_WAIT_MS + 5_000) {
    await deps.sleep(CLAIM_WAIT_MS);
    claim = await deps.ledger.claim(marker, deps.now());
  }
  if (claim === 'done') return 'duplicate';
  if (claim === 'in-flight') throw new SmsInFlightError();

  try {
    if (await deps.ledger.isOptedOut(request.to)) {
      await deps.ledger.markSkipped(marker, 'opted-out');
      return 'opted-out';
    }
    // The store's short SMS name wins over the name the order was opened under (often long).
    const storeName = request.store?.sms?.displayName ?? request.values.storeName;
    const sms = renderSms(request.template, request.language, { ...request.values, storeName });
    const attributes = smsAttributes(request.to, { key: request.template, language: sms.language }, request.store?.sms ?? {}, deps.dlt);
    const { messageId } = await deps.sender.send({ to: request.to, text: sms.text, attributes });
    // Sent: from here on a failure must not make the caller retry, or the customer gets it twice.
    await deps.ledger
      .markSent(marker, { messageId, template: request.template, language: sms.language, segments: countSegments(sms.text).segments })
      .catch((error: unknown) => deps.warn('SMS sent but its marker was not updated', { ...marker, error: String(error) }));
    return 'sent';
  } catch (error) {
    if (error instanceof PhoneOptedOutError) {
      await deps.ledger.recordOptOut(request.to, deps.now());
      await deps.ledger.markSkipped(marker, 'opted-out');
      return 'opted-out';
    }
    if (error instanceof SmsTemplateError) {
      // Retrying cannot fill a missing value: record it and let the caller move on.
      deps.warn('SMS not sent: the template lacks a value', { ...marker, error: error.message });
      await deps.ledger.markSkipped(marker, 'unrenderable');
      return 'unrenderable';
    }
    await deps.ledger.release(marker);
    throw error;
  }
}
