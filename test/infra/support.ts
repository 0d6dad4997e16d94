import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { stageConfig, type StageConfig, type StageName } from '../../infra/config.js';
import { REPO_ROOT } from '../../infra/constructs/base-function.js';
import { createStage, type StageStacks } from '../../infra/stage.js';

/** Options of one synthesis: a stage's own config or a variant of it, with or without bundling. */
export interface SynthOptions {
  /** A variant of the stage's config (e.g. with SMS registrations filled in). */
  readonly config?: StageConfig;
  /**
   * Run esbuild for every function (default). Off, CDK skips bundling (context
   * `aws:cdk:bundling-stacks: []`): the same templates in a fraction of the time, for tests that
   * do not read the bundles.
   */
  readonly bundle?: boolean;
}

/** The CLI's context (feature flags) from cdk.json, so the tests synthesize what `cdk synth` does. */
function cliContext(stage: StageName, bundle: boolean): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(join(REPO_ROOT, 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> };
  return { ...cdkJson.context, stage, ...(bundle ? {} : { 'aws:cdk:bundling-stacks': [] }) };
}

/** An App writing to its own temp folder: no cdk.out left behind in the system temp folder. */
function tempApp(stage: StageName, bundle = true): { app: App; outdir: string; dispose: () => void } {
  const outdir = mkdtempSync(join(tmpdir(), `repair-api-cdk-${stage}-`));
  const app = new App({ outdir, context: cliContext(stage, bundle) });
  return { app, outdir, dispose: () => rmSync(outdir, { recursive: true, force: true }) };
}

export interface SynthesizedStage {
  readonly outdir: string;
  readonly config: StageConfig;
  /** The stack constructs, for logical ids and stack names. */
  readonly stacks: StageStacks;
  readonly stateful: Template;
  readonly api: Template;
  readonly workers: Template;
  readonly monitoring: Template;
  readonly terminationProtection: boolean;
  /** Removes the cloud assembly; call it in afterAll. */
  readonly dispose: () => void;
}

/** Builds a stage exactly as infra/bin/app.ts does and synthesizes it once. */
export function synthStage(stage: StageName, options: SynthOptions = {}): SynthesizedStage {
  const { app, outdir, dispose } = tempApp(stage, options.bundle ?? true);
  try {
    const config = options.config ?? stageConfig(stage);
    const stacks = createStage(app, config);
    app.synth();
    return {
      outdir,
      config,
      stacks,
      stateful: Template.fromStack(stacks.stateful),
      api: Template.fromStack(stacks.api),
      workers: Template.fromStack(stacks.workers),
      monitoring: Template.fromStack(stacks.monitoring),
      terminationProtection: stacks.stateful.terminationProtection,
      dispose,
    };
  } catch (error) {
    dispose();
    throw error;
  }
}

export interface NagViolation {
  readonly rule: string;
  readonly severity: string;
  readonly description: string;
  readonly paths: readonly string[];
}

interface ValidationReport {
  pluginReports: {
    violations: { ruleName: string; severity: string; description: string; violatingConstructs: { constructPath: string }[] }[];
  }[];
}

export interface Acknowledgement {
  readonly id: string;
  readonly reason: string;
  readonly path: string;
}

/**
 * cdk-nag 3 is a policy-validation plugin, not an Aspect: synthesis fails when a finding is not
 * acknowledged, and the findings land in the assembly's validation-report.json. Bundles are not
 * built: no rule reads them. Also returns every acknowledgement recorded in the construct tree.
 */
export function nagReport(stage: StageName, config: StageConfig = stageConfig(stage)): { violations: NagViolation[]; acknowledgements: Acknowledgement[] } {
  const { app, outdir, dispose } = tempApp(stage, false);
  try {
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    createStage(app, config);
    const acknowledgements = () =>
      app.node.findAll().flatMap((construct) =>
        construct.node.metadata
          .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
          .flatMap((entry) => Object.entries(entry.data as Record<string, string>))
          // Stored as "Annotation::<rule id>" by aws-cdk-lib ≥ 2.262.1.
          .map(([id, reason]) => ({ id: id.replace(/^annotation::/i, ''), reason, path: construct.node.path })),
      );
    try {
      app.synth();
      return { violations: [], acknowledgements: acknowledgements() };
    } catch (error) {
      const reportFile = join(outdir, 'validation-report.json');
      if (!existsSync(reportFile)) throw error;
      const report = JSON.parse(readFileSync(reportFile, 'utf8')) as ValidationReport;
      const violations = report.pluginReports.flatMap((plugin) =>
        plugin.violations.map((v) => ({
          rule: v.ruleName,
          severity: v.severity,
          description: v.description,
          paths: v.violatingConstructs.map((c) => c.constructPath),
        })),
      );
      return { violations, acknowledgements: acknowledgements() };
    }
  } finally {
    dispose();
  }
}

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown> } & Record<string, unknown>>;

export function resources(template: Template, type: string): Resources {
  return template.findResources(type) as Resources;
}

