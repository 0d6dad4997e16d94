import { moveOrder, openOrder } from '../../shared/domain/order.js';
import { promiseDurationMs, promisedBy, slaClockStartsAtCreation } from '../../shared/domain/sla.js';
import { DEFAULT_SLA } from '../../shared/domain/store-settings.js';
import type { IssueCategory } from '../../shared/domain/vocabulary.js';
import { context, intake, open, testStore, STORE_ID } from './order-fixtures.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const NOW = new Date('2026-11-22T09:50:00.000Z');
const after = (start: Date, ms: number) => new Date(start.getTime() + ms).toISOString();

const defaults = testStore().sla;

describe('built-in defaults (README / task brief)', () => {
  test('are 60 min quick walk-in, 240 min other walk-in, 24 h / 72 h on-site split at 300 km, 72 h mail-in and overseas, 10 h overseas response, paused awaiting approval or parts, hour targets in calendar hours', () => {
    expect(DEFAULT_SLA).toEqual({
      walkInMinutes: 60,
      walkInOtherMinutes: 240,
      onSiteNearHours: 24,
      onSiteFarHours: 72,
      mailInHours: 72,
      overseasHours: 72,
      onSiteNearKm: 300,
      overseasResponseHours: 10,
      pauseStatuses: ['awaiting_approval', 'awaiting_parts'],
      hourTargets: 'calendar',
    });
    expect(defaults).toEqual(DEFAULT_SLA);
  });
});

describe('walk_in', () => {
  const WALK_IN_MINUTES: Array<[IssueCategory, number]> = [
    ['screen', 60],
    ['battery', 60],
    ['charging', 240],
    ['camera', 240],
    ['water_damage', 240],
    ['software', 240],
    ['other', 240],
  ];

  test.each(WALK_IN_MINUTES)('%s → %i minutes', (category, minutes) => {
    expect(promiseDurationMs({ channel: 'walk_in', category }, defaults)).toBe(minutes * MINUTE);
    expect(promisedBy({ channel: 'walk_in', category }, defaults, NOW)).toBe(after(NOW, minutes * MINUTE));
    expect(open('walk_in', NOW, { category }).promisedBy).toBe(after(NOW, minutes * MINUTE));
  });

  test('a screen walk-in opened at 09:50Z is promised by 10:50Z', () => {
    expect(open('walk_in', NOW, { category: 'screen' }).promisedBy).toBe('2026-11-22T10:50:00.000Z');
  });

  test('distance is irrelevant to a walk-in', () => {
    expect(promisedBy({ channel: 'walk_in', category: 'battery', distanceKm: 5000 }, defaults, NOW)).toBe('2026-11-22T10:50:00.000Z');
  });
});

describe('on_site', () => {
  test.each([
    [0, 24],
    [12.5, 24],
    [300, 24],
    [300.1, 72],
    [301, 72],
    [20000, 72],
  ])('%d km → %i h', (distanceKm, hours) => {
    expect(promiseDurationMs({ channel: 'on_site', category: 'screen', distanceKm }, defaults)).toBe(hours * HOUR);
    expect(open('on_site', NOW, { category: 'screen', distanceKm }).promisedBy).toBe(after(NOW, hours * HOUR));
  });

  test('300 km (the boundary) is within: 24 h, crossing midnight', () => {
    expect(open('on_site', NOW, { distanceKm: 300 }).promisedBy).toBe('2026-11-23T09:50:00.000Z');
  });

  test('300.1 km is beyond: 72 h', () => {
    expect(open('on_site', NOW, { distanceKm: 300.1 }).promisedBy).toBe('2026-11-25T09:50:00.000Z');
  });

  test.each<IssueCategory>(['screen', 'battery', 'water_damage', 'other'])('the category (%s) does not change an on-site promise', (category) => {
    expect(promisedBy({ channel: 'on_site', category, distanceKm: 0 }, defaults, NOW)).toBe(after(NOW, 24 * HOUR));
  });

  test('an unknown distance never gets the near promise', () => {
    expect(promiseDurationMs({ channel: 'on_site', category: 'screen' }, defaults)).toBe(72 * HOUR);
    expect(promiseDurationMs({ channel: 'on_site', category: 'screen', distanceKm: null }, defaults)).toBe(72 * HOUR);
  });
});

