import { jest } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stageConfig } from '../../infra/config.js';
import { synthStage, type SynthesizedStage } from './support.js';

/**
 * The synthesized templates, linted. cfn-lint (Python) cannot be installed on every machine, so it
 * runs where it is on the PATH and the skip is printed where it is not; the reference check below
 * runs everywhere.
 */
const CFN_LINT = spawnSync('sh', ['-c', 'command -v cfn-lint'], { encoding: 'utf8' }).stdout.trim();

interface Finding {
  Rule: { Id: string };
  Level: string;
  Message: string;
  Filename: string;
  Location: { Path: (string | number)[] };
}

/** What cfn-lint reports that is not a problem, each with the reason. Anything else fails. */
const KNOWN: { rule: string; path?: RegExp; reason: string }[] = [
  {
    rule: 'W3005',
    reason: "aws-cdk-lib lists each function's role in DependsOn although the Fn::GetAtt in Properties.Role already orders them: redundant, harmless.",
  },
  {
    rule: 'E3002',
    path: /^Resources\/Dashboard\w+\/Properties\/Tags$/,
    reason: "cfn-lint's bundled schema predates tags on AWS::CloudWatch::Dashboard, which CloudFormation accepts (aws-cdk-lib's CfnDashboard is generated from the current resource spec).",
  },
];
const isKnown = (finding: Finding) =>
  KNOWN.some((known) => known.rule === finding.Rule.Id && (!known.path || known.path.test(finding.Location.Path.join('/'))));

let synths: SynthesizedStage[] = [];

beforeAll(() => {
  synths = [
    synthStage('dev', { bundle: false }),
    synthStage('prod', { bundle: false }),
    // The custom resource for the sender ID only exists when one is configured.
    synthStage('prod', { bundle: false, config: { ...stageConfig('prod'), sms: { senderId: 'REPAIRS', dltEntityId: '1101234567890123456', dltTemplateIds: { received: '1107000000000000001' } } } }),
  ];
});
afterAll(() => synths.forEach((synth) => synth.dispose()));

const templateFiles = (synth: SynthesizedStage) =>
  readdirSync(synth.outdir)
    .filter((file) => file.endsWith('.template.json'))
    .map((file) => join(synth.outdir, file));

test('cfn-lint finds nothing beyond the known, explained findings (or the skip is reported)', () => {
  const log = jest.spyOn(console, 'log');
  try {
    if (!CFN_LINT) {
      console.log('cfn-lint is not on the PATH: template lint SKIPPED (install it with pip to run it); the reference check still runs.');
      expect(log).toHaveBeenCalledWith(expect.stringContaining('SKIPPED'));
      return;
    }
    const files = synths.flatMap(templateFiles);
    expect(files).toHaveLength(3 * 4);
    // Exit status is a bit mask of the levels found; the JSON on stdout is what is judged.
    const run = spawnSync(CFN_LINT, ['--format', 'json', '--', ...files], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(run.error).toBeUndefined();
    const findings = JSON.parse(run.stdout) as Finding[];
    const unexpected = findings.filter((finding) => !isKnown(finding));
    expect(unexpected.map((f) => `${f.Rule.Id} ${f.Filename.replace(/.*\//, '')} ${f.Location.Path.join('/')}: ${f.Message}`)).toEqual([]);
    const version = spawnSync(CFN_LINT, ['--version'], { encoding: 'utf8' }).stdout.trim();
    console.log(`${version} linted ${files.length} templates (dev, prod, prod with SMS registrations): ${findings.length} known findings (${[...new Set(findings.map((f) => f.Rule.Id))].join(', ') || 'none'}), nothing else.`);
  } finally {
    log.mockRestore();
  }
});

test('every Ref and Fn::GetAtt points at a resource, parameter or pseudo parameter of its own template', () => {
  for (const file of synths.flatMap(templateFiles)) {
    const template = JSON.parse(readFileSync(file, 'utf8')) as { Resources: Record<string, { Type: string }>; Parameters?: Record<string, unknown> };
    const known = new Set([...Object.keys(template.Resources), ...Object.keys(template.Parameters ?? {})]);
    const dangling: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (typeof node !== 'object' || node === null) return;
      for (const [key, value] of Object.entries(node)) {
        if (key === 'Ref' && typeof value === 'string' && !value.startsWith('AWS::') && !known.has(value)) dangling.push(value);
        if (key === 'Fn::GetAtt' && Array.isArray(value) && !known.has(value[0] as string)) dangling.push(String(value[0]));
        walk(value);
      }
    };
    walk(template.Resources);
    expect({ file: file.replace(/.*\//, ''), dangling }).toEqual({ file: file.replace(/.*\//, ''), dangling: [] });
    for (const resource of Object.values(template.Resources)) expect(resource.Type).toMatch(/^(AWS::\w+::\w+|Custom::\w+)$/);
  }
});
