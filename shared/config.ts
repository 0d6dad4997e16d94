import * as z from 'zod';

/**
 * The environment, parsed once per container. A missing or malformed variable stops the
 * function at init with a message naming it, instead of failing later on a request.
 */
const Env = z.object({
  TABLE_NAME: z.string().min(1),
  /**
   * Where customers open their repair page (<PUBLIC_BASE_URL>/r/<token>): the stage's custom domain
   * when it has one, else the API's URL (CDK sets it); locally http://localhost:<PORT>. Without it
   * SMS go out without the link (functions that send none need not set it).
   */
  PUBLIC_BASE_URL: z
    .string()
    .regex(/^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?$/, 'must be an http(s) URL without query or fragment, e.g. https://repair.example.com')
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
  /** The ops SNS topic the SLA watch alerts (required by that job only). */
  OPS_TOPIC_ARN: z.string().regex(/^arn:aws[\w-]*:sns:/, 'must be an SNS topic ARN').optional(),
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
  opsTopicArn: string | undefined;
  /** No trailing slash; null when not configured. */
  publicBaseUrl: string | null;
  dlt: { entityId: string | undefined; templateIds: Record<string, string> };
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
    opsTopicArn: parsed.data.OPS_TOPIC_ARN,
    publicBaseUrl: parsed.data.PUBLIC_BASE_URL ?? null,
    dlt: { entityId: parsed.data.SMS_DLT_ENTITY_ID, templateIds: parsed.data.SMS_DLT_TEMPLATE_IDS },
  };
  if (env === process.env) cached = config;
  return config;
}
