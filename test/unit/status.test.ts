import { STATUSES, allowedMoves, isCustomerFacing, isTerminal, type RepairStatus } from '../../shared/domain/status.js';
import { assertTransition } from '../../shared/domain/transition.js';
import { DomainError, InvalidTransitionError, RuleViolationError } from '../../shared/domain/errors.js';
import { errorOf } from './helpers.js';

/**
 * The lifecycle of API.md ("Statuses and moves"), transcribed by hand. It is deliberately NOT
 * read from shared/domain/status.ts: the point is to check the code against the contract.
 */
const API_MD_STATUSES: readonly RepairStatus[] = [
  'awaiting_device',
  'received',
  'diagnosing',
  'awaiting_approval',
  'awaiting_parts',
  'in_repair',
  'quality_check',
  'ready_for_pickup',
  'shipped',
  'completed',
  'cancelled',
];

const EXPECTED_MOVES: Record<RepairStatus, readonly RepairStatus[]> = {
  awaiting_device: ['received', 'cancelled'],
  received: ['diagnosing', 'cancelled'],
  diagnosing: ['awaiting_approval', 'awaiting_parts', 'in_repair', 'cancelled'],
  awaiting_approval: ['awaiting_parts', 'in_repair', 'cancelled'],
  awaiting_parts: ['in_repair', 'cancelled'],
  in_repair: ['awaiting_parts', 'quality_check', 'cancelled'],
  quality_check: ['in_repair', 'ready_for_pickup', 'shipped', 'cancelled'],
  ready_for_pickup: ['completed', 'cancelled'],
  shipped: ['completed', 'cancelled'],
  completed: [],
  cancelled: [],
};

/** "Customer-facing (SMS sent): received, awaiting_approval, ready_for_pickup, shipped, completed, cancelled." */
const EXPECTED_CUSTOMER_FACING: Record<RepairStatus, boolean> = {
  awaiting_device: false,
  received: true,
  diagnosing: false,
  awaiting_approval: true,
  awaiting_parts: false,
  in_repair: false,
  quality_check: false,
  ready_for_pickup: true,
  shipped: true,
  completed: true,
  cancelled: true,
};

const TERMINAL: readonly RepairStatus[] = ['completed', 'cancelled'];
const NON_TERMINAL = API_MD_STATUSES.filter((s) => !TERMINAL.includes(s));

const sorted = (list: readonly string[]) => [...list].sort();

const ALL_PAIRS = API_MD_STATUSES.flatMap((from) => API_MD_STATUSES.map((to) => ({ from, to })));
const ALLOWED_PAIRS: Array<[RepairStatus, RepairStatus]> = ALL_PAIRS.filter(({ from, to }) =>
  EXPECTED_MOVES[from].includes(to),
).map(({ from, to }) => [from, to]);
const REFUSED_PAIRS: Array<[RepairStatus, RepairStatus, readonly RepairStatus[]]> = ALL_PAIRS.filter(
  ({ from, to }) => !EXPECTED_MOVES[from].includes(to),
).map(({ from, to }) => [from, to, EXPECTED_MOVES[from]]);

describe('the expected table itself', () => {
  test('covers all 121 ordered pairs exactly once: 24 allowed, 97 refused', () => {
    expect(ALL_PAIRS).toHaveLength(121);
    expect(new Set(ALL_PAIRS.map(({ from, to }) => `${from}>${to}`)).size).toBe(121);
    expect(ALLOWED_PAIRS).toHaveLength(24);
    expect(REFUSED_PAIRS).toHaveLength(97);
  });

  test('the code knows exactly the 11 statuses of API.md', () => {
    expect(sorted(STATUSES)).toEqual(sorted(API_MD_STATUSES));
    expect(STATUSES).toHaveLength(11);
  });
});

