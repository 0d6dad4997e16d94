import { randomUUID } from 'node:crypto';
import { LANGUAGES, type Language } from '../shared/domain/vocabulary.js';
import { META_LANGUAGE_CODES, templateShape, WHATSAPP_TEMPLATE_KEYS, type WhatsAppTemplateKey } from '../shared/notify/whatsapp/templates.js';

export interface CapturedWhatsApp {
  id: string;
  to: string;
  /** The template name the message asked for. */
  template: string;
  language: string;
  parameters: string[];
  /** The template rendered with the parameters: what the customer's phone shows. */
  body: string;
  /** The page-link button's suffix, when the message has one. */
  button: string | null;
  from: string;
  at: string;
}

/** An EventBridge event as End User Messaging Social emits it. */
export interface SocialMessagingEvent {
  version: '0';
  id: string;
  'detail-type': string;
  source: 'aws.social-messaging';
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: Record<string, unknown>;
}

type Deliver = (event: SocialMessagingEvent) => Promise<unknown>;

/** Local delivery of events: like EventBridge → Lambda (async), a failed handling is retried with backoff. */
const RETRY_DELAYS_MS = [100, 250, 500, 1_000, 2_000, 4_000];
/** How long after the send Meta's status events arrive here (enough for the sender to write its marker first, usually). */
const EVENT_DELAY_MS = 50;

const META_CODE_TO_LANGUAGE = new Map(LANGUAGES.map((language) => [META_LANGUAGE_CODES[language], language] as const));

/**
 * The local End User Messaging Social: a SendWhatsAppMessage endpoint the real SDK client talks to
 * over HTTP, an inbox of what was sent, and delivery events fed to the real events function, as
 * EventBridge does. A number marked unreachable ("not on WhatsApp") gets its send accepted and
 * then a Failed event, as Meta does.
 */
export class WhatsAppEndpoint {
  private readonly items: CapturedWhatsApp[] = [];
  private readonly unreachable = new Set<string>();
  private readonly pending = new Set<Promise<void>>();
  private deliver: Deliver | null = null;
  private stopped = false;
  /** While held, events wait here until released (tests attributing each call to its function). */
  private held: SocialMessagingEvent[] | null = null;
  /** Events handled and events that ended in the "dead-letter queue" (every retry failed). */
  readonly deadLetters: { event: SocialMessagingEvent; error: string }[] = [];

  connect(deliver: Deliver): void {
    this.deliver = deliver;
  }

  list(to?: string): CapturedWhatsApp[] {
    return to ? this.items.filter((message) => message.to === to) : [...this.items];
  }

  markUnreachable(phone: string): void {
    this.unreachable.add(phone);
  }

  /** A message from the customer (e.g. STOP), as Meta's webhook relays it. */
  receive(from: string, text: string): Promise<void> {
    const entry = {
      id: 'local-waba',
      changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', messages: [{ from: from.replace(/^\+/, ''), id: `wamid.${randomUUID()}`, type: 'text', text: { body: text } }] } }],
    };
    return this.emit('WhatsApp Message Received', { whatsAppWebhookEntry: JSON.stringify(entry) }, 0);
  }

