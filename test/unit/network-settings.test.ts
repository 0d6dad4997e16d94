import { changedSettings, withNetworkDefaults } from '../../shared/domain/network-settings.js';
import { cachedValue } from '../../shared/store/cached-stores.js';

test('a merge patch changes only the fields it names with a new value', () => {
  const current = withNetworkDefaults(null);
  expect(current).toEqual({ rdSlaHours: 72 });
  expect(withNetworkDefaults({ rdSlaHours: 24 })).toEqual({ rdSlaHours: 24 });
  expect(changedSettings(current, {})).toEqual({});
  expect(changedSettings(current, { rdSlaHours: 72 })).toEqual({});
  expect(changedSettings(current, { rdSlaHours: 24 })).toEqual({ rdSlaHours: 24 });
});

test('one cached value: read once per ttl, again after a failed read', async () => {
  let reads = 0;
  let fail = false;
  let clock = 0;
  const cached = cachedValue(
    async () => {
      reads++;
      if (fail) throw new Error('throttled');
      return reads;
    },
    60_000,
    () => clock,
  );
  expect(await cached()).toBe(1);
  clock = 59_999;
  expect(await cached()).toBe(1);
  clock = 60_000;
  fail = true;
  await expect(cached()).rejects.toThrow('throttled');
  fail = false;
  expect(await cached()).toBe(3);
});
