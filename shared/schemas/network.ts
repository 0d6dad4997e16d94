import * as z from 'zod';
import { NETWORK_SCOPES } from '../domain/access.js';
import { maskPhonesInText } from '../domain/phone.js';

/*
 * Keys, paths, lists and the audit log. A store's settings (onboarding, the store views) are in
 * network-stores.ts: built from the store-settings schemas, they would cost every network
 * function's cold start their construction, and only onboarding parses them.
 */

/** Shown to HQ and in the audit log: a phone number has no place in it. */
export const KeyLabel = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(100)
  .refine((label) => maskPhonesInText(label) === label, 'must not contain a phone number');
export const NewKeyBody = z.object({ label: KeyLabel.optional() }).strict().meta({ id: 'NewKey' });
export const NewNetworkKeyBody = z
  .object({ label: KeyLabel, scopes: z.array(z.enum(NETWORK_SCOPES)).min(1).max(NETWORK_SCOPES.length) })
  .strict()
  .meta({ id: 'NewNetworkKey' });

const Id = (prefix: string, what: string) => z.string().regex(new RegExp(`^${prefix}_[0-9a-z]{10,40}$`), `must be a ${what} id (${prefix}_…)`);
export const StoreIdPath = z.object({ storeId: Id('store', 'store') }).strict();
export const StoreKeyPath = z.object({ storeId: Id('store', 'store'), keyId: Id('key', 'key') }).strict();
export const KeyIdPath = z.object({ keyId: Id('key', 'key') }).strict();

export const ListQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z.string().min(1).max(500).optional(),
  })
  .strict();
export const AuditQuery = ListQuery.extend({
  from: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' }).optional(),
  to: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' }).optional(),
}).strict();

export const KeyView = z
  .object({
    keyId: z.string(),
    label: z.string(),
    prefix: z.string().meta({ description: 'The first characters of the key, to tell keys apart; not a secret' }),
    state: z.enum(['active', 'revoked']),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable().meta({ description: 'Approximate: kept to the hour' }),
  })
  .meta({ id: 'ApiKeyInfo' });
export const KeyList = z.object({ items: z.array(KeyView) }).meta({ id: 'ApiKeyList' });
export const IssuedKey = z.object({ keyId: z.string(), apiKey: z.string().meta({ description: 'Shown this once' }) }).meta({ id: 'IssuedKey' });


export const AuditEntryView = z
  .object({
    at: z.string(),
    actor: z.object({ keyId: z.string(), label: z.string() }),
    action: z.string(),
    target: z.object({
      storeId: z.string().optional(),
      keyId: z.string().optional(),
      escalationId: z.string().optional(),
      campaignId: z.string().optional(),
      fields: z.array(z.string()).optional().meta({ description: 'network.settings.update: the settings it changed' }),
      settings: z.object({ rdSlaHours: z.number().int().optional() }).optional().meta({ description: 'network.settings.update: their new values' }),
    }),
  })
  .meta({ id: 'AuditEntry' });
export const AuditList = z.object({ items: z.array(AuditEntryView), nextCursor: z.string().nullable() }).meta({ id: 'AuditList' });

const RdSlaHours = z
  .number()
  .int('must be a whole number of hours from 1 to 720')
  .min(1, 'must be from 1 to 720 hours')
  .max(720, 'must be from 1 to 720 hours')
  .meta({ description: 'R&D answers a raised escalation within this many hours (default 72); the SLA job alerts the ops topic once when it has not' });

/** A JSON merge patch of the network's settings (as PATCH /v1/store): the fields given change, the others stay. */
export const NetworkSettingsPatchBody = /* @__PURE__ */ z.object({ rdSlaHours: RdSlaHours.optional() }).strict().meta({ id: 'NetworkSettingsPatch' });
export const NetworkSettingsView = /* @__PURE__ */ z
  .object({
    rdSlaHours: RdSlaHours,
    updatedAt: z.string().nullable().meta({ description: 'When HQ last changed a setting; null: every setting is its default' }),
  })
  .meta({ id: 'NetworkSettings' });
