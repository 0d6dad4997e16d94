import { Match } from 'aws-cdk-lib/assertions';
import { synthStage, type SynthesizedStage } from './support.js';

let prod: SynthesizedStage;

beforeAll(() => {
  prod = synthStage('prod', { bundle: false });
});

afterAll(() => prod?.dispose());

describe('prod stage', () => {
  test('the table is protected: deletion protection, Retain on delete and on replace, PITR', () => {
    prod.stateful.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        Replicas: [
          Match.objectLike({
            DeletionProtectionEnabled: true,
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          }),
        ],
      }),
    });
  });

  test('the stateful stack has termination protection', () => {
    expect(prod.terminationProtection).toBe(true);
  });

  test('log groups outlive the stack', () => {
    const logGroups = [...Object.values(prod.api.findResources('AWS::Logs::LogGroup')), ...Object.values(prod.workers.findResources('AWS::Logs::LogGroup'))];
    expect(logGroups.length).toBeGreaterThan(20);
    for (const logGroup of logGroups) expect(logGroup).toMatchObject({ DeletionPolicy: 'Retain' });
  });

  test('the API is served at stage "prod"', () => {
    prod.api.hasResourceProperties('AWS::ApiGateway::Stage', { StageName: 'prod' });
  });
});
