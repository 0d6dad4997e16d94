import { stageConfig } from '../../infra/config.js';
import { nagReport, type Acknowledgement, type NagViolation } from './support.js';

/**
 * cdk-nag AwsSolutions over the whole app of each stage (all four stacks). Findings that are
 * justified are acknowledged in the stacks, next to their cause and with the reason; anything
 * else fails here. A variant with every SMS registration filled in covers the resources that
 * only exist then (the sender-ID custom resource).
 */
const VARIANTS = [
  ['dev', () => nagReport('dev')],
  ['prod', () => nagReport('prod')],
  // A stage may turn its web ACL off: then APIG3 is acknowledged, with the reason, on that stage only.
  ['dev without WAF', () => nagReport('dev', { ...stageConfig('dev'), waf: false })],
  [
    'prod with SMS registrations',
    () =>
      nagReport('prod', {
        ...stageConfig('prod'),
        sms: { senderId: 'REPAIRS', dltEntityId: '1101234567890123456', dltTemplateIds: { received: '1107000000000000001' }, monthlySpendLimitUsd: 200 },
      }),
  ],
] as const;

describe.each(VARIANTS)('cdk-nag AwsSolutions, %s', (name, run) => {
  let violations: NagViolation[];
  let acknowledgements: Acknowledgement[];

  beforeAll(() => {
    ({ violations, acknowledgements } = run());
  });

  test('no unacknowledged errors (nor warnings)', () => {
    expect(violations.filter((v) => v.severity === 'error')).toEqual([]);
    expect(violations).toEqual([]);
  });

  test('every acknowledgement names one AwsSolutions rule, sits below a stack and gives a real reason', () => {
    expect(acknowledgements.length).toBeGreaterThan(0);
    for (const { id, reason, path } of acknowledgements) {
      expect({ id, path }).toEqual({ id: expect.stringMatching(/^AwsSolutions-[A-Z]+\d+(\[.+\])?$/), path });
      // Not on an app or a whole stack, where it would silence every resource below.
      expect({ id, path }).toEqual({ id, path: expect.stringMatching(/^[^/]+\/.+/) });
      expect({ id, reason }).toEqual({ id, reason: expect.stringMatching(/^.{60,}$/s) });
      expect(reason).not.toMatch(/\b(todo|tbd|fixme|later|temporary)\b/i);
    }
    const apig3 = acknowledgements.filter((a) => a.id === 'AwsSolutions-APIG3');
    expect({ name, apig3: apig3.length }).toEqual({ name, apig3: name === 'dev without WAF' ? 1 : 0 });
    if (name === 'prod with SMS registrations') {
      // One line per distinct finding and reason, for the review.
      const byFinding = new Map<string, string[]>();
      for (const a of acknowledgements) byFinding.set(`${a.id} — ${a.reason}`, [...(byFinding.get(`${a.id} — ${a.reason}`) ?? []), a.path]);
      console.log(
        ['Acknowledged cdk-nag findings (id — reason — where):', ...[...byFinding].map(([finding, paths]) => `  ${finding} — ${paths.length > 1 ? `${paths.length} places, e.g. ` : ''}${paths[0]}`)].join('\n'),
      );
    }
  });
});
