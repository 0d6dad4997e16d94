import { RemovalPolicy } from 'aws-cdk-lib';
import { STAGES, smsEnvironment, stageConfig, validateStageConfig, type StageConfig } from '../../infra/config.js';
import { loadConfig } from '../../shared/config.js';

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

describe('per-store usage plan', () => {
  test('each stage has one, below its stage-wide throttle', () => {
    for (const stage of STAGES) {
      const { storeUsagePlan, throttle } = stageConfig(stage);
      expect(storeUsagePlan.rateLimit).toBeGreaterThan(0);
      expect(storeUsagePlan.rateLimit).toBeLessThanOrEqual(throttle.rateLimit);
      expect(storeUsagePlan.burstLimit).toBeLessThanOrEqual(throttle.burstLimit);
      expect(storeUsagePlan.quotaPerDay).toBeGreaterThan(0);
    }
  });

  test('a plan above the stage throttle, or with a burst below its rate, is refused', () => {
    const dev = stageConfig('dev');
    expect(() => validateStageConfig({ ...dev, storeUsagePlan: { ...dev.storeUsagePlan, rateLimit: dev.throttle.rateLimit + 1 } })).toThrow(/storeUsagePlan must not exceed the stage throttle/);
    expect(() => validateStageConfig({ ...dev, storeUsagePlan: { rateLimit: 5, burstLimit: 2, quotaPerDay: 10 } })).toThrow(/burstLimit ≥ rateLimit/);
  });
});

describe('SMS settings', () => {
  const dev = stageConfig('dev');
  const withSms = (sms: StageConfig['sms']) => validateStageConfig({ ...dev, sms });

  test('registrations are optional: none gives no DLT environment at all', () => {
    expect(smsEnvironment({})).toEqual({});
    expect(smsEnvironment({ dltTemplateIds: {} })).toEqual({});
  });

  test('DLT IDs become the notifier environment that shared/config.ts parses', () => {
    const sms = { dltEntityId: '1101234567890123456', dltTemplateIds: { received: '1107000000000000001', 'warranty_reminder.hi': '1107000000000000002' } };
    const env = smsEnvironment(withSms(sms).sms);
    expect(env).toEqual({ SMS_DLT_ENTITY_ID: sms.dltEntityId, SMS_DLT_TEMPLATE_IDS: JSON.stringify(sms.dltTemplateIds) });
    expect(loadConfig({ TABLE_NAME: 't', ...env }).dlt).toEqual({ entityId: sms.dltEntityId, templateIds: sms.dltTemplateIds });
  });

  test('refuses what SNS or the templates would not match: bad sender IDs, unknown template keys, non-numeric IDs', () => {
    expect(() => withSms({ senderId: 'REPAIR-SHOP' })).toThrow(/sms.senderId/);
    expect(() => withSms({ senderId: '123456' })).toThrow(/at least one letter/);
    expect(() => withSms({ senderId: 'TWELVECHARSX' })).toThrow(/sms.senderId/);
    expect(() => withSms({ dltTemplateIds: { recieved: '1' } })).toThrow(/unknown template key "recieved"/);
    expect(() => withSms({ dltTemplateIds: { 'received.fr': '1' } })).toThrow(/unknown template key "received.fr"/);
    expect(() => withSms({ dltTemplateIds: { received: 'T-1' } })).toThrow(/sms.dltTemplateIds.received must be the numeric DLT template ID/);
    expect(() => withSms({ dltEntityId: 'PE123' })).toThrow(/sms.dltEntityId/);
    expect(() => withSms({ monthlySpendLimitUsd: 0 })).toThrow(/monthlySpendLimitUsd/);
    expect(withSms({ senderId: 'OPPOCare', dltTemplateIds: { 'received.ta': '1107000000000000003' }, monthlySpendLimitUsd: 50 }).sms.senderId).toBe('OPPOCare');
  });

  test('dev carries the SNS default 1 USD spend limit (the spend alarm has a base); prod registrations are filled in when obtained', () => {
    expect(stageConfig('dev').sms.monthlySpendLimitUsd).toBe(1);
    expect(stageConfig('prod').sms).toEqual({});
  });
});

describe('WAF', () => {
  const dev = stageConfig('dev');
  const withWaf = (waf: StageConfig['waf']) => validateStageConfig({ ...dev, waf });

  test('prod has a web ACL capping bodies at 64 KB and tracking calls per IP; dev the same', () => {
    expect(stageConfig('prod').waf).toEqual({ maxBodyBytes: 64 * 1024, trackRequestsPerIpPer5Minutes: expect.any(Number), pageRequestsPerIpPer5Minutes: expect.any(Number) });
    expect(dev.waf).toEqual(stageConfig('prod').waf);
  });

  test('refuses a body limit WAF cannot inspect on API Gateway (over 64 KB) and a rate below its minimum of 10', () => {
    expect(() => withWaf({ maxBodyBytes: 64 * 1024 + 1, trackRequestsPerIpPer5Minutes: 300, pageRequestsPerIpPer5Minutes: 600 })).toThrow(/waf.maxBodyBytes/);
    expect(() => withWaf({ maxBodyBytes: 0, trackRequestsPerIpPer5Minutes: 300, pageRequestsPerIpPer5Minutes: 600 })).toThrow(/waf.maxBodyBytes/);
    expect(() => withWaf({ maxBodyBytes: 1.5, trackRequestsPerIpPer5Minutes: 300, pageRequestsPerIpPer5Minutes: 600 })).toThrow(/waf.maxBodyBytes/);
    expect(() => withWaf({ maxBodyBytes: 1024, trackRequestsPerIpPer5Minutes: 9, pageRequestsPerIpPer5Minutes: 600 })).toThrow(/waf.trackRequestsPerIpPer5Minutes/);
    expect(() => withWaf({ maxBodyBytes: 1024, trackRequestsPerIpPer5Minutes: 10, pageRequestsPerIpPer5Minutes: 9 })).toThrow(/waf.pageRequestsPerIpPer5Minutes/);
    expect(withWaf({ maxBodyBytes: 1024, trackRequestsPerIpPer5Minutes: 10, pageRequestsPerIpPer5Minutes: 600 }).waf).toEqual({ maxBodyBytes: 1024, trackRequestsPerIpPer5Minutes: 10, pageRequestsPerIpPer5Minutes: 600 });
    expect(withWaf(false).waf).toBe(false);
  });
});