describe('assertTransition: every ordered pair of statuses', () => {
  test.each(ALLOWED_PAIRS)('%s → %s is allowed', (from, to) => {
    const reason = to === 'cancelled' ? 'customer withdrew the device' : undefined;
    expect(() => assertTransition(from, { to, reason })).not.toThrow();
  });

  test.each(REFUSED_PAIRS)('%s → %s is refused (allowed: %j)', (from, to, expectedAllowed) => {
    // A reason is given so that a refusal can only come from the lifecycle, never from the reason rule.
    const error = errorOf(() => assertTransition(from, { to, reason: 'some reason' }), InvalidTransitionError);
    expect(sorted(error.allowed)).toEqual(sorted(expectedAllowed));
    expect(error.from).toBe(from);
    expect(error.to).toBe(to);
    expect(error.kind).toBe('invalid-transition');
    expect(error).toBeInstanceOf(DomainError);
  });
});

describe('allowedMoves', () => {
  test.each(API_MD_STATUSES.map((s) => [s, EXPECTED_MOVES[s]] as const))('from %s: %j', (from, expected) => {
    expect(sorted(allowedMoves(from))).toEqual(sorted(expected));
  });

  test('no status may move to itself', () => {
    for (const status of API_MD_STATUSES) expect(allowedMoves(status)).not.toContain(status);
  });

  test('returns a fresh array each call (callers cannot corrupt the lifecycle)', () => {
    const first = allowedMoves('received');
    first.push('completed');
    expect(sorted(allowedMoves('received'))).toEqual(sorted(['diagnosing', 'cancelled']));
  });
});

describe('terminal statuses', () => {
  test.each(API_MD_STATUSES.map((s) => [s, TERMINAL.includes(s)] as const))('isTerminal(%s) is %s', (status, expected) => {
    expect(isTerminal(status)).toBe(expected);
  });

  test.each(TERMINAL.flatMap((from) => API_MD_STATUSES.map((to) => [from, to] as const)))(
    '%s allows nothing, not even → %s',
    (from, to) => {
      const error = errorOf(() => assertTransition(from, { to, reason: 'late change of mind' }), InvalidTransitionError);
      expect(error.allowed).toEqual([]);
    },
  );

  test.each(TERMINAL)('cancelling a %s order without a reason is still a refused move (409), not a missing reason', (from) => {
    const error = errorOf(() => assertTransition(from, { to: 'cancelled' }), InvalidTransitionError);
    expect(error.allowed).toEqual([]);
  });
});

describe('cancellation requires a non-blank reason', () => {
  const blankReasons: Array<[string, string | undefined]> = [
    ['missing', undefined],
    ['empty', ''],
    ['spaces', '   '],
    ['tabs and newlines', '\t\n \r\n'],
  ];
  const cases = NON_TERMINAL.flatMap((from) => blankReasons.map(([label, reason]) => [from, label, reason] as const));

  test.each(cases)('%s → cancelled with a %s reason → RuleViolationError on "reason"', (from, _label, reason) => {
    const error = errorOf(() => assertTransition(from, { to: 'cancelled', reason }), RuleViolationError);
    expect(error.path).toBe('reason');
    expect(error.kind).toBe('rule-violation');
    expect(error.message).not.toBe('');
  });

  test.each(NON_TERMINAL)('%s → cancelled with a real reason is accepted', (from) => {
    expect(() => assertTransition(from, { to: 'cancelled', reason: ' parts unavailable ' })).not.toThrow();
  });

  test('a reason is not required for other moves', () => {
    expect(() => assertTransition('received', { to: 'diagnosing' })).not.toThrow();
    expect(() => assertTransition('quality_check', { to: 'shipped', reason: '' })).not.toThrow();
  });
});

describe('isCustomerFacing (SMS triggers, API.md)', () => {
  test.each(API_MD_STATUSES.map((s) => [s, EXPECTED_CUSTOMER_FACING[s]] as const))('%s → %s', (status, expected) => {
    expect(isCustomerFacing(status)).toBe(expected);
  });
});
