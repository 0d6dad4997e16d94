import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, Validations, type CfnResource, type RemovalPolicy } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { BuildOptions } from 'esbuild';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { TableUse } from '../table-access.js';
import type { PhotoAction } from '../photo-access.js';
import { PHOTOS_PREFIX } from '../../shared/media/object-keys.js';
import { RUNTIME_FILE_DIRS } from '../../shared/runtime-files.js';

/** The repository root: entries, the lockfile and node_modules are all found from here, whatever the cwd. */
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const SERVICE_NAME = 'repair-api';

/**
 * Lets CommonJS dependencies that call `require` run inside the ESM bundle. The import is aliased so
 * it cannot clash with a `createRequire` that esbuild hoists from the bundled code.
 */
const CJS_REQUIRE_BANNER =
  "import { createRequire as __cjsCreateRequire } from 'node:module'; const require = __cjsCreateRequire(import.meta.url);";

/**
 * The AWS SDK v3 comes from the Lambda runtime (nodejs22.x ships it) instead of the bundle.
 * Bundled, it adds ~340 KB minified to every function that touches DynamoDB, more than our whole
 * 250 KB per-function budget; external, the bundles keep only our code and its small dependencies.
 * `@smithy/*` goes with it: a bundled smithy next to the runtime's SDK would be a second copy.
 */
const RUNTIME_PROVIDED_MODULES = ['@aws-sdk/*', '@smithy/*'];

/**
 * How every function is bundled (also what `npm run bench` builds its bare comparison handlers
 * with, so the two are measured alike): ESM for Node 22, minified with position-only source maps,
 * the runtime's SDK left out, by the local esbuild.
 */
export const BUNDLING = {
  format: OutputFormat.ESM,
  target: 'node22',
  // Prefer the ESM builds of dependencies: esbuild can only tree-shake those.
  mainFields: ['module', 'main'],
  banner: CJS_REQUIRE_BANNER,
  minify: true,
  // esbuild's default charset (ASCII, non-ASCII text as \u escapes) on purpose: V8 keeps a source
  // with one character past Latin-1 as two bytes a character, which made the lookup form's load
  // 1.7 ms (8 %) slower for 55 characters (its language names); the SMS templates' escapes add
  // ≈ 10 KB to the notifier and no measurable load time. The page's words are runtime files.
  sourceMap: true,
  // The map only needs positions; the sources themselves would double the asset for nothing.
  sourcesContent: false,
  externalModules: RUNTIME_PROVIDED_MODULES,
  // The runtime files the bundle names go beside it, under their repository paths (see runtimeFilesOf).
  commandHooks: {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (inputDir: string, outputDir: string) =>
      runtimeFiles().map(
        (path) => `if grep -qF '${path}' '${outputDir}/index.mjs'; then mkdir -p '${outputDir}/${dirname(path)}' && cp '${inputDir}/${path}' '${outputDir}/${path}'; fi`,
      ),
  },
  // esbuild is a devDependency, so bundling is local and offline; Docker is never an option.
  forceDockerBundling: false,
  logLevel: LogLevel.WARNING,
} satisfies BundlingOptions;

/** Every file a function may read at run time (shared/runtime-files.ts), by repository path. */
function runtimeFiles(): string[] {
  return RUNTIME_FILE_DIRS.flatMap((dir) =>
    readdirSync(join(REPO_ROOT, dir))
      .filter((name) => name.endsWith('.json'))
      .map((name) => `${dir}/${name}`),
  );
}

/**
 * BUNDLING as esbuild's own API options (with a metafile): the bench and the infra tests build a
 * function exactly as the CDK app does, and can see what each input contributes.
 */
export function esbuildOptions(outfile: string): BuildOptions {
  return {
    bundle: true,
    platform: 'node',
    format: BUNDLING.format,
    target: BUNDLING.target,
    mainFields: BUNDLING.mainFields,
    banner: { js: BUNDLING.banner },
    minify: BUNDLING.minify,
    sourcemap: BUNDLING.sourceMap,
    sourcesContent: BUNDLING.sourcesContent,
    external: BUNDLING.externalModules,
    logLevel: 'warning',
    metafile: true,
    outfile,
  };
}

/**
 * The runtime files a bundle reads, which the bundling copies beside it: those whose path it names
 * (a reader names its file by its repository path, shared/runtime-files.ts). Derived from the
 * bundle itself, so no list of functions can drift from the code: a page function gets the 11
 * language files, the openapi function the document, every other function nothing.
 * (`npm run bench` copies the same files with this; the CDK's bundling by the hook above.)
 */
export function runtimeFilesOf(bundleText: string): string[] {
  return runtimeFiles().filter((path) => bundleText.includes(path));
}

export interface BaseFunctionProps {
  /** Entry file, relative to the repository root (e.g. `functions/api/get-repair.ts`); exports `handler`. */
  readonly entry: string;
  readonly description?: string;
  /** Added to the defaults (service name, source maps) rather than replacing them; a key given here wins. */
  readonly environment?: Record<string, string>;
  /** @default 512 */
  readonly memorySize?: number;
  /** @default 10 s: API handlers answer within API Gateway's 29 s; 10 s leaves room and stops a stuck call early. */
  readonly timeout?: Duration;
  readonly logRetention: RetentionDays;
  /** What happens to the function's log group when it leaves the stack. */
  readonly logRemovalPolicy: RemovalPolicy;
}