describe('mail_in: the clock starts when the device is received', () => {
  const RECEIVED_AT = new Date('2026-11-25T14:05:30.000Z');

  test('the clock does not start at creation for mail-in only', () => {
    expect(slaClockStartsAtCreation('mail_in')).toBe(false);
    expect(slaClockStartsAtCreation('walk_in')).toBe(true);
    expect(slaClockStartsAtCreation('on_site')).toBe(true);
  });

  test('openOrder: status awaiting_device, promisedBy null', () => {
    const { order } = openOrder(intake('mail_in'), context(NOW));
    expect(order.status).toBe('awaiting_device');
    expect(order.promisedBy).toBeNull();
  });

  test('the mail-in promise is 72 h', () => {
    expect(promiseDurationMs({ channel: 'mail_in', category: 'camera' }, defaults)).toBe(72 * HOUR);
  });

  test('moving to received sets promisedBy = receipt time + 72 h (not creation + 72 h)', () => {
    const created = open('mail_in', NOW, { category: 'camera' });
    const { order } = moveOrder(created, { to: 'received' }, { by: STORE_ID, now: RECEIVED_AT, sla: defaults });
    expect(order.promisedBy).toBe('2026-11-28T14:05:30.000Z');
  });

  test('later moves do not change the promise', () => {
    const created = open('mail_in', NOW);
    const received = moveOrder(created, { to: 'received' }, { by: STORE_ID, now: RECEIVED_AT, sla: defaults }).order;
    const diagnosing = moveOrder(received, { to: 'diagnosing' }, { by: STORE_ID, now: new Date('2026-11-26T08:00:00.000Z'), sla: defaults }).order;
    const inRepair = moveOrder(diagnosing, { to: 'in_repair' }, { by: STORE_ID, now: new Date('2026-12-10T08:00:00.000Z'), sla: testStore({ mailInHours: 1 }).sla }).order;
    expect(diagnosing.promisedBy).toBe('2026-11-28T14:05:30.000Z');
    expect(inRepair.promisedBy).toBe('2026-11-28T14:05:30.000Z');
  });

  test('cancelling before the device arrives leaves no promise', () => {
    const created = open('mail_in', NOW);
    const { order } = moveOrder(created, { to: 'cancelled', reason: 'never shipped' }, { by: STORE_ID, now: RECEIVED_AT, sla: defaults });
    expect(order.promisedBy).toBeNull();
  });

  test('a walk-in promise is not restarted by later moves', () => {
    const created = open('walk_in', NOW);
    const { order } = moveOrder(created, { to: 'diagnosing' }, { by: STORE_ID, now: RECEIVED_AT, sla: defaults });
    expect(order.promisedBy).toBe('2026-11-22T10:50:00.000Z');
  });

  test('the receipt uses the SLA policy given to the move', () => {
    const created = open('mail_in', NOW);
    const { order } = moveOrder(created, { to: 'received' }, { by: STORE_ID, now: RECEIVED_AT, sla: testStore({ mailInHours: 48 }).sla });
    expect(order.promisedBy).toBe('2026-11-27T14:05:30.000Z');
  });
});

