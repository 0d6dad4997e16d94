import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { stageConfig, type StageName } from '../../infra/config.js';
import { REPO_ROOT } from '../../infra/constructs/base-function.js';
import { createStage } from '../../infra/stage.js';

/** The CLI's context (feature flags) from cdk.json, so the tests synthesize what `cdk synth` does. */
function cliContext(stage: StageName): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(join(REPO_ROOT, 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> };
  return { ...cdkJson.context, stage };
}

/** An App writing to its own temp folder: no cdk.out left behind in the system temp folder. */
function tempApp(stage: StageName): { app: App; outdir: string; dispose: () => void } {
  const outdir = mkdtempSync(join(tmpdir(), `repair-api-cdk-${stage}-`));
  const app = new App({ outdir, context: cliContext(stage) });
  return { app, outdir, dispose: () => rmSync(outdir, { recursive: true, force: true }) };
}

export interface SynthesizedStage {
  readonly outdir: string;
  readonly stateful: Template;
  readonly api: Template;
  readonly terminationProtection: boolean;
  /** Removes the cloud assembly; call it in afterAll. */
  readonly dispose: () => void;
}

/** Builds a stage exactly as infra/bin/app.ts does and synthesizes it once (bundling every function). */
export function synthStage(stage: StageName): SynthesizedStage {
  const { app, outdir, dispose } = tempApp(stage);
  try {
    const { stateful, api } = createStage(app, stageConfig(stage));
    app.synth();
    return {
      outdir,
      stateful: Template.fromStack(stateful),
      api: Template.fromStack(api),
      terminationProtection: stateful.terminationProtection,
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

/**
 * cdk-nag 3 is a policy-validation plugin, not an Aspect: synthesis fails when a finding is not
 * acknowledged, and the findings land in the assembly's validation-report.json.
 */
export function nagViolations(stage: StageName): NagViolation[] {
  const { app, outdir, dispose } = tempApp(stage);
  try {
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    createStage(app, stageConfig(stage));
    try {
      app.synth();
      return [];
    } catch (error) {
      const reportFile = join(outdir, 'validation-report.json');
      if (!existsSync(reportFile)) throw error;
      const report = JSON.parse(readFileSync(reportFile, 'utf8')) as ValidationReport;
      return report.pluginReports.flatMap((plugin) =>
        plugin.violations.map((v) => ({
          rule: v.ruleName,
          severity: v.severity,
          description: v.description,
          paths: v.violatingConstructs.map((c) => c.constructPath),
        })),
      );
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

/** The minified bundle (index.mjs) a function is deployed with, from its asset folder in the assembly. */
export function bundle(outdir: string, code: { S3Key: string }): { bytes: number; text: string; hasSourceMap: boolean } {
  const assetDir = join(outdir, `asset.${code.S3Key.replace(/\.zip$/, '')}`);
  const file = join(assetDir, 'index.mjs');
  return { bytes: statSync(file).size, text: readFileSync(file, 'utf8'), hasSourceMap: existsSync(`${file}.map`) };
}
