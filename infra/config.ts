import { RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { LANGUAGES } from '../shared/domain/vocabulary.js';
import { SMS_TEMPLATE_KEYS } from '../shared/notify/templates.js';

export const STAGES = ['dev', 'prod'] as const;
export type StageName = (typeof STAGES)[number];

/**
 * SMS settings of a stage: configuration, not code. Registrations (sender ID, India DLT IDs) are
 * obtained outside AWS and differ per account, so they live here and nowhere in the handlers.
 */
export interface SmsConfig {
  /**
   * Default sender ID for the account's SMS (SNS `DefaultSenderID`, applied by the workers stack).
   * A store's own `sms.senderId` still wins per message; countries without sender IDs ignore it.
   */
  readonly senderId?: string;
  /** India DLT principal entity ID → SMS_DLT_ENTITY_ID of the notifier and the warranty job (a store's own wins). */
  readonly dltEntityId?: string;
  /**
   * Template key → registered DLT template ID → SMS_DLT_TEMPLATE_IDS. Keys are `received`, …,
   * `warranty_reminder`, or one language of it (`received.hi`): DLT registers each exact text.
   */
  readonly dltTemplateIds?: Readonly<Record<string, string>>;
  /**
   * The account's SNS monthly SMS spend limit in USD (AWS default: 1; raised by a support case).
   * Documentation of what was requested, and the base of an alarm at 80 % of it.
   */
  readonly monthlySpendLimitUsd?: number;
}

/**
 * WhatsApp through AWS End User Messaging Social: the phone numbers (one per WABA number the
 * stores use) the stage may send from. Stores name theirs by id in their settings; IAM allows
 * SendWhatsAppMessage on exactly these ARNs, so a store cannot send from a number ops did not add.
 */
export interface WhatsAppConfig {
  /** arn:aws:social-messaging:<region>:<account>:phone-number-id/<id> */
  readonly phoneNumberArns: readonly string[];
  /** The Meta Graph API version SendWhatsAppMessage passes on (Meta retires versions about two years after release). */
  readonly metaApiVersion: string;
}

/**
 * AWS WAF in front of the stage. API Gateway REST has no body-size setting below its 10 MB (and
 * Lambda refuses > 6 MB with a 5xx at the gateway), so the web ACL refuses big bodies with a 413
 * before anything runs, and caps per-IP calls to the public tracking route.
 */
export interface WafConfig {
  /** Bodies above this many bytes get 413. At most 64 KB: the most of a body WAF can inspect on API Gateway. */
  readonly maxBodyBytes: number;
  /** Requests per client IP in 5 minutes to /v1/track before 429 (WAF's minimum is 10). Mobile carriers share IPs: keep it generous. */
  readonly trackRequestsPerIpPer5Minutes: number;
  /**
   * Requests per client IP in 5 minutes to the customer page (/r/… and /track) before 429. A page
   * view is one request (no assets), an action two (POST + the page it returns to).
   */
  readonly pageRequestsPerIpPer5Minutes: number;
}

/** Everything that differs between stages, in one typed record: stacks read this, never the raw context. */
export interface StageConfig {
  readonly stage: StageName;
  /** What CloudFormation does with stateful resources (table, log groups) when they leave the stack. */
  readonly removalPolicy: RemovalPolicy;
  /** DynamoDB deletion protection and stack termination protection for the stateful stack. */
  readonly deletionProtection: boolean;
  /** Point-in-time recovery: on in every stage, so restores can be rehearsed outside prod. */
  readonly pointInTimeRecovery: true;
  /** Function and access logs; phone numbers are redacted before logging, the rest need not live long. */
  readonly logRetention: RetentionDays;
  /** API Gateway throttling for the whole stage (steady requests per second, burst): a ceiling on cost and load. */
  readonly throttle: { readonly rateLimit: number; readonly burstLimit: number };
  /**
   * Per-store limits: the API Gateway usage plan every store's usage key belongs to. One store
   * bursting is refused (429) before it can use up the stage's whole allowance.
   */
  readonly storeUsagePlan: { readonly rateLimit: number; readonly burstLimit: number; readonly quotaPerDay: number };
  /** The web ACL of the stage, or false for none (then cdk-nag's APIG3 is acknowledged for that stage). */
  readonly waf: WafConfig | false;
  readonly sms: SmsConfig;
  /** false: no store of this stage can use WhatsApp (customers get SMS). */
  readonly whatsapp: WhatsAppConfig | false;
  /**
   * The customer page's address for the links in SMS (PUBLIC_BASE_URL), when the stage has a
   * custom domain (https://repair.example.com); without one the API's own URL is used.
   */
  readonly publicBaseUrl?: string;
}

/** The largest body WAF can inspect on an API Gateway stage (AssociationConfig, in 16 KB steps). */
export const WAF_MAX_BODY_INSPECTION_BYTES = 64 * 1024;

const CONFIGS: Readonly<Record<StageName, StageConfig>> = {
  dev: {
    stage: 'dev',
    removalPolicy: RemovalPolicy.DESTROY,
    deletionProtection: false,
    pointInTimeRecovery: true,
    logRetention: RetentionDays.ONE_WEEK,
    throttle: { rateLimit: 20, burstLimit: 40 },
    storeUsagePlan: { rateLimit: 5, burstLimit: 10, quotaPerDay: 10_000 },
    // As in prod, so a client sees the same 413 in dev (a few USD a month; set false to save them).
    waf: { maxBodyBytes: 64 * 1024, trackRequestsPerIpPer5Minutes: 300, pageRequestsPerIpPer5Minutes: 600 },
    // A fresh account is in the SMS sandbox with AWS's default 1 USD limit.
    sms: { monthlySpendLimitUsd: 1 },
    // Fill in the WABA's phone numbers once registered (README, WhatsApp).
    whatsapp: false,
  },
  prod: {
    stage: 'prod',
    removalPolicy: RemovalPolicy.RETAIN,
    deletionProtection: true,
    pointInTimeRecovery: true,
    logRetention: RetentionDays.ONE_MONTH,
    throttle: { rateLimit: 200, burstLimit: 400 },
    storeUsagePlan: { rateLimit: 20, burstLimit: 40, quotaPerDay: 100_000 },
    // Valid bodies stay far below 64 KB: the zod schemas cap every text (2000 characters at most, ≤ 12 KB even \u-escaped).
    waf: { maxBodyBytes: 64 * 1024, trackRequestsPerIpPer5Minutes: 300, pageRequestsPerIpPer5Minutes: 600 },
    // Fill in once registered (README, Operations): senderId, dltEntityId, dltTemplateIds, monthlySpendLimitUsd.
    sms: {},
    whatsapp: false,
  },
};

function isStageName(value: unknown): value is StageName {
  return typeof value === 'string' && (STAGES as readonly string[]).includes(value);
}

const PHONE_NUMBER_ARN = /^arn:aws[\w-]*:social-messaging:[a-z0-9-]+:\d{12}:phone-number-id\/[0-9a-z]+$/;
const SENDER_ID = /^(?=.*[A-Za-z])[A-Za-z0-9]{1,11}$/;
const DLT_ID = /^\d{1,30}$/;
const DLT_TEMPLATE_KEYS = new Set<string>(SMS_TEMPLATE_KEYS.flatMap((key) => [key, ...LANGUAGES.map((language) => `${key}.${language}`)]));

/**
 * Refuses a config that would deploy but misbehave: SNS rejects such a sender ID, a misspelt
 * template key would silently never match, and a per-store limit above the stage's is meaningless.
 */
export function validateStageConfig(config: StageConfig): StageConfig {
  const problems: string[] = [];
  const { sms, storeUsagePlan: plan, throttle, whatsapp } = config;
  if (whatsapp) {
    for (const arn of whatsapp.phoneNumberArns) {
      if (!PHONE_NUMBER_ARN.test(arn)) problems.push(`whatsapp.phoneNumberArns: "${arn}" is not an End User Messaging Social phone number ARN`);
    }
    if (whatsapp.phoneNumberArns.length === 0) problems.push('whatsapp.phoneNumberArns must name at least one number (or set whatsapp: false)');
    if (!/^v\d+\.\d+$/.test(whatsapp.metaApiVersion)) problems.push('whatsapp.metaApiVersion must be a Meta API version such as v20.0');
  }
  if (sms.senderId !== undefined && !SENDER_ID.test(sms.senderId)) problems.push('sms.senderId must be 1–11 letters or digits with at least one letter');
  if (sms.dltEntityId !== undefined && !DLT_ID.test(sms.dltEntityId)) problems.push('sms.dltEntityId must be the numeric DLT entity ID');
  for (const [key, id] of Object.entries(sms.dltTemplateIds ?? {})) {
    if (!DLT_TEMPLATE_KEYS.has(key)) problems.push(`sms.dltTemplateIds: unknown template key "${key}" (expected ${SMS_TEMPLATE_KEYS.join(', ')}, optionally .<language>)`);
    if (!DLT_ID.test(id)) problems.push(`sms.dltTemplateIds.${key} must be the numeric DLT template ID`);
  }
  if (sms.monthlySpendLimitUsd !== undefined && !(sms.monthlySpendLimitUsd > 0)) problems.push('sms.monthlySpendLimitUsd must be positive');
  if (plan.rateLimit > throttle.rateLimit || plan.burstLimit > throttle.burstLimit) problems.push('storeUsagePlan must not exceed the stage throttle');
  if (!(plan.rateLimit > 0 && plan.burstLimit >= plan.rateLimit && plan.quotaPerDay > 0)) problems.push('storeUsagePlan needs rateLimit > 0, burstLimit ≥ rateLimit and quotaPerDay > 0');
  if (config.waf) {
    const { maxBodyBytes, trackRequestsPerIpPer5Minutes: trackRate } = config.waf;
    if (!(Number.isInteger(maxBodyBytes) && maxBodyBytes > 0 && maxBodyBytes <= WAF_MAX_BODY_INSPECTION_BYTES)) {
      problems.push(`waf.maxBodyBytes must be a whole number of bytes from 1 to ${WAF_MAX_BODY_INSPECTION_BYTES} (WAF inspects at most 64 KB of an API Gateway body)`);
    }
    if (!(Number.isInteger(trackRate) && trackRate >= 10)) problems.push('waf.trackRequestsPerIpPer5Minutes must be a whole number ≥ 10 (the WAF minimum)');
    const pageRate = config.waf.pageRequestsPerIpPer5Minutes;
    if (!(Number.isInteger(pageRate) && pageRate >= 10)) problems.push('waf.pageRequestsPerIpPer5Minutes must be a whole number ≥ 10 (the WAF minimum)');
  }
  if (config.publicBaseUrl !== undefined && !/^https:\/\/[^/?#\s]+(\/[^?#\s]*)?$/.test(config.publicBaseUrl)) {
    problems.push('publicBaseUrl must be an https URL without query or fragment');
  }
  if (problems.length > 0) throw new Error(`Invalid ${config.stage} stage config: ${problems.join('; ')}`);
  return config;
}

/** `-c stage=…` → its config; anything else stops the synth with the accepted values. */
export function stageConfig(stage: unknown = 'dev'): StageConfig {
  if (!isStageName(stage)) {
    throw new Error(`Unknown stage ${JSON.stringify(stage)}: pass -c stage=${STAGES.join('|')}`);
  }
  return validateStageConfig(CONFIGS[stage]);
}

/**
 * The notifier's and the warranty job's DLT environment (shared/config.ts parses it), holding
 * only what is configured: an absent variable means "no network-wide default".
 */
export function smsEnvironment(sms: SmsConfig): Record<string, string> {
  return {
    ...(sms.dltEntityId ? { SMS_DLT_ENTITY_ID: sms.dltEntityId } : {}),
    ...(sms.dltTemplateIds && Object.keys(sms.dltTemplateIds).length > 0 ? { SMS_DLT_TEMPLATE_IDS: JSON.stringify(sms.dltTemplateIds) } : {}),
  };
}

/** The WhatsApp sender's environment (the Meta API version); nothing when the stage has no WhatsApp. */
export function whatsappEnvironment(whatsapp: WhatsAppConfig | false): Record<string, string> {
  return whatsapp ? { WHATSAPP_META_API_VERSION: whatsapp.metaApiVersion } : {};
}