describe('overseas: 72 h whatever the channel', () => {
  test.each([
    ['walk_in', 'screen', undefined],
    ['walk_in', 'software', undefined],
    ['on_site', 'screen', 0],
    ['on_site', 'screen', 300],
    ['on_site', 'battery', 5000],
  ] as const)('%s %s (distance %s) → 72 h', (channel, category, distanceKm) => {
    expect(promiseDurationMs({ channel, category, distanceKm, overseas: true }, defaults)).toBe(72 * HOUR);
    const options = distanceKm === undefined ? { category, overseas: true } : { category, distanceKm, overseas: true };
    expect(open(channel, NOW, options).promisedBy).toBe(after(NOW, 72 * HOUR));
  });

  test('mail_in overseas: no promise until received, then receipt + 72 h', () => {
    const created = open('mail_in', NOW, { overseas: true });
    expect(created.promisedBy).toBeNull();
    const { order } = moveOrder(created, { to: 'received' }, { by: STORE_ID, now: new Date('2026-12-31T22:00:00.000Z'), sla: defaults });
    expect(order.promisedBy).toBe('2027-01-03T22:00:00.000Z');
  });

  test('overseas uses overseasHours, not the channel figure (told apart by a store override)', () => {
    const store = testStore({ overseasHours: 96 });
    expect(open('walk_in', NOW, { category: 'screen', overseas: true }, store).promisedBy).toBe(after(NOW, 96 * HOUR));
    expect(open('on_site', NOW, { distanceKm: 500, overseas: true }, store).promisedBy).toBe(after(NOW, 96 * HOUR));
    const mailIn = open('mail_in', NOW, { overseas: true }, store);
    const { order } = moveOrder(mailIn, { to: 'received' }, { by: STORE_ID, now: NOW, sla: store.sla });
    expect(order.promisedBy).toBe(after(NOW, 96 * HOUR));
  });

  test('overseas: false is the ordinary promise', () => {
    expect(promiseDurationMs({ channel: 'walk_in', category: 'screen', overseas: false }, defaults)).toBe(60 * MINUTE);
  });
});

describe('a store override of SlaPolicy fields is honoured (withDefaults)', () => {
  const store = testStore({ walkInMinutes: 45, onSiteNearKm: 50, onSiteFarHours: 48 });

  test('overridden fields win, every other field keeps its default', () => {
    expect(store.sla).toEqual({
      walkInMinutes: 45,
      walkInOtherMinutes: 240,
      onSiteNearHours: 24,
      onSiteFarHours: 48,
      mailInHours: 72,
      overseasHours: 72,
      onSiteNearKm: 50,
      overseasResponseHours: 10,
      pauseStatuses: ['awaiting_approval', 'awaiting_parts'],
      hourTargets: 'calendar',
    });
  });

  test('withDefaults does not mutate the built-in defaults', () => {
    expect(DEFAULT_SLA.walkInMinutes).toBe(60);
    expect(DEFAULT_SLA.onSiteNearKm).toBe(300);
  });

  test('walk-in screen uses the store figure; other categories keep the default', () => {
    expect(open('walk_in', NOW, { category: 'screen' }, store).promisedBy).toBe(after(NOW, 45 * MINUTE));
    expect(open('walk_in', NOW, { category: 'camera' }, store).promisedBy).toBe(after(NOW, 240 * MINUTE));
  });

  test('on-site uses the store radius and far figure', () => {
    expect(open('on_site', NOW, { distanceKm: 50 }, store).promisedBy).toBe(after(NOW, 24 * HOUR));
    expect(open('on_site', NOW, { distanceKm: 50.5 }, store).promisedBy).toBe(after(NOW, 48 * HOUR));
    expect(open('on_site', NOW, { distanceKm: 200 }, store).promisedBy).toBe(after(NOW, 48 * HOUR));
  });

  test('a full override replaces every figure', () => {
    const custom = testStore({
      walkInMinutes: 30,
      walkInOtherMinutes: 90,
      onSiteNearHours: 12,
      onSiteFarHours: 36,
      mailInHours: 120,
      overseasHours: 240,
      onSiteNearKm: 10,
    });
    expect(promiseDurationMs({ channel: 'walk_in', category: 'battery' }, custom.sla)).toBe(30 * MINUTE);
    expect(promiseDurationMs({ channel: 'walk_in', category: 'other' }, custom.sla)).toBe(90 * MINUTE);
    expect(promiseDurationMs({ channel: 'on_site', category: 'screen', distanceKm: 10 }, custom.sla)).toBe(12 * HOUR);
    expect(promiseDurationMs({ channel: 'on_site', category: 'screen', distanceKm: 11 }, custom.sla)).toBe(36 * HOUR);
    expect(promiseDurationMs({ channel: 'mail_in', category: 'screen' }, custom.sla)).toBe(120 * HOUR);
    expect(promiseDurationMs({ channel: 'mail_in', category: 'screen', overseas: true }, custom.sla)).toBe(240 * HOUR);
  });
});
