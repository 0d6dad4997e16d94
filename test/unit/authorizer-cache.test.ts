/**
 * The deployed path of revocation and suspension: the use case flushes the stage's authorizer
 * cache through API Gateway (FlushStageAuthorizersCache on this API and stage), after the change is
 * stored, and a failed flush is a 503 so the caller retries (revoking again flushes again).
 */
import { APIGatewayClient, FlushStageAuthorizersCacheCommand } from '@aws-sdk/client-api-gateway';
import { mockClient } from 'aws-sdk-client-mock';
import { apiGatewayAuthorizerCache } from '../../shared/gateway/authorizer-cache.js';
import { revokeKey, setStoreState, type KeyDeps, type KeyRepository } from '../../shared/usecases/access-keys.js';
import { noUsageKeyRegistry } from '../../shared/usecases/stores.js';
import { TemporarilyUnavailableError } from '../../shared/domain/errors.js';

const gateway = mockClient(APIGatewayClient);
afterEach(() => gateway.reset());
afterAll(() => gateway.restore());

function deps(events: string[]): KeyDeps {
  const keys = {
    revokeKey: async (_owner: unknown, keyId: string) => void events.push(`revoke ${keyId}`),
    setStoreState: async (storeId: string, state: string) => void events.push(`${state} ${storeId}`),
    storeState: async () => "active" as const,
  } as unknown as KeyRepository;
  const cache = apiGatewayAuthorizerCache('a1b2c3d4e5', 'prod', new APIGatewayClient({ region: 'ap-south-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } }));
  return {
    keys,
    cache: { flush: async () => (events.push('flush'), cache.flush()) },
    usageKeys: noUsageKeyRegistry,
    now: () => new Date('2026-12-01T10:00:00Z'),
  };
}

test('revoking stores the revocation, audits it, then flushes this stage’s authorizer cache', async () => {
  gateway.on(FlushStageAuthorizersCacheCommand).resolves({});
  const events: string[] = [];
  await revokeKey(deps(events), { kind: 'store', storeId: 'store_1' }, 'key_1', async () => void events.push('audit'));
  expect(events).toEqual(['revoke key_1', 'audit', 'flush']);
  expect(gateway.commandCalls(FlushStageAuthorizersCacheCommand).map((c) => c.args[0].input)).toEqual([{ restApiId: 'a1b2c3d4e5', stageName: 'prod' }]);
});

test('suspending and resuming flush too', async () => {
  gateway.on(FlushStageAuthorizersCacheCommand).resolves({});
  const events: string[] = [];
  await setStoreState(deps(events), 'store_1', 'suspended');
  await setStoreState(deps(events), 'store_1', 'active');
  expect(events).toEqual(['suspended store_1', 'flush', 'active store_1', 'flush']);
  expect(gateway.commandCalls(FlushStageAuthorizersCacheCommand)).toHaveLength(2);
});

test('a flush that fails (after the SDK’s retries) fails the revocation, so the caller retries', async () => {
  gateway.on(FlushStageAuthorizersCacheCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'TooManyRequestsException' }));
  const failure = revokeKey(deps([]), { kind: 'store', storeId: 'store_1' }, 'key_1');
  await expect(failure).rejects.toBeInstanceOf(TemporarilyUnavailableError);
  await expect(failure).rejects.toMatchObject({ retryAfterSeconds: 1 });
  // The revocation is stored and audited before the flush: a retry finds it revoked and flushes again.
  const events: string[] = [];
  await expect(revokeKey(deps(events), { kind: 'store', storeId: 'store_1' }, 'key_1', async () => void events.push('audit'))).rejects.toBeInstanceOf(TemporarilyUnavailableError);
  expect(events).toEqual(['revoke key_1', 'audit', 'flush']);
});