export interface PolicyStatementJson {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

/** The Allow statements of every policy attached to a function's role. */
export function allowStatements(template: Template, functionLogicalId: string): PolicyStatementJson[] {
  const fn = template.toJSON().Resources[functionLogicalId] as { Properties: { Role: { 'Fn::GetAtt': [string, string] } } };
  const roleId = fn.Properties.Role['Fn::GetAtt'][0];
  const policies = Object.values(resources(template, 'AWS::IAM::Policy')).filter((policy) =>
    (policy.Properties?.Roles as { Ref: string }[]).some((role) => role.Ref === roleId),
  );
  return policies.flatMap((policy) =>
    (policy.Properties?.PolicyDocument as { Statement: PolicyStatementJson[] }).Statement.filter((s) => s.Effect === 'Allow'),
  );
}

/** Every IAM action a function's role is allowed. */
export function allowedActions(template: Template, functionLogicalId: string): string[] {
  return allowStatements(template, functionLogicalId).flatMap((statement) => [statement.Action].flat());
}

/** The folder a function's code is deployed from (its asset in the assembly). */
export function assetDir(outdir: string, code: { S3Key: string }): string {
  return join(outdir, `asset.${code.S3Key.replace(/\.zip$/, '')}`);
}

/** The minified bundle (index.mjs) a function is deployed with, from its asset folder in the assembly. */
export function bundle(outdir: string, code: { S3Key: string }): { bytes: number; text: string; hasSourceMap: boolean } {
  const file = join(assetDir(outdir, code), 'index.mjs');
  return { bytes: statSync(file).size, text: readFileSync(file, 'utf8'), hasSourceMap: existsSync(`${file}.map`) };
}

/** A function's logical id in its own stack's template. */
export function logicalId(construct: IConstruct): string {
  const cfn = construct.node.defaultChild as CfnElement;
  return Stack.of(construct).getLogicalId(cfn);
}

type Json = unknown;

/**
 * Names for the resources other stacks point at, so a policy or an alarm reads as
 * "dynamodb:GetItem on table.Arn/index/gsi1" or "dlq:sla.QueueName" whichever stack it lives in.
 */
function knownNames(synth: SynthesizedStage): Map<string, string> {
  const { stateful, workers } = synth.stacks;
  const names = new Map<string, string>([
    [logicalId(stateful.table as unknown as IConstruct), 'table'],
    [logicalId(stateful.opsTopic), 'opsTopic'],
    [logicalId(stateful.opsKey), 'opsKey'],
    [logicalId(stateful.deadLetterQueues.notifier), 'dlq:notifier'],
    [logicalId(workers.notifier), 'fn:notifier'],
    [logicalId(stateful.deadLetterQueues.aggregator), 'dlq:aggregator'],
    [logicalId(stateful.deadLetterQueues.whatsappEvents), 'dlq:whatsapp-events'],
    [logicalId(workers.aggregator), 'fn:aggregator'],
    [logicalId(workers.whatsappEvents), 'fn:whatsapp-events'],
    [logicalId(stateful.deadLetterQueues.photoCheck), 'dlq:photoCheck'],
    [logicalId(workers.photoCheck), 'fn:photoCheck'],
    [logicalId(stateful.photosBucket), 'photosBucket'],
  ]);
  for (const [job, queue] of Object.entries(stateful.deadLetterQueues.jobs)) names.set(logicalId(queue), `dlq:${job}`);
  for (const [job, fn] of Object.entries(workers.jobs)) names.set(logicalId(fn), `fn:${job}`);
  return names;
}

/**
 * A CloudFormation value → a readable label: references to the stage's known resources by name,
 * cross-stack outputs (Fn::GetStackOutput) followed back to the stack that produces them.
 */
export function label(synth: SynthesizedStage, value: Json): string {
  const names = knownNames(synth);
  const templates = new Map(
    (['stateful', 'api', 'workers', 'monitoring'] as const).map((key) => [synth.stacks[key].stackName, synth[key].toJSON() as { Outputs?: Record<string, { Value: Json }> }]),
  );
  const walk = (node: Json): string => {
    if (typeof node === 'string' || typeof node === 'number') return String(node);
    const object = node as Record<string, Json>;
    if ('Fn::GetStackOutput' in object) {
      const { StackName, OutputName } = object['Fn::GetStackOutput'] as { StackName: string; OutputName: string };
      return walk(templates.get(StackName)?.Outputs?.[OutputName]?.Value ?? `unknown output ${StackName}.${OutputName}`);
    }
    if ('Fn::Join' in object) {
      const [separator, parts] = object['Fn::Join'] as [string, Json[]];
      return parts.map(walk).join(separator);
    }
    if ('Fn::GetAtt' in object) {
      const [id, attribute] = object['Fn::GetAtt'] as [string, string];
      return `${names.get(id) ?? id}.${attribute}`;
    }
    if ('Ref' in object) return `${names.get(object.Ref as string) ?? (object.Ref as string)}.Ref`;
    return JSON.stringify(node);
  };
  return walk(value);
}

/**
 * Everything a function's role may do, as sorted "action on resource" lines: every Allow of
 * every policy attached to the role (inline policies included), resources labelled.
 */
export function grantLines(synth: SynthesizedStage, template: Template, functionLogicalId: string): string[] {
  const lines = allowStatements(template, functionLogicalId).flatMap((statement) =>
    [statement.Action].flat().flatMap((action) => [statement.Resource].flat().map((resource) => `${action} on ${label(synth, resource)}`)),
  );
  return [...new Set(lines)].sort();
}

/** The managed policies attached to a function's role. */
export function managedPolicies(template: Template, functionLogicalId: string): string[] {
  const fn = template.toJSON().Resources[functionLogicalId] as { Properties: { Role: { 'Fn::GetAtt': [string, string] } } };
  const role = template.toJSON().Resources[fn.Properties.Role['Fn::GetAtt'][0]] as { Properties: { ManagedPolicyArns?: Json[]; Policies?: Json[] } };
  expect(role.Properties.Policies).toBeUndefined();
  return (role.Properties.ManagedPolicyArns ?? []).map((arn) => JSON.stringify(arn).replace(/.*:iam::aws:policy\/([\w/-]+).*/, '$1'));
}
