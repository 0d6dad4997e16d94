import type { MessageChannel, WhatsAppDelivery } from '../domain/message-channel.js';
/** The SMS side of the hexagon: the use case talks to these, adapters implement them. */
export interface SmsMessage {
  to: string;
  text: string;
  attributes: Record<string, string>;
}

export interface SmsSender {
  /** Resolves with the provider's message id; throws PhoneOptedOutError when the number opted out. */
  send(message: SmsMessage): Promise<{ messageId: string }>;
}

export class PhoneOptedOutError extends Error {
  constructor() {
    super('the recipient opted out of SMS');
  }
}

export type ClaimResult = 'claimed' | 'done' | 'in-flight';

/** Which SMS a marker guards: one per order change (tag = its version) or per other event (e.g. a warranty reminder). */
export interface SmsMarkerRef {
  orderId: string;
  tag: string;
}

/** The marker tag of an order change: its version, zero-padded so markers sort by version. */
export function changeTag(version: number): string {
  return version.toString().padStart(8, '0');
}

/** What an update said, kept with a WhatsApp message so the same update can go by SMS if WhatsApp cannot deliver it. */
export interface SentUpdate {
  template: string;
  language: string;
  /** The template's values (no personal data: names and numbers are read from the order when needed). */
  values: Record<string, unknown>;
}

export interface SentDetails {
  channel: MessageChannel;
  messageId: string;
  template: string;
  language: string;
  /** SMS only. */
  segments?: number;
  /** An SMS sent because WhatsApp refused the update at once. */
  fallbackFrom?: 'whatsapp';
}

/** A WhatsApp message's record, found by the message id its delivery events carry. */
export interface WhatsAppMessageRecord {
  messageId: string;
  ref: SmsMarkerRef;
  delivery: WhatsAppDelivery;
  /** Whether the update already went (or is going) by SMS instead. */
  fallback: 'none' | 'sending' | 'sent' | 'skipped';
  update: SentUpdate;
}

/**
 * Markers: at most one customer update per order change and per reminder, whatever the channel.
 * A WhatsApp update that cannot be delivered falls back to SMS under the same marker, once.
 */
export interface SmsLedger {
  /** Claims the right to send this SMS; a claim whose lease ran out (a crashed sender) can be taken over. */
  claim(ref: SmsMarkerRef, now: Date): Promise<ClaimResult>;
  /** For WhatsApp, also records the message (with what it said) under its id, in the same write. */
  markSent(ref: SmsMarkerRef, details: SentDetails, update?: SentUpdate): Promise<void>;
  markSkipped(ref: SmsMarkerRef, reason: SkipReason): Promise<void>;
  /**
   * Whether a later change of the order (version > `version`) already has a marker (sent, skipped
   * or being sent): a record older than that is stale and must not overtake it.
   */
  laterChangeHandled(orderId: string, version: number): Promise<boolean>;
  /** Gives the claim back after a failed publish, so the retry can send at once. */
  release(ref: SmsMarkerRef): Promise<void>;
  isOptedOut(phone: string): Promise<boolean>;
  recordOptOut(phone: string, at: Date): Promise<void>;
  isWhatsAppOptedOut(phone: string): Promise<boolean>;
  recordWhatsAppOptOut(phone: string, at: Date): Promise<void>;
  whatsAppMessage(messageId: string): Promise<WhatsAppMessageRecord | null>;
  /** Moves the delivery state forward (never back); false when the record changed meanwhile (read again). */
  recordDelivery(record: WhatsAppMessageRecord, next: WhatsAppDelivery): Promise<boolean>;
  /** Claims the SMS fallback of a WhatsApp message, with the same lease as a send claim. */
  claimFallback(messageId: string, now: Date): Promise<ClaimResult>;
  finishFallback(messageId: string, outcome: { state: 'sent'; smsMessageId: string } | { state: 'skipped'; reason: SkipReason }): Promise<void>;
  releaseFallback(messageId: string): Promise<void>;
}

export type SkipReason = 'opted-out' | 'unrenderable' | 'no-channel' | 'erased';
