/**
 * Fixtures for the pure scheduling modules (follow-ups, escalations, warranties, quiet hours).
 * The order id here is a real ULID (Crockford base32: no I, L, O or U), so the ids derived from it
 * parse back; the shared order fixture's id ('01JDTESTORDER…') contains an 'O' and would not.
 */
import { openOrder, type RepairOrder } from '../../shared/domain/order.js';
import type { FollowUpOutcome, FollowUpTask } from '../../shared/domain/follow-up.js';
import { context, intake, testStore } from './order-fixtures.js';

export const ORDER_ID = '01JDFQ8Z3M4N5P6R7S8T9VWXYZ';
export const TRACKING_CODE = 'K7Q-4M2X-P9A';

/** The four zones the brief names: three fixed-offset ones (no DST since well before 2010) and one with EU DST. */
export const KOLKATA = 'Asia/Kolkata';
export const SHANGHAI = 'Asia/Shanghai';
export const TBILISI = 'Asia/Tbilisi';
export const BERLIN = 'Europe/Berlin';

/** Hand-known UTC offsets (minutes) of the fixed-offset zones, independent of Intl. */
export const FIXED_OFFSETS: ReadonlyArray<readonly [zone: string, offsetMinutes: number]> = [
  [KOLKATA, 330],
  [SHANGHAI, 480],
  [TBILISI, 240],
];

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Last Sunday of a month (1-based month), as a UTC midnight timestamp. */
function lastSundayUtc(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month, 0));
  return lastDay.getTime() - lastDay.getUTCDay() * 24 * HOUR;
}

/**
 * Europe/Berlin's offset by the EU rule, written out by hand: CEST (+2 h) from 01:00 UTC on the last Sunday
 * of March until 01:00 UTC on the last Sunday of October, CET (+1 h) otherwise.
 */
export function berlinOffsetMinutes(instant: Date): number {
  const year = instant.getUTCFullYear();
  const start = lastSundayUtc(year, 3) + HOUR;
  const end = lastSundayUtc(year, 10) + HOUR;
  return instant.getTime() >= start && instant.getTime() < end ? 120 : 60;
}

/** An order of the test store, with a ULID id. */
export function repairOrder(now = new Date('2026-11-22T09:50:00.000Z')): RepairOrder {
  return openOrder(intake('walk_in'), { ...context(now, testStore()), id: ORDER_ID, trackingCode: TRACKING_CODE }).order;
}

/** What the scheduled job does to a planned task when its time comes. */
export function due(task: FollowUpTask): FollowUpTask {
  return { ...task, state: 'due' };
}

export function notReached(recordedAt: string): FollowUpOutcome {
  return { reached: false, recordedAt };
}

export function reached(recordedAt: string, answers: Omit<FollowUpOutcome, 'reached' | 'recordedAt'> = {}): FollowUpOutcome {
  return { reached: true, ...answers, recordedAt };
}