  /** Restjson1 `POST /v1/whatsapp/send`: { originationPhoneNumberId, metaApiVersion, message: base64 }. */
  handleSend(body: string): { status: number; json: unknown } {
    let input: { originationPhoneNumberId?: unknown; metaApiVersion?: unknown; message?: unknown };
    let message: Record<string, any>;
    try {
      input = JSON.parse(body) as typeof input;
      message = JSON.parse(Buffer.from(String(input.message), 'base64').toString('utf8')) as Record<string, any>;
    } catch {
      return invalid('The message is not base64-encoded Meta message JSON');
    }
    if (typeof input.originationPhoneNumberId !== 'string' || !/^phone-number-id-/.test(input.originationPhoneNumberId)) {
      return { status: 404, json: { __type: 'ResourceNotFoundException', message: 'Unknown originationPhoneNumberId' } };
    }
    if (typeof input.metaApiVersion !== 'string') return invalid('metaApiVersion is required');
    const template = message.template as { name?: string; language?: { code?: string }; components?: any[] } | undefined;
    if (message.messaging_product !== 'whatsapp' || message.type !== 'template' || typeof message.to !== 'string' || !template?.name) {
      return invalid('Business-initiated messages must be template messages with a recipient');
    }
    // Meta refuses a template the WABA never registered (error 132001): this stack knows the project's own.
    if (!templateKeyOf(template.name)) return invalid(`(#132001) Template name does not exist in the translation: ${template.name}`);
    const parameters: string[] = (template.components ?? []).find((c) => c.type === 'body')?.parameters?.map((p: { text: string }) => p.text) ?? [];
    const button: string | null = (template.components ?? []).find((c) => c.type === 'button')?.parameters?.[0]?.text ?? null;
    const id = randomUUID();
    this.items.push({
      id,
      to: message.to,
      template: template.name,
      language: template.language?.code ?? '',
      parameters,
      body: renderLocally(template.name, template.language?.code ?? 'en', parameters),
      button,
      from: input.originationPhoneNumberId,
      at: new Date().toISOString(),
    });
    if (this.unreachable.has(message.to)) {
      void this.emit('WhatsApp Message Failed', { messageId: id, status: 'failed', errors: [{ code: 131026, title: 'Message undeliverable' }] });
    } else {
      void this.emit('WhatsApp Message Sent', { messageId: id, status: 'sent' }).then(() =>
        this.emit('WhatsApp Message Delivered', { messageId: id, status: 'delivered' }),
      );
    }
    return { status: 200, json: { messageId: id } };
  }

  /** From now on events wait for releaseHeld() instead of being delivered on their own. */
  holdEvents(): void {
    this.held ??= [];
  }

  /** Delivers the held events in order (each with its retries) and waits for them. */
  async releaseHeld(): Promise<void> {
    const events = this.held?.splice(0) ?? [];
    for (const event of events) await this.track(this.deliverWithRetries(event));
  }

  /** Waits for every event in flight (tests, drain). */
  async settle(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.settle();
  }

  private emit(detailType: string, detail: Record<string, unknown>, delayMs = EVENT_DELAY_MS): Promise<void> {
    const event: SocialMessagingEvent = {
      version: '0',
      id: randomUUID(),
      'detail-type': detailType,
      source: 'aws.social-messaging',
      account: '000000000000',
      time: new Date().toISOString(),
      region: 'ap-south-1',
      resources: [],
      detail: { originationPhoneNumberId: 'local', eventTimestamp: String(Math.floor(Date.now() / 1000)), ...detail },
    };
    if (this.held) {
      this.held.push(event);
      return Promise.resolve();
    }
    return this.track(
      (async () => {
        await sleep(delayMs);
        await this.deliverWithRetries(event);
      })(),
    );
  }

  private track(run: Promise<void>): Promise<void> {
    this.pending.add(run);
    void run.finally(() => this.pending.delete(run));
    return run;
  }

  private async deliverWithRetries(event: SocialMessagingEvent): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      if (!this.deliver || this.stopped) return;
      try {
        await this.deliver(event);
        return;
      } catch (error) {
        if (attempt >= RETRY_DELAYS_MS.length) {
          this.deadLetters.push({ event, error: (error as Error).message });
          return;
        }
        await sleep(RETRY_DELAYS_MS[attempt]!);
      }
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function invalid(message: string) {
  return { status: 400, json: { __type: 'ValidationException', message } };
}

/** The project's template a registered name stands for (repair_<key>), or null for any other name. */
function templateKeyOf(name: string): WhatsAppTemplateKey | null {
  const key = name.startsWith('repair_') ? name.slice('repair_'.length) : '';
  return (WHATSAPP_TEMPLATE_KEYS as readonly string[]).includes(key) ? (key as WhatsAppTemplateKey) : null;
}

/** The registered text of one of this project's templates with its parameters; other names show their parameters. */
function renderLocally(name: string, languageCode: string, parameters: string[]): string {
  const key = templateKeyOf(name);
  const language = META_CODE_TO_LANGUAGE.get(languageCode) as Language | undefined;
  if (!language || !key) return `[${name}] ${parameters.join(' | ')}`;
  return templateShape(key, language).body.replace(/\{\{(\d+)\}\}/g, (_m, n: string) => parameters[Number(n) - 1] ?? '');
}
