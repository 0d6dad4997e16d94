import { RemovalPolicy } from 'aws-cdk-lib';
import { STAGES, stageConfig } from '../../infra/config.js';

describe('stage config', () => {
  test('defaults to dev', () => {
    expect(stageConfig().stage).toBe('dev');
    expect(stageConfig(undefined).stage).toBe('dev');
  });

  test('refuses an unknown stage, naming the accepted ones', () => {
    expect(() => stageConfig('qa')).toThrow(/Unknown stage "qa": pass -c stage=dev\|prod/);
    expect(() => stageConfig(42)).toThrow(/Unknown stage 42/);
  });

  test('dev is disposable, prod is protected, PITR is on in both', () => {
    expect(stageConfig('dev')).toMatchObject({ removalPolicy: RemovalPolicy.DESTROY, deletionProtection: false, pointInTimeRecovery: true });
    expect(stageConfig('prod')).toMatchObject({ removalPolicy: RemovalPolicy.RETAIN, deletionProtection: true, pointInTimeRecovery: true });
    expect(STAGES.map((s) => stageConfig(s).stage)).toEqual([...STAGES]);
  });
});
