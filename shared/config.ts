/**
 * The environment, parsed once per container. A missing or malformed variable stops the
 * function at init with a message naming it, instead of failing later on a request.
 * Checked by hand, not with zod: the stream consumers, the jobs and the authorizer validate no
 * request, and zod would be the largest thing they load (~20 ms of every cold start) for a handful
 * of variables.
 */
export interface Config {
  tableName: string;
  /** Set where a function changes keys: without it (tests) there is no gateway cache to flush. */
  gateway: { apiId: string; stage: string } | undefined;
  /** The usage plan new keys join (API Gateway refuses a key outside it); looked up by this name. */
  usagePlanName: string | undefined;
  /** The ops SNS topic the SLA watch alerts (required by that job only). */
  opsTopicArn: string | undefined;
  /** The private photo bucket (required by the photo routes, the photo check and erasure only). */
  photosBucket: string | undefined;
  /** Network-wide India DLT registration; a store's own IDs take precedence. */
  /** Where customers open their repair page (no trailing slash); null when not configured. */
  publicBaseUrl: string | null;
  dlt: { entityId: string | undefined; templateIds: Record<string, string> };
  /** Meta Graph API version SendWhatsAppMessage speaks (End User Messaging Social passes it to Meta). */
  whatsappMetaApiVersion: string;
}

let cached: Config | undefined;

/** SMS_DLT_TEMPLATE_IDS: a JSON object of template key (status or reminder) → registered DLT template ID. */
function templateIds(raw: string | undefined, problems: string[]): Record<string, string> {
  if (!raw) return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) && Object.values(parsed).every((id) => typeof id === 'string')) {
      return { ...(parsed as Record<string, string>) };
    }
  } catch {
    // reported below
  }
  problems.push('SMS_DLT_TEMPLATE_IDS: must be a JSON object of template key → DLT template ID');
  return {};
}

/** An optional variable that must match `pattern` when set; the problem names it. */
function optional(env: NodeJS.ProcessEnv, name: string, pattern: RegExp, expected: string, problems: string[]): string | undefined {
  const value = env[name];
  if (value !== undefined && !pattern.test(value)) problems.push(`${name}: must be ${expected}`);
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  if (cached && env === process.env) return cached;
  const problems: string[] = [];
  const tableName = env.TABLE_NAME ?? '';
  if (tableName.length === 0) problems.push(`TABLE_NAME: ${env.TABLE_NAME === undefined ? 'is required' : 'must not be empty'}`);
  const apiId = optional(env, 'API_ID', /^[a-z0-9]{1,20}$/, 'a REST API id', problems);
  const stage = optional(env, 'API_STAGE', /^[\w-]{1,128}$/, 'a stage name', problems);
  const usagePlanName = optional(env, 'USAGE_PLAN_NAME', /^.+$/, 'a usage plan name', problems);
  const opsTopicArn = optional(env, 'OPS_TOPIC_ARN', /^arn:aws[\w-]*:sns:/, 'an SNS topic ARN', problems);
  const photosBucket = optional(env, 'PHOTOS_BUCKET', /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'an S3 bucket name', problems);
  const metaApiVersion = optional(env, 'WHATSAPP_META_API_VERSION', /^v\d+\.\d+$/, 'a Meta API version such as v20.0', problems) ?? 'v20.0';
  const publicBaseUrl = optional(env, 'PUBLIC_BASE_URL', /^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?$/, 'an http(s) URL without query or fragment, e.g. https://repair.example.com', problems)?.replace(/\/+$/, '') ?? null;
  const entityId = env.SMS_DLT_ENTITY_ID;
  if (entityId !== undefined && entityId.length === 0) problems.push('SMS_DLT_ENTITY_ID: must not be empty');
  const ids = templateIds(env.SMS_DLT_TEMPLATE_IDS, problems);
  if (problems.length > 0) throw new Error(`Invalid configuration: ${problems.join('; ')}`);
  const config: Config = {
    tableName,
    gateway: apiId && stage ? { apiId, stage } : undefined,
    usagePlanName,
    opsTopicArn,
    photosBucket,
    dlt: { entityId, templateIds: ids },
    whatsappMetaApiVersion: metaApiVersion,
    publicBaseUrl,
  };
  if (env === process.env) cached = config;
  return config;
}
