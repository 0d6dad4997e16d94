import { snsSmsSender } from '../../shared/notify/sns-sender.js';
import { createWhatsAppSender } from '../../shared/notify/whatsapp/sender.js';
import { logger } from '../../shared/observability/logger.js';
import { documentClient } from '../../shared/store/client.js';
import { config, orders, smsLedger, stores } from '../../shared/store/container.js';
import { warrantyQueue } from '../../shared/store/job-queues.js';
import { runWarrantyJob } from '../../shared/usecases/jobs.js';
import { scheduledJob } from './schedule.js';

const queue = warrantyQueue(documentClient, config.tableName);
const whatsappSender = createWhatsAppSender(config.whatsappMetaApiVersion);

/** Daily: reminder SMS a week before a repair warranty ends (inside 09:00–20:00 local), then expiry. */
export const handler = scheduledJob((at, budget) =>
  runWarrantyJob(
    {
      queue,
      orders,
      stores,
      sms: {
        ledger: smsLedger,
        sender: snsSmsSender,
        whatsapp: whatsappSender,
        dlt: config.dlt,
        publicBaseUrl: config.publicBaseUrl,
        // Leases and opt-out records are about real time, even when a run replays another time.
        now: () => new Date(),
        // A job never waits for another sender's claim: the reminder stays due for the next run.
        sleep: async () => undefined,
        remainingMs: () => 0,
        warn: (message, details) => logger.warn(message, details),
      },
    },
    at,
    budget,
  ),
);
