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
      gateway: undefined,
      usagePlanName: undefined,
      opsTopicArn: 'arn:aws:sns:ap-south-1:123456789012:ops',
      photosBucket: undefined,
      publicBaseUrl: null,
      dlt: { entityId: '1101234567890123456', templateIds: { received: '1107000000000000001' } },
      whatsappMetaApiVersion: 'v20.0',
    });
  });

  test('optional variables may be left out', () => {
    expect(loadConfig({ TABLE_NAME: 'repairs' })).toEqual({
      tableName: 'repairs',
      gateway: undefined,
      usagePlanName: undefined,
      opsTopicArn: undefined,
      photosBucket: undefined,
      publicBaseUrl: null,
      dlt: { entityId: undefined, templateIds: {} },
      whatsappMetaApiVersion: 'v20.0',
    });
    expect(loadConfig({ TABLE_NAME: 'repairs', API_ID: 'abc123', API_STAGE: 'prod', WHATSAPP_META_API_VERSION: 'v21.0' })).toMatchObject({
      gateway: { apiId: 'abc123', stage: 'prod' },
      publicBaseUrl: null,
      whatsappMetaApiVersion: 'v21.0',
    });
  });

  test.each([
    [{}, /TABLE_NAME: is required/],
    [{ TABLE_NAME: '' }, /TABLE_NAME: must not be empty/],
    [{ TABLE_NAME: 't', OPS_TOPIC_ARN: 'ops' }, /OPS_TOPIC_ARN: must be an SNS topic ARN/],
    [{ TABLE_NAME: 't', PHOTOS_BUCKET: 'Not_A_Bucket' }, /PHOTOS_BUCKET: must be an S3 bucket name/],
    [{ TABLE_NAME: 't', WHATSAPP_META_API_VERSION: '20' }, /WHATSAPP_META_API_VERSION: must be a Meta API version/],
    [{ TABLE_NAME: 't', API_ID: 'UPPER' }, /API_ID: must be a REST API id/],
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
