import { RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';

export const STAGES = ['dev', 'prod'] as const;
export type StageName = (typeof STAGES)[number];

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
}

const CONFIGS: Readonly<Record<StageName, StageConfig>> = {
  dev: {
    stage: 'dev',
    removalPolicy: RemovalPolicy.DESTROY,
    deletionProtection: false,
    pointInTimeRecovery: true,
    logRetention: RetentionDays.ONE_WEEK,
    throttle: { rateLimit: 20, burstLimit: 40 },
  },
  prod: {
    stage: 'prod',
    removalPolicy: RemovalPolicy.RETAIN,
    deletionProtection: true,
    pointInTimeRecovery: true,
    logRetention: RetentionDays.ONE_MONTH,
    throttle: { rateLimit: 200, burstLimit: 400 },
  },
};

function isStageName(value: unknown): value is StageName {
  return typeof value === 'string' && (STAGES as readonly string[]).includes(value);
}

/** `-c stage=…` → its config; anything else stops the synth with the accepted values. */
export function stageConfig(stage: unknown = 'dev'): StageConfig {
  if (!isStageName(stage)) {
    throw new Error(`Unknown stage ${JSON.stringify(stage)}: pass -c stage=${STAGES.join('|')}`);
  }
  return CONFIGS[stage];
}
