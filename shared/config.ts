import * as z from 'zod';

/**
 * The environment, parsed once per container. A missing or malformed variable stops the
 * function at init with a message naming it, instead of failing later on a request.
 */
const Env = z.object({
  TABLE_NAME: z.string().min(1),
  /** The REST API and stage whose authorizer cache revocations and suspensions flush (the key-changing functions only). */
  API_ID: z.string().regex(/^[a-z0-9]{1,20}$/, 'must be a REST API id').optional(),
  API_STAGE: z.string().regex(/^[\w-]{1,128}$/, 'must be a stage name').optional(),
  /** The usage plan new keys join (API Gateway refuses a key outside it); looked up by this name. */
  USAGE_PLAN_NAME: z.string().min(1).optional(),
  /** The ops SNS topic the SLA watch alerts (required by that job only). */
  OPS_TOPIC_ARN: z.string().regex(/^arn:aws[\w-]*:sns:/, 'must be an SNS topic ARN').optional(),
  /** Meta Graph API version SendWhatsAppMessage speaks (End User Messaging Social passes it to Meta). */
  WHATSAPP_META_API_VERSION: z.string().regex(/^v\d+\.\d+$/, 'must be a Meta API version such as v20.0').default('v20.0'),
  /** Network-wide India DLT registration; a store's own IDs take precedence. */
  SMS_DLT_ENTITY_ID: z.string().min(1).optional(),
  /** JSON object: template key (status or reminder) → registered DLT template ID. */
  SMS_DLT_TEMPLATE_IDS: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (!raw) return {};
      try {
        return z.record(z.string(), z.string()).parse(JSON.parse(raw));
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be a JSON object of template key → DLT template ID' });
        return z.NEVER;
      }
    }),
});

export interface Config {
  tableName: string;
  /** Set where a function changes keys: without it (tests) there is no gateway cache to flush. */
  gateway: { apiId: string; stage: string } | undefined;
  usagePlanName: string | undefined;
  opsTopicArn: string | undefined;
  dlt: { entityId: string | undefined; templateIds: Record<string, string> };
  whatsappMetaApiVersion: string;
}

let cached: Config | undefined;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  if (cached && env === process.env) return cached;
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const config: Config = {
    tableName: parsed.data.TABLE_NAME,
    gateway: parsed.data.API_ID && parsed.data.API_STAGE ? { apiId: parsed.data.API_ID, stage: parsed.data.API_STAGE } : undefined,
    usagePlanName: parsed.data.USAGE_PLAN_NAME,
    opsTopicArn: parsed.data.OPS_TOPIC_ARN,
    dlt: { entityId: parsed.data.SMS_DLT_ENTITY_ID, templateIds: parsed.data.SMS_DLT_TEMPLATE_IDS },
    whatsappMetaApiVersion: parsed.data.WHATSAPP_META_API_VERSION,
  };
  if (env === process.env) cached = config;
  return config;
}
