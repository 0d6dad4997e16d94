import { nagViolations } from './support.js';

/**
 * cdk-nag AwsSolutions over each stage. Findings that are justified are acknowledged in the
 * stacks, next to their cause and with the reason; anything else fails here.
 */
describe.each(['dev', 'prod'] as const)('cdk-nag AwsSolutions, %s stage', (stage) => {
  test('no unacknowledged errors (nor warnings)', () => {
    const violations = nagViolations(stage);
    expect(violations.filter((v) => v.severity === 'error')).toEqual([]);
    expect(violations).toEqual([]);
  });
});
