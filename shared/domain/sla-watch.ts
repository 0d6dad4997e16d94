/** The SLA flags an open order can carry, in the order they are reached. */
export type SlaFlag = 'at_risk' | 'breached';

const SEVERITY: Record<SlaFlag, number> = { at_risk: 1, breached: 2 };

/** The worse of two flags (an order's state shows the worse of its response and resolution). */
export function worseFlag(a: SlaFlag | null, b: SlaFlag | null): SlaFlag | null {
  if (a === null) return b;
  if (b === null) return a;
  return SEVERITY[a] >= SEVERITY[b] ? a : b;
}

/** An order is at risk once three quarters of its promised time has passed. */
export const AT_RISK_FRACTION = 0.75;

export interface SlaClock {
  /** When the promise started (intake, or receipt of a mailed device). */
  startedAt: string;
  promisedBy: string;
  /**
   * When it becomes at risk, worked out with the promise (in opening time for walk-ins) and moved
   * with it by pauses. Orders from before opening hours have none: 75 % of the span then.
   */
  atRiskAt?: string | null;
}

export function atRiskAt(clock: SlaClock): Date {
  if (clock.atRiskAt) return new Date(clock.atRiskAt);
  const start = Date.parse(clock.startedAt);
  return new Date(start + (Date.parse(clock.promisedBy) - start) * AT_RISK_FRACTION);
}

/** The flag an open order should carry at `now`, or null while it is comfortably on time. */
export function slaFlagAt(clock: SlaClock, now: Date): SlaFlag | null {
  if (now.getTime() >= Date.parse(clock.promisedBy)) return 'breached';
  if (now.getTime() >= atRiskAt(clock).getTime()) return 'at_risk';
  return null;
}

/** When the watch should look at the order next, given the flag it carries; null when nothing is left to flag. */
export function nextSlaCheck(clock: SlaClock, flag: SlaFlag | null): Date | null {
  if (flag === null) return atRiskAt(clock);
  if (flag === 'at_risk') return new Date(clock.promisedBy);
  return null;
}

/** Completion at or before the promise counts as met. */
export function slaMet(clock: Pick<SlaClock, 'promisedBy'>, completedAt: Date): boolean {
  return completedAt.getTime() <= Date.parse(clock.promisedBy);
}
