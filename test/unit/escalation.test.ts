import fc from 'fast-check';
import { ConflictError } from '../../shared/domain/errors.js';
import { escalationId, openEscalation, parseEscalationId, resolveEscalation, type Escalation } from '../../shared/domain/escalation.js';
import { followUpId, parseFollowUpId } from '../../shared/domain/follow-up.js';
import { newId } from '../../shared/domain/ids.js';
import { errorOf } from './helpers.js';
import { ORDER_ID } from './domain-fixtures.js';
import { STORE_ID } from './order-fixtures.js';

const OPENED_AT = new Date('2026-11-25T20:05:00.000Z');
const RESOLVED_AT = new Date('2026-11-26T15:45:00.000Z');

const opened = (overrides: { seq?: number; notes?: string } = {}): Escalation =>
  openEscalation({
    orderId: ORDER_ID,
    storeId: STORE_ID,
    followUpId: followUpId(ORDER_ID, 1),
    seq: overrides.seq ?? 1,
    reason: 'customer not satisfied; rating 2/5',
    notes: overrides.notes,
    at: OPENED_AT,
  });

describe('openEscalation', () => {
  test('opens an escalation named after its order and position', () => {
    expect(opened()).toEqual<Escalation>({
      id: `${ORDER_ID}-E1`,
      orderId: ORDER_ID,
      storeId: STORE_ID,
      followUpId: `${ORDER_ID}-F1`,
      state: 'open',
      openedAt: '2026-11-25T20:05:00.000Z',
      reason: 'customer not satisfied; rating 2/5',
      notes: null,
      resolution: null,
      resolvedAt: null,
      raised: null,
    });
  });

  test('keeps the call center’s notes', () => {
    expect(opened({ notes: 'screen flickers again after two days' }).notes).toBe('screen flickers again after two days');
  });

  test('a second escalation on the same order gets the next id', () => {
    expect(opened({ seq: 2 }).id).toBe(`${ORDER_ID}-E2`);
  });
});

describe('resolveEscalation', () => {
  test('records the resolution and when it happened, and nothing else changes', () => {
    const before = opened({ notes: 'n' });
    const after = resolveEscalation(before, 'Display replaced under repair warranty', RESOLVED_AT);
    expect(after).toEqual<Escalation>({
      ...before,
      state: 'resolved',
      resolution: 'Display replaced under repair warranty',
      resolvedAt: '2026-11-26T15:45:00.000Z',
    });
  });

  test('does not change the escalation it was given', () => {
    const before = opened();
    const snapshot = structuredClone(before);
    resolveEscalation(before, 'fixed', RESOLVED_AT);
    expect(before).toEqual(snapshot);
  });

  // The brief said RuleViolationError; the domain now throws ConflictError (HTTP 409 with currentState).
  test('an escalation cannot be resolved twice', () => {
    const resolved = resolveEscalation(opened(), 'fixed', RESOLVED_AT);
    const error = errorOf(() => resolveEscalation(resolved, 'fixed again', new Date('2026-11-27T10:00:00.000Z')), ConflictError);
    expect(error.currentState).toBe('resolved');
  });
});

describe('escalation ids', () => {
  test('format and parse', () => {
    expect(escalationId(ORDER_ID, 1)).toBe(`${ORDER_ID}-E1`);
    expect(parseEscalationId(`${ORDER_ID}-E1`)).toEqual({ orderId: ORDER_ID, seq: 1 });
    expect(parseEscalationId(`${ORDER_ID}-E999`)).toEqual({ orderId: ORDER_ID, seq: 999 });
  });

  test('round-trip for any ULID and seq 1–9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Date.UTC(2100, 0, 1) }), fc.integer({ min: 1, max: 9999 }), (time, seq) => {
        const orderId = newId(time);
        expect(parseEscalationId(escalationId(orderId, seq))).toEqual({ orderId, seq });
      }),
    );
  });

  test('escalation and follow-up ids never parse as each other', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Date.UTC(2100, 0, 1) }), fc.integer({ min: 1, max: 9999 }), (time, seq) => {
        const orderId = newId(time);
        expect(parseFollowUpId(escalationId(orderId, seq))).toBeNull();
        expect(parseEscalationId(followUpId(orderId, seq))).toBeNull();
      }),
    );
  });

  test.each([
    '',
    'garbage',
    ORDER_ID,
    `${ORDER_ID}-E`,
    `${ORDER_ID}-Ex`,
    `${ORDER_ID}-E-1`,
    `${ORDER_ID}-E10000`,
    `${ORDER_ID}-E0`,
    `${ORDER_ID}-E01`,
    `${ORDER_ID}-e1`,
    `${ORDER_ID}-E1\n`,
    `${ORDER_ID}-F1`,
    `${ORDER_ID}X-E1`,
    `${ORDER_ID.toLowerCase()}-E1`,
    '01JDTESTORDER0000000000000-E1',
  ])('%p → null', (id) => {
    expect(parseEscalationId(id)).toBeNull();
  });
});
