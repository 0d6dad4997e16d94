import { initialStatus, moveOrder, openOrder, type OrderEvent, type RepairOrder } from '../../shared/domain/order.js';
import { InvalidTransitionError, RuleViolationError } from '../../shared/domain/errors.js';
import type { RepairStatus } from '../../shared/domain/status.js';
import type { Channel } from '../../shared/domain/vocabulary.js';
import { errorOf } from './helpers.js';
import { context, intake, open, testStore, STORE_ID } from './order-fixtures.js';

const OPENED_AT = new Date('2026-11-22T09:50:00.000Z');
const sla = testStore().sla;
const at = (iso: string) => ({ by: 'tech_ravi', now: new Date(iso), sla });

describe('openOrder', () => {
  test.each<[Channel, RepairStatus]>([
    ['walk_in', 'received'],
    ['on_site', 'received'],
    ['mail_in', 'awaiting_device'],
  ])('a %s order starts at %s', (channel, expected) => {
    expect(initialStatus(channel)).toBe(expected);
    const { order, event } = openOrder(intake(channel, { distanceKm: 10 }), context(OPENED_AT));
    expect(order.status).toBe(expected);
    expect(event.to).toBe(expected);
  });

  test('builds the whole order from the intake and the context', () => {
    const { order } = openOrder(
      {
        ...intake('walk_in', { category: 'battery' }),
        device: { brand: 'OPPO', model: 'Reno 12', deviceId: '356938035643809', purchaseDate: '2026-03-01' },
        estimate: { amount: '1499.00', currency: 'INR' },
        dataBackupRequested: true,
      },
      context(OPENED_AT),
    );
    expect(order).toEqual<RepairOrder>({
      id: '01JDTESTORDER0000000000000',
      trackingCode: 'K7Q-4M2X-P9A',
      storeId: STORE_ID,
      storeName: 'Koramangala Service Point',
      status: 'received',
      version: 1,
      channel: 'walk_in',
      customer: { name: 'Asha Rao', phone: '+919812345678', language: 'hi', smsOptIn: true, whatsappOptIn: false },
      device: { brand: 'OPPO', model: 'Reno 12', deviceId: '356938035643809', purchaseDate: '2026-03-01' },
      issue: { category: 'battery', description: 'Cracked screen' },
      estimate: { amount: '1499.00', currency: 'INR' },
      dataBackupRequested: true,
      distanceKm: null,
      overseas: false,
      underWarranty: false,
      reworkOf: null,
      promisedBy: '2026-11-22T10:50:00.000Z',
      promiseRiskAt: '2026-11-22T10:35:00.000Z',
      slaStartedAt: OPENED_AT.toISOString(),
      sla: null,
      respondBy: null,
      respondRiskAt: null,
      respondedAt: null,
      responseSla: null,
      pausedAt: null,
      pausedMs: 0,
      slaMet: null,
      personalDataErasedAt: null,
      pageToken: 'pgTOKENpgTOKENpgTOKEN0',
      quote: null,
      approvedQuoteVersion: null,
      createdAt: '2026-11-22T09:50:00.000Z',
      updatedAt: '2026-11-22T09:50:00.000Z',
    });
  });

  test('optional intake fields default to null / false', () => {
    const { order } = openOrder(intake('walk_in'), context(OPENED_AT));
    expect(order.device).toEqual({ brand: 'OPPO', model: 'A78', deviceId: null, purchaseDate: null });
    expect(order.estimate).toBeNull();
    expect(order.dataBackupRequested).toBe(false);
    expect(order.distanceKm).toBeNull();
    expect(order.overseas).toBe(false);
  });

  test('on-site distance and overseas flag are kept on the order', () => {
    const { order } = openOrder(intake('on_site', { distanceKm: 42.5, overseas: true }), context(OPENED_AT));
    expect(order.distanceKm).toBe(42.5);
    expect(order.overseas).toBe(true);
  });

  test('the intake event is version 1, from null, by the store, at creation time', () => {
    const { event } = openOrder(intake('mail_in'), context(OPENED_AT));
    expect(event).toEqual<OrderEvent>({
      version: 1,
      at: '2026-11-22T09:50:00.000Z',
      from: null,
      to: 'awaiting_device',
      by: STORE_ID,
      note: null,
      reason: null,
    });
  });
});

