import { snsSmsSender } from '../../shared/notify/sns-sender.js';
import { createWhatsAppSender } from '../../shared/notify/whatsapp/sender.js';
import { logger } from '../../shared/observability/logger.js';
import { config, smsLedger } from '../../shared/store/container.js';
import type { SmsDeps } from '../../shared/usecases/send-sms.js';

/** How the jobs that message customers (warranty reminders, campaign notices) send: one ledger, SMS and WhatsApp. */
export const jobSms: SmsDeps = {
  ledger: smsLedger,
  sender: snsSmsSender,
  whatsapp: createWhatsAppSender(config.whatsappMetaApiVersion),
  dlt: config.dlt,
  publicBaseUrl: config.publicBaseUrl,
  // Leases and opt-out records are about real time, even when a run replays another time.
  now: () => new Date(),
  // A job never waits for another sender's claim: the message stays due for the next run.
  sleep: async () => undefined,
  remainingMs: () => 0,
  warn: (message, details) => logger.warn(message, details),
};
