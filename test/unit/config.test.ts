import { loadConfig } from '../../shared/config.js';

describe('loadConfig: the environment, failing at init with the variable named', () => {
  test('reads the table, the ops topic and the DLT registration', () => {
    const config = loadConfig({
      TABLE_NAME: 'repairs',
      OPS_TOPIC_ARN: 'arn:aws:sns:ap-south-1:123456789012:ops',
      SMS_DLT_ENTITY_ID: '1101234567890123456',
      SMS_DLT_TEMPLATE_IDS: '{"received":"1107000000000000001"}',
    });
    expect(config).toEqual({
      tableName: 'repairs',
      opsTopicArn: 'arn:aws:sns:ap-south-1:123456789012:ops',
      dlt: { entityId: '1101234567890123456', templateIds: { received: '1107000000000000001' } },
    });
  });

  test('optional variables may be left out', () => {
    expect(loadConfig({ TABLE_NAME: 'repairs' })).toEqual({ tableName: 'repairs', opsTopicArn: undefined, dlt: { entityId: undefined, templateIds: {} } });
  });

  test.each([
    [{}, /TABLE_NAME: is required/],
    [{ TABLE_NAME: '' }, /TABLE_NAME: must not be empty/],
    [{ TABLE_NAME: 't', OPS_TOPIC_ARN: 'ops' }, /OPS_TOPIC_ARN: must be an SNS topic ARN/],
    [{ TABLE_NAME: 't', SMS_DLT_ENTITY_ID: '' }, /SMS_DLT_ENTITY_ID: must not be empty/],
    [{ TABLE_NAME: 't', SMS_DLT_TEMPLATE_IDS: '{oops' }, /SMS_DLT_TEMPLATE_IDS: must be a JSON object/],
    [{ TABLE_NAME: 't', SMS_DLT_TEMPLATE_IDS: '["1107"]' }, /SMS_DLT_TEMPLATE_IDS: must be a JSON object/],
    [{ TABLE_NAME: 't', SMS_DLT_TEMPLATE_IDS: '{"received":1107}' }, /SMS_DLT_TEMPLATE_IDS: must be a JSON object/],
  ])('%j → %s', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  test('every problem at once', () => {
    expect(() => loadConfig({ OPS_TOPIC_ARN: 'x' })).toThrow('Invalid configuration: TABLE_NAME: is required; OPS_TOPIC_ARN: must be an SNS topic ARN');
  });
});