/**
 * Every Lambda in the app, with the shared defaults in one place: Node.js 22 on arm64, ESM bundle
 * built by the local esbuild (never Docker), minified with source maps, its own log group with a
 * retention, X-Ray tracing.
 */
export class BaseFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: BaseFunctionProps) {
    // A sibling, not a child: the log group must exist before super() and `this` does not yet.
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: props.logRetention,
      removalPolicy: props.logRemovalPolicy,
    });
    super(scope, id, {
      entry: join(REPO_ROOT, props.entry),
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: join(REPO_ROOT, 'package-lock.json'),
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      tracing: Tracing.ACTIVE,
      logGroup,
      description: props.description,
      environment: {
        POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
        // Stack traces point at the TypeScript sources instead of the minified bundle.
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
      },
      bundling: BUNDLING,
    });
    this.acknowledgeDefaults();
  }

  /** cdk-nag findings that come with the defaults above, acknowledged where they arise. */
  private acknowledgeDefaults(): void {
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'Node.js 22 is pinned on purpose: the tests run on Node 22 (devDependency node@22) and Lambda supports it until 2027; moving to a newer runtime is a deliberate upgrade with its own test run.',
    });
    if (!this.role) return;
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: 'The AWS-maintained Lambda logging policy: CloudWatch Logs create-stream/put-events only, no data access.',
    });
    // cdk-nag 3 acknowledges per finding, not per statement, so any other Resource "*" grant goes
    // through grantOnAnyResource (a policy and a reason of its own); test/infra/iam.test.ts fails
    // on a wildcard that appears anywhere else.
    const defaultPolicy = this.role.node.tryFindChild('DefaultPolicy');
    if (defaultPolicy) {
      Validations.of(defaultPolicy).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'Active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions, so IAM requires Resource "*".',
      });
    }
  }

  /**
   * Table access and the TABLE_NAME the handler's config requires, always together: a function
   * cannot get the name without the grant, nor the grant without the name. Exactly the actions the
   * function's code calls (infra/table-access.ts): on the table, and Query alone on the indexes it
   * reads. Never Scan, batch or stream actions (only the stream consumers' event sources read the stream).
   */
  useTable(table: ITableV2, use: TableUse): this {
    const items = [...new Set(use.items)];
    if (items.length > 0) {
      this.addToRolePolicy(new PolicyStatement({ actions: items.map((action) => `dynamodb:${action}`), resources: [table.tableArn] }));
    }
    const indexes = [...new Set(use.indexes ?? [])];
    if (indexes.length > 0) {
      this.addToRolePolicy(new PolicyStatement({ actions: ['dynamodb:Query'], resources: indexes.map((index) => `${table.tableArn}/index/${index}`) }));
    }
    if (items.length === 0 && indexes.length === 0) throw new Error(`${this.node.path}: a table use needs at least one action`);
    this.addEnvironment('TABLE_NAME', table.tableName);
    return this;
  }

  /**
   * Photo bucket access and the PHOTOS_BUCKET the photo adapters require, together (as useTable):
   * exactly the object actions given (infra/photo-access.ts), on objects under photos/ only.
   */
  usePhotos(bucket: { bucket: IBucket; nagName: string }, actions: readonly PhotoAction[]): this {
    if (actions.length === 0) throw new Error(`${this.node.path}: photo access needs at least one action`);
    this.addToRolePolicy(new PolicyStatement({ actions: [...new Set(actions)], resources: [bucket.bucket.arnForObjects(`${PHOTOS_PREFIX}*`)] }));
    this.addEnvironment('PHOTOS_BUCKET', bucket.bucket.bucketName);
    Validations.of(this.role!.node.findChild('DefaultPolicy')).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::${bucket.nagName}/${PHOTOS_PREFIX}*]`,
      reason: `Photo objects are keyed ${PHOTOS_PREFIX}<orderId>/<photoId>, created per request: the grant is the object actions this function calls (infra/photo-access.ts) on that prefix alone, no bucket-level action.`,
    });
    return this;
  }

  /**
   * A grant IAM can only express on Resource "*" (e.g. SNS Publish to a phone number: a phone
   * number has no ARN). It gets a policy of its own, so the cdk-nag acknowledgement covers exactly
   * these actions and carries the reason, instead of hiding behind the X-Ray one on DefaultPolicy.
   */
  grantOnAnyResource(name: string, actions: readonly string[], reason: string): Policy {
    const policy = new Policy(this, `${name}Policy`, {
      statements: [new PolicyStatement({ actions: [...actions], resources: ['*'] })],
    });
    if (!this.role) throw new Error(`${this.node.path} has no role to attach ${name} to`);
    policy.attachToRole(this.role);
    Validations.of(policy).acknowledge({ id: 'AwsSolutions-IAM5[Resource::*]', reason });
    // The function (and so its event source, which refers to it) is not created before it may do
    // what it is for. On the CfnFunction alone: the whole construct would include the role, a cycle.
    (this.node.defaultChild as CfnResource).addResourceDependency(policy.node.defaultChild as CfnResource);
    return policy;
  }
}
