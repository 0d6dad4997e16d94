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

/** Per-(order, version) markers: at most one SMS per order change. */
export interface SmsLedger {
  /** Claims the right to send for this change; a claim whose lease ran out (a crashed sender) can be taken over. */
  claim(orderId: string, version: number, now: Date): Promise<ClaimResult>;
  markSent(orderId: string, version: number, details: { messageId: string; template: string; language: string; segments: number }): Promise<void>;
  markSkipped(orderId: string, version: number, reason: 'opted-out' | 'unrenderable'): Promise<void>;
  /** Gives the claim back after a failed publish, so the retry can send at once. */
  release(orderId: string, version: number): Promise<void>;
  isOptedOut(phone: string): Promise<boolean>;
  recordOptOut(phone: string, at: Date): Promise<void>;
}
