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

/** Markers: at most one SMS per order change, per reminder. */
export interface SmsLedger {
  /** Claims the right to send this SMS; a claim whose lease ran out (a crashed sender) can be taken over. */
  claim(ref: SmsMarkerRef, now: Date): Promise<ClaimResult>;
  markSent(ref: SmsMarkerRef, details: { messageId: string; template: string; language: string; segments: number }): Promise<void>;
  markSkipped(ref: SmsMarkerRef, reason: 'opted-out' | 'unrenderable'): Promise<void>;
  /**
   * Whether a later change of the order (version > `version`) already has a marker (sent, skipped
   * or being sent): a record older than that is stale and must not overtake it.
   */
  laterChangeHandled(orderId: string, version: number): Promise<boolean>;
  /** Gives the claim back after a failed publish, so the retry can send at once. */
  release(ref: SmsMarkerRef): Promise<void>;
  isOptedOut(phone: string): Promise<boolean>;
  recordOptOut(phone: string, at: Date): Promise<void>;
}
