import { randomUUID } from 'node:crypto';
import { countSegments } from '../shared/notify/segments.js';
import type { CapturedWhatsApp } from './whatsapp.js';

export interface CapturedSms {
  id: string;
  to: string;
  body: string;
  attributes: Record<string, string>;
  segments: number;
  encoding: string;
  at: string;
}

/**
 * Where the local stack's SNS endpoint delivers SMS: kept in memory, readable as JSON at
 * /_local/sms and as a page at /_local/inbox. Numbers marked opted out get SNS's OptedOut error.
 */
export interface CapturedAlert {
  topicArn: string;
  subject: string | null;
  message: unknown;
  attributes: Record<string, string>;
  at: string;
}

export class SmsInbox {
  private readonly items: CapturedSms[] = [];
  private readonly optedOut = new Set<string>();
  /** What was published to topics (the ops alerts), newest last. */
  readonly alerts: CapturedAlert[] = [];

  publish(to: string, body: string, attributes: Record<string, string>): { messageId: string } | { optedOut: true } {
    if (this.optedOut.has(to)) return { optedOut: true };
    const { segments, encoding } = countSegments(body);
    const sms = { id: randomUUID(), to, body, attributes, segments, encoding, at: new Date().toISOString() };
    this.items.push(sms);
    return { messageId: sms.id };
  }

  list(to?: string): CapturedSms[] {
    return to ? this.items.filter((sms) => sms.to === to) : [...this.items];
  }

  optOut(phone: string): void {
    this.optedOut.add(phone);
  }
}

/**
 * The `to` filter of /_local/sms. A `+` typed unencoded in a query string (`?to=+9198…`, as the
 * README's examples invite) reaches the server as a space, since form encoding reads `+` as one:
 * a leading space followed by digits is taken as the `+` it was.
 */
export function phoneFilter(value: string | null): string | undefined {
  if (!value) return undefined;
  return /^ \d+$/.test(value) ? `+${value.slice(1)}` : value;
}

const publishResponse = (messageId: string, requestId: string) =>
  `<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>${messageId}</MessageId></PublishResult><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></PublishResponse>`;

/** The subset of SNS's query protocol the adapters speak: Publish to a PhoneNumber (SMS) or a TopicArn (alerts). */
export function handleSnsRequest(inbox: SmsInbox, form: URLSearchParams): { status: number; xml: string } {
  const requestId = randomUUID();
  const action = form.get('Action');
  const to = form.get('PhoneNumber');
  const topicArn = form.get('TopicArn');
  const message = form.get('Message');
  if (action !== 'Publish' || (!to && !topicArn) || message === null) {
    return { status: 400, xml: snsError('Sender', 'InvalidParameter', 'Only Publish to a PhoneNumber or TopicArn is supported locally', requestId) };
  }
  const attributes: Record<string, string> = {};
  for (let i = 1; form.has(`MessageAttributes.entry.${i}.Name`); i++) {
    attributes[form.get(`MessageAttributes.entry.${i}.Name`) ?? ''] = form.get(`MessageAttributes.entry.${i}.Value.StringValue`) ?? '';
  }
  if (topicArn) {
    let parsed: unknown = message;
    try {
      parsed = JSON.parse(message);
    } catch {
      // Plain-text messages are kept as they are.
    }
    inbox.alerts.push({ topicArn, subject: form.get('Subject'), message: parsed, attributes, at: new Date().toISOString() });
    return { status: 200, xml: publishResponse(randomUUID(), requestId) };
  }
  const result = inbox.publish(to as string, message, attributes);
  if ('optedOut' in result) {
    return { status: 400, xml: snsError('Sender', 'OptedOut', 'Phone number is opted out', requestId) };
  }
  return { status: 200, xml: publishResponse(result.messageId, requestId) };
}

function snsError(type: string, code: string, message: string, requestId: string): string {
  return `<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>${type}</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
}

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** The text, escaped, with its http(s) links clickable (the customer page link in every SMS), as a phone shows them. */
export function withLinks(text: string): string {
  return text
    .split(/(https?:\/\/[^\s<>"']+)/)
    .map((part, i) => (i % 2 ? `<a href="${escape(part)}">${escape(part)}</a>` : escape(part)))
    .join('');
}

/** A phone-like inbox page: SMS and WhatsApp messages together, newest first; refreshes itself. */
export function inboxPage(items: CapturedSms[], whatsapp: CapturedWhatsApp[] = []): string {
  const entries = [
    ...items.map((sms) => ({
      at: sms.at,
      html: `<article><header><b>${escape(sms.to)}</b> <span class="tag">SMS</span> <time>${escape(sms.at)}</time>
<span class="meta">${sms.segments} segment${sms.segments === 1 ? '' : 's'} · ${escape(sms.encoding)}${
        sms.attributes['AWS.MM.SMS.TemplateId'] ? ` · DLT ${escape(sms.attributes['AWS.MM.SMS.TemplateId'])}` : ''
      }</span></header><p>${withLinks(sms.body)}</p></article>`,
    })),
    ...whatsapp.map((message) => ({
      at: message.at,
      html: `<article class="wa"><header><b>${escape(message.to)}</b> <span class="tag">WhatsApp</span> <time>${escape(message.at)}</time>
<span class="meta">${escape(message.template)} · ${escape(message.language)}</span></header><p>${escape(message.body)}</p>${
        message.button ? `<p class="button">▸ ${escape(message.button)}</p>` : ''
      }</article>`,
    })),
  ].sort((a, b) => b.at.localeCompare(a.at));
  const rows = entries.map((entry) => entry.html).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="3">
<title>Local SMS and WhatsApp inbox</title><style>
body{font-family:system-ui,sans-serif;max-width:42rem;margin:2rem auto;background:#f4f4f6;color:#222}
article{background:#fff;border-radius:1rem;padding:.75rem 1rem;margin:.75rem 0;box-shadow:0 1px 3px #0002}
article.wa{background:#e7fbe3}.tag{font-weight:600}.button{color:#075e54}
header{font-size:.85rem;color:#555;display:flex;gap:.75rem;flex-wrap:wrap}.meta{margin-left:auto}
p{margin:.5rem 0 0;white-space:pre-wrap;font-size:1.05rem}</style></head><body>
<h1>Inbox <small>(${items.length} SMS · ${whatsapp.length} WhatsApp)</small></h1>${rows || '<p>No messages yet. Move a repair to a customer-facing status.</p>'}</body></html>`;
}
