import { API_ROUTES } from '../../functions/routes.js';
import { routePhotoAccess } from '../../infra/photo-access.js';
import { PHOTO_LIFECYCLE_DAYS } from '../../shared/domain/photo.js';
import { label, logicalId, resources, synthStage, type SynthesizedStage } from './support.js';

let dev: SynthesizedStage;
let prod: SynthesizedStage;
beforeAll(() => {
  dev = synthStage('dev', { bundle: false });
  prod = synthStage('prod', { bundle: false });
});
afterAll(() => {
  dev?.dispose();
  prod?.dispose();
});

type Json = Record<string, any>;
const photoBucket = (synth: SynthesizedStage): Json => synth.stateful.toJSON().Resources[logicalId(synth.stacks.stateful.photosBucket)];
const bucketName = (synth: SynthesizedStage) => label(synth, photoBucket(synth).Properties.BucketName);

describe('photo bucket (stateful stack)', () => {
  test('private: every public access blocked, owner-enforced (no ACLs), no website; encrypted; TLS only', () => {
    const { Properties } = photoBucket(dev);
    expect(Properties.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    expect(Properties.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
    expect(Properties.WebsiteConfiguration).toBeUndefined();
    expect(Properties.BucketEncryption.ServerSideEncryptionConfiguration).toEqual([{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }]);
    const policies = Object.values(resources(dev.stateful, 'AWS::S3::BucketPolicy')).filter((p) => label(dev, p.Properties!.Bucket) === 'photosBucket.Ref');
    expect(policies).toHaveLength(1);
    const statements = (policies[0]!.Properties!.PolicyDocument as { Statement: Json[] }).Statement;
    expect(statements).toEqual([expect.objectContaining({ Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]);
    // No bucket policy allows anyone but a named service, and no ACL exists.
    const allows = Object.values(resources(dev.stateful, 'AWS::S3::BucketPolicy')).flatMap((p) => (p.Properties!.PolicyDocument as { Statement: Json[] }).Statement.filter((st) => st.Effect === 'Allow'));
    expect(allows.map((st) => st.Principal)).toEqual([{ Service: 'logging.s3.amazonaws.com' }]);
    expect(Object.values(resources(dev.stateful, 'AWS::S3::Bucket')).filter((b) => (b.Properties as Json).AccessControl !== undefined)).toEqual([]);
  });

  test('CORS lets store apps POST the presigned form and GET the links; nothing else', () => {
    expect(photoBucket(dev).Properties.CorsConfiguration.CorsRules).toEqual([{ AllowedMethods: ['POST', 'GET'], AllowedOrigins: ['*'], AllowedHeaders: ['*'], MaxAge: 3000 }]);
  });

  test('lifecycle: objects under photos/ expire after the conservative retention bound', () => {
    expect(photoBucket(dev).Properties.LifecycleConfiguration.Rules).toEqual([
      { Id: 'photo-retention', Prefix: 'photos/', Status: 'Enabled', ExpirationInDays: PHOTO_LIFECYCLE_DAYS, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } },
    ]);
    // 90 days past the longest repair warranty a store may set, for an order open a year and photographed 30 days after it ended.
    expect(PHOTO_LIFECYCLE_DAYS).toBe(365 + 30 + 3650 + 90);
  });

  test('server access logs go to a private, encrypted log bucket; both are retained in prod like the table', () => {
    const { LoggingConfiguration } = photoBucket(dev).Properties;
    const logs = dev.stateful.toJSON().Resources[LoggingConfiguration.DestinationBucketName.Ref];
    expect(logs.Type).toBe('AWS::S3::Bucket');
    expect(logs.Properties.PublicAccessBlockConfiguration.BlockPublicPolicy).toBe(true);
    expect(logs.Properties.BucketEncryption).toBeDefined();
    for (const bucket of Object.values(resources(prod.stateful, 'AWS::S3::Bucket'))) expect(bucket).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    expect(Object.values(resources(prod.stateful, 'AWS::DynamoDB::GlobalTable'))[0]).toMatchObject({ DeletionPolicy: 'Retain' });
  });

  test('named per stage, account and region; sends its events to EventBridge itself (no notification custom resource)', () => {
    expect(bucketName(dev)).toBe('repair-api-dev-photos-AWS::AccountId.Ref-AWS::Region.Ref');
    expect(photoBucket(dev).Properties.NotificationConfiguration).toEqual({ EventBridgeConfiguration: { EventBridgeEnabled: true } });
    expect(resources(dev.stateful, 'Custom::S3BucketNotifications')).toEqual({});
    expect(resources(dev.stateful, 'AWS::Lambda::Function')).toEqual({});
  });
});

describe('photo check (workers stack)', () => {
  test('an EventBridge rule sends "Object Created" under photos/ of this bucket to the photo check, with retries and a dead-letter queue', () => {
    const rules = Object.values(resources(dev.workers, 'AWS::Events::Rule')).filter((r) => r.Properties!.Name === 'repair-api-dev-photo-check');
    expect(rules).toHaveLength(1);
    const { EventPattern, Targets } = rules[0]!.Properties as Json;
    expect({ ...EventPattern, detail: { ...EventPattern.detail, bucket: { name: EventPattern.detail.bucket.name.map((n: Json) => label(dev, n)) } } }).toEqual({
      source: ['aws.s3'],
      'detail-type': ['Object Created'],
      detail: { bucket: { name: [bucketName(dev)] }, object: { key: [{ prefix: 'photos/' }] } },
    });
    expect(Targets).toHaveLength(1);
    expect(label(dev, Targets[0].Arn)).toBe('fn:photoCheck.Arn');
    expect(label(dev, Targets[0].DeadLetterConfig.Arn)).toBe('dlq:photoCheck.Arn');
    expect(Targets[0].RetryPolicy).toEqual({ MaximumEventAgeInSeconds: 6 * 3600, MaximumRetryAttempts: 4 });
    const async = Object.values(resources(dev.workers, 'AWS::Lambda::EventInvokeConfig')).filter((c) => label(dev, c.Properties!.FunctionName) === 'fn:photoCheck.Ref');
    expect(async).toHaveLength(1);
    expect(async[0]!.Properties).toMatchObject({ MaximumRetryAttempts: 2 });
    expect(label(dev, (async[0]!.Properties as Json).DestinationConfig.OnFailure.Destination)).toBe('dlq:photoCheck.Arn');
    // Only the rule it was written for may hand over undeliverable events.
    const queuePolicy = Object.values(resources(dev.stateful, 'AWS::SQS::QueuePolicy')).find((p) => JSON.stringify(p).includes('PhotoCheckRuleDeadLetters'));
    expect(JSON.stringify(queuePolicy)).toContain('rule/repair-api-dev-photo-check');
  });
});

describe('PHOTOS_BUCKET', () => {
  test('set exactly on the functions with photo access: the photo routes, erasure, the customer page, the photo check and the retention job', () => {
    const variables = (fn: Json) => (fn.Properties.Environment?.Variables ?? {}) as Record<string, unknown>;
    const api = resources(dev.api, 'AWS::Lambda::Function') as Record<string, Json>;
    const withBucket = Object.values(api).filter((fn) => 'PHOTOS_BUCKET' in variables(fn)).map((fn) => fn.Properties.Description).sort();
    expect(withBucket).toEqual(API_ROUTES.filter((route) => routePhotoAccess(route)).map((route) => `${route.method} ${route.path}`).sort());
    expect(withBucket).toEqual(['DELETE /v1/customers/{phone}/personal-data', 'DELETE /v1/repairs/{id}/photos/{photoId}', 'GET /r/{token}', 'GET /v1/repairs/{id}/photos', 'POST /r/{token}/{action}', 'POST /v1/repairs/{id}/photos']);
    for (const fn of Object.values(api).filter((f) => 'PHOTOS_BUCKET' in variables(f))) expect(label(dev, variables(fn).PHOTOS_BUCKET as Json)).toBe(bucketName(dev));
    const workers = resources(dev.workers, 'AWS::Lambda::Function') as Record<string, Json>;
    expect(Object.entries(workers).filter(([, fn]) => 'PHOTOS_BUCKET' in variables(fn)).map(([id]) => id).sort()).toEqual([logicalId(dev.stacks.workers.photoCheck), logicalId(dev.stacks.workers.jobs.photos)].sort());
  });
});
