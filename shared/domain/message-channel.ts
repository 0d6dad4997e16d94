/**
 * Which channel carries a customer update. Pure: the notifier asks this with what it knows, and
 * the answer is the same for a status change and a warranty reminder.
 *
 * WhatsApp needs the customer's explicit opt-in (Meta's rule for business-initiated messages) and a
 * store that has a WhatsApp number; a customer who wrote STOP on WhatsApp is off WhatsApp but
 * still on SMS if they consented to it. SMS stays the channel of everyone else, and the fallback
 * when WhatsApp cannot deliver — only for customers who consented to SMS.
 */
export type MessageChannel = 'whatsapp' | 'sms';

export interface ChannelFacts {
  smsOptIn: boolean;
  whatsappOptIn: boolean;
  /** The store has a WhatsApp sender configured and approved templates in this language. */
  storeSendsWhatsApp: boolean;
  /** The number replied STOP on WhatsApp. */
  whatsappOptedOut: boolean;
}

/** The first channel to try, or null when the customer consented to neither that can be used. */
export function firstChannel(facts: ChannelFacts): MessageChannel | null {
  if (facts.whatsappOptIn && facts.storeSendsWhatsApp && !facts.whatsappOptedOut) return 'whatsapp';
  return facts.smsOptIn ? 'sms' : null;
}

/** Whether an update WhatsApp could not deliver may go by SMS instead. */
export function smsFallbackAllowed(facts: Pick<ChannelFacts, 'smsOptIn'>): boolean {
  return facts.smsOptIn;
}

/** The customer agreed to be messaged on some channel at all (else nothing is even claimed). */
export function hasMessagingConsent(customer: { smsOptIn: boolean; whatsappOptIn?: boolean | undefined }): boolean {
  return customer.smsOptIn || customer.whatsappOptIn === true;
}

/**
 * Delivery states of a WhatsApp message, in the order Meta reports them. A state only moves
 * forward: a late "sent" after "read" changes nothing. `failed` is terminal but never overrides a
 * message the customer already has (delivered or read): Meta may report both out of order.
 */
export const WHATSAPP_DELIVERY_ORDER = ['accepted', 'sent', 'delivered', 'read'] as const;
export type WhatsAppDelivery = (typeof WHATSAPP_DELIVERY_ORDER)[number] | 'failed';

export function advanceDelivery(current: WhatsAppDelivery, reported: WhatsAppDelivery): WhatsAppDelivery {
  if (current === 'failed') return 'failed';
  if (reported === 'failed') return current === 'delivered' || current === 'read' ? current : 'failed';
  const rank = (state: WhatsAppDelivery) => WHATSAPP_DELIVERY_ORDER.indexOf(state as (typeof WHATSAPP_DELIVERY_ORDER)[number]);
  return rank(reported) > rank(current) ? reported : current;
}

/**
 * A failure report that should send the update by SMS: only while the customer does not have it
 * on WhatsApp. Whether the fallback already went is the ledger's business (its claim), so a
 * redelivered failure finds it done instead of deciding from the delivery state.
 */
export function failureNeedsFallback(current: WhatsAppDelivery): boolean {
  return current !== 'delivered' && current !== 'read';
}

/** What a customer writes to stop WhatsApp messages (Meta's and carriers' usual words). */
const STOP_WORDS = new Set(['stop', 'unsubscribe', 'stopall', 'cancel', 'end', 'quit', 'रोकें', 'बंद', '停止', 'შეწყვეტა']);

export function isStopRequest(text: string): boolean {
  return STOP_WORDS.has(text.trim().toLowerCase().replace(/[.!]+$/u, ''));
}
