import { Aws } from 'aws-cdk-lib';
import type { ScheduledJob } from '../functions/schedules.js';
import type { StageName } from './config.js';

/**
 * Physical names that two stacks must agree on before either is deployed. The job rules are
 * named so the stateful stack can let exactly those rules write to their dead-letter queues
 * without referring to the stateless stack (which would make the two stacks depend on each other).
 */
export const jobRuleName = (stage: StageName, job: ScheduledJob['name']): string => `repair-api-${stage}-${job}-schedule`;

/** The rule that hands End User Messaging Social's WhatsApp events to the events function. */
export const whatsappEventsRuleName = (stage: StageName): string => `repair-api-${stage}-whatsapp-events`;

/** Custom metrics the API stack derives from its access log, read by the monitoring stack. */
export const metricsNamespace = (stage: StageName): string => `RepairApi/${stage}`;

/** `create-repair` → `CreateRepair`: stable construct ids, so logical ids survive reordering a table. */
export const pascal = (name: string): string => name.replace(/(^|-)(\w)/g, (_, _dash: string, c: string) => c.toUpperCase());

/** The EventBridge rule that hands photo uploads to the photo check; the stateful stack lets it write to its DLQ by this name. */
export const photoCheckRuleName = (stage: StageName): string => `repair-api-${stage}-photo-check`;

/**
 * The photo bucket's name, known to every stack without a cross-stack reference: the functions'
 * grants name it directly (one account and region per stage; S3 names are global, hence both in it).
 */
export const photosBucketName = (stage: StageName): string => `repair-api-${stage}-photos-${Aws.ACCOUNT_ID}-${Aws.REGION}`;

/** The same name as cdk-nag prints it in a finding (pseudo parameters in angle brackets), to acknowledge the photos/* grant. */
export const photosBucketNagName = (stage: StageName): string => `repair-api-${stage}-photos-<AWS::AccountId>-<AWS::Region>`;
