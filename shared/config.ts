/**
 * The environment, parsed once per container. A missing or malformed variable stops the
 * function at init with a message naming it, instead of failing later on a request.
 * Checked by hand, not with zod: the stream consumers, the jobs and the authorizer validate no
 * request, and zod would be the largest thing they load (~20 ms of every cold start) for four
 * variables.
 */
export interface Config {
  tableName: string;
  /** The ops SNS topic the SLA watch alerts (required by that job only). */
  opsTopicArn: string | undefined;
  /** Network-wide India DLT registration; a store's own IDs take precedence. */
  dlt: { entityId: string | undefined; templateIds: Record<string, string> };
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

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  if (cached && env === process.env) return cached;
  const problems: string[] = [];
  const tableName = env.TABLE_NAME ?? '';
  if (tableName.length === 0) problems.push(`TABLE_NAME: ${env.TABLE_NAME === undefined ? 'is required' : 'must not be empty'}`);
  const opsTopicArn = env.OPS_TOPIC_ARN;
  if (opsTopicArn !== undefined && !/^arn:aws[\w-]*:sns:/.test(opsTopicArn)) problems.push('OPS_TOPIC_ARN: must be an SNS topic ARN');
  const entityId = env.SMS_DLT_ENTITY_ID;
  if (entityId !== undefined && entityId.length === 0) problems.push('SMS_DLT_ENTITY_ID: must not be empty');
  const ids = templateIds(env.SMS_DLT_TEMPLATE_IDS, problems);
  if (problems.length > 0) throw new Error(`Invalid configuration: ${problems.join('; ')}`);
  const config: Config = { tableName, opsTopicArn, dlt: { entityId, templateIds: ids } };
  if (env === process.env) cached = config;
  return config;
}
