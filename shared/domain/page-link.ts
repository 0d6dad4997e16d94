import { randomBytes } from 'node:crypto';
import { isTerminal } from './status.js';
import type { OrderEvent, RepairOrder } from './order.js';

/**
 * The customer page's key: 16 random bytes (128 bits) as base64url, drawn on its own at intake,
 * so nothing about the order (id, tracking code, time) predicts it. It is the only key to the page.
 */
export const PAGE_TOKEN_BYTES = 16;
export const PAGE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{22}$/;

export function newPageToken(): string {
  return randomBytes(PAGE_TOKEN_BYTES).toString('base64url');
}

/** A second random value kept beside the token (never sent): the key of the page's CSRF tokens. */
export function newFormKey(): string {
  return randomBytes(32).toString('base64url');
}

/** How long the link keeps working after the order ends (completed or cancelled). */
export const PAGE_LINK_DAYS_AFTER_END = 90;
const DAY_MS = 86_400_000;

/** When the order ended (its terminal event), or null while it is open. */
export function endedAt(order: RepairOrder, history: readonly OrderEvent[]): string | null {
  if (!isTerminal(order.status)) return null;
  const last = history.findLast((event) => event.to === order.status);
  return last?.at ?? order.updatedAt;
}

/** The instant after which the link answers 404, or null while the order is open. */
export function pageLinkExpiresAt(order: RepairOrder, history: readonly OrderEvent[]): Date | null {
  const ended = endedAt(order, history);
  return ended ? new Date(Date.parse(ended) + PAGE_LINK_DAYS_AFTER_END * DAY_MS) : null;
}

/** Erased or long finished: the link is dead, exactly like an unknown one. */
export function pageLinkUsable(order: RepairOrder, history: readonly OrderEvent[], now: Date): boolean {
  if (order.personalDataErasedAt !== null || order.pageToken === null) return false;
  const expires = pageLinkExpiresAt(order, history);
  return expires === null || now.getTime() < expires.getTime();
}

/** The link every customer message carries, or null without a configured base URL or a token. */
export function customerPageUrl(publicBaseUrl: string | null, token: string | null): string | null {
  return publicBaseUrl && token ? `${publicBaseUrl}/r/${token}` : null;
}