describe('moveOrder', () => {
  const opened = () => open('walk_in', OPENED_AT);

  test('increments the version, sets the status and updatedAt, keeps createdAt', () => {
    const { order } = moveOrder(opened(), { to: 'diagnosing' }, at('2026-11-22T10:00:00.000Z'));
    expect(order.version).toBe(2);
    expect(order.status).toBe('diagnosing');
    expect(order.updatedAt).toBe('2026-11-22T10:00:00.000Z');
    expect(order.createdAt).toBe('2026-11-22T09:50:00.000Z');
  });

  test('the event records from, to, by, note, reason, version and time', () => {
    const { event } = moveOrder(opened(), { to: 'diagnosing', note: 'customer reports it fell in water' }, at('2026-11-22T10:00:00.000Z'));
    expect(event).toEqual<OrderEvent>({
      version: 2,
      at: '2026-11-22T10:00:00.000Z',
      from: 'received',
      to: 'diagnosing',
      by: 'tech_ravi',
      note: 'customer reports it fell in water',
      reason: null,
    });
  });

  test('a cancellation records its reason (and note) on the event', () => {
    const { order, event } = moveOrder(
      opened(),
      { to: 'cancelled', reason: 'customer withdrew', note: 'called at 11:00' },
      at('2026-11-22T11:00:00.000Z'),
    );
    expect(order.status).toBe('cancelled');
    expect(event).toEqual<OrderEvent>({
      version: 2,
      at: '2026-11-22T11:00:00.000Z',
      from: 'received',
      to: 'cancelled',
      by: 'tech_ravi',
      note: 'called at 11:00',
      reason: 'customer withdrew',
    });
  });

  test('note and reason are null when not given', () => {
    const { event } = moveOrder(opened(), { to: 'diagnosing' }, at('2026-11-22T10:00:00.000Z'));
    expect(event.note).toBeNull();
    expect(event.reason).toBeNull();
  });

  test('the estimate is carried over when the move has none', () => {
    const withEstimate = openOrder({ ...intake('walk_in'), estimate: { amount: '999.00', currency: 'INR' } }, context(OPENED_AT)).order;
    const { order } = moveOrder(withEstimate, { to: 'diagnosing' }, at('2026-11-22T10:00:00.000Z'));
    expect(order.estimate).toEqual({ amount: '999.00', currency: 'INR' });
  });

  test('the estimate is replaced when the move carries one', () => {
    const withEstimate = openOrder({ ...intake('walk_in'), estimate: { amount: '999.00', currency: 'INR' } }, context(OPENED_AT)).order;
    const diagnosing = moveOrder(withEstimate, { to: 'diagnosing' }, at('2026-11-22T10:00:00.000Z')).order;
    const { order } = moveOrder(diagnosing, { to: 'awaiting_approval', estimate: { amount: '2499.50', currency: 'INR' } }, at('2026-11-22T10:30:00.000Z'));
    expect(order.estimate).toEqual({ amount: '2499.50', currency: 'INR' });
  });

  test('an estimate can be set on an order that had none', () => {
    const diagnosing = moveOrder(opened(), { to: 'diagnosing' }, at('2026-11-22T10:00:00.000Z')).order;
    expect(diagnosing.estimate).toBeNull();
    const { order } = moveOrder(diagnosing, { to: 'awaiting_approval', estimate: { amount: '1200.00', currency: 'INR' } }, at('2026-11-22T10:30:00.000Z'));
    expect(order.estimate).toEqual({ amount: '1200.00', currency: 'INR' });
  });

  test('does not modify the order it is given', () => {
    const before = opened();
    const snapshot = structuredClone(before);
    moveOrder(before, { to: 'diagnosing', estimate: { amount: '1.00', currency: 'INR' } }, at('2026-11-22T10:00:00.000Z'));
    expect(before).toEqual(snapshot);
  });

  test('leaves identity and intake data untouched', () => {
    const before = opened();
    const { order } = moveOrder(before, { to: 'diagnosing' }, at('2026-11-22T10:00:00.000Z'));
    const { status: _s, version: _v, updatedAt: _u, ...rest } = order;
    const { status: _s0, version: _v0, updatedAt: _u0, ...restBefore } = before;
    expect(rest).toEqual(restBefore);
  });

  test('an invalid move throws InvalidTransitionError listing the allowed moves', () => {
    const error = errorOf(() => moveOrder(opened(), { to: 'completed' }, at('2026-11-22T10:00:00.000Z')), InvalidTransitionError);
    expect([...error.allowed].sort()).toEqual(['cancelled', 'diagnosing']);
  });

  test('a cancellation without a reason throws RuleViolationError on "reason"', () => {
    const error = errorOf(() => moveOrder(opened(), { to: 'cancelled', reason: '  ' }, at('2026-11-22T10:00:00.000Z')), RuleViolationError);
    expect(error.path).toBe('reason');
  });

  test('asking for approval needs an estimate: on the move or already on the order', () => {
    const diagnosing = moveOrder(opened(), { to: 'diagnosing' }, at('2026-11-22T10:00:00.000Z')).order;
    const error = errorOf(() => moveOrder(diagnosing, { to: 'awaiting_approval' }, at('2026-11-22T10:05:00.000Z')), RuleViolationError);
    expect(error.path).toBe('estimate');

    const estimate = { amount: '2499.00', currency: 'INR' };
    expect(moveOrder(diagnosing, { to: 'awaiting_approval', estimate }, at('2026-11-22T10:05:00.000Z')).order.estimate).toEqual(estimate);
    const alreadyEstimated = { ...diagnosing, estimate };
    expect(moveOrder(alreadyEstimated, { to: 'awaiting_approval' }, at('2026-11-22T10:05:00.000Z')).order.status).toBe('awaiting_approval');
  });

  test('a full lifecycle: one version and one chained event per move', () => {
    const first = openOrder(intake('walk_in', { category: 'screen' }), context(OPENED_AT));
    const moves: RepairStatus[] = ['diagnosing', 'awaiting_approval', 'awaiting_parts', 'in_repair', 'quality_check', 'in_repair', 'quality_check', 'ready_for_pickup', 'completed'];
    let order = first.order;
    const history: OrderEvent[] = [first.event];
    moves.forEach((to, i) => {
      const estimate = to === 'awaiting_approval' ? { amount: '1499.00', currency: 'INR' } : undefined;
      const result = moveOrder(order, { to, estimate }, at(new Date(OPENED_AT.getTime() + (i + 1) * 60_000).toISOString()));
      order = result.order;
      history.push(result.event);
    });
    expect(order.status).toBe('completed');
    expect(order.version).toBe(10);
    expect(history.map((e) => e.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(history.map((e) => e.to)).toEqual(['received', ...moves]);
    expect(history.map((e) => e.from)).toEqual([null, 'received', ...moves.slice(0, -1)]);
    expect(order.updatedAt).toBe('2026-11-22T09:59:00.000Z');
    expect(() => moveOrder(order, { to: 'cancelled', reason: 'too late' }, at('2026-11-23T00:00:00.000Z'))).toThrow(InvalidTransitionError);
  });

  test('a mail-in order is received, then follows the normal lifecycle', () => {
    const created = open('mail_in', OPENED_AT);
    const { order, event } = moveOrder(created, { to: 'received', note: 'parcel AWB 1234' }, at('2026-11-24T09:00:00.000Z'));
    expect(order.status).toBe('received');
    expect(order.version).toBe(2);
    expect(event.from).toBe('awaiting_device');
    expect(event.note).toBe('parcel AWB 1234');
    expect(() => moveOrder(created, { to: 'diagnosing' }, at('2026-11-24T09:00:00.000Z'))).toThrow(InvalidTransitionError);
  });
});
