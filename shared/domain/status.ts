/**
 * The repair lifecycle of API.md as one table: code (transition checks, SMS triggers)
 * and docs (OpenAPI enum, README) both read it, so they cannot drift apart.
 */
export const STATUSES = [
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
] as const;

export type RepairStatus = (typeof STATUSES)[number];

/** Moves other than cancellation; every non-terminal status may also move to `cancelled`. */
const FORWARD_MOVES: Record<RepairStatus, readonly RepairStatus[]> = {
  awaiting_device: ['received'],
  received: ['diagnosing'],
  diagnosing: ['awaiting_approval', 'awaiting_parts', 'in_repair'],
  awaiting_approval: ['awaiting_parts', 'in_repair'],
  awaiting_parts: ['in_repair'],
  in_repair: ['awaiting_parts', 'quality_check'],
  quality_check: ['in_repair', 'ready_for_pickup', 'shipped'],
  ready_for_pickup: ['completed'],
  shipped: ['completed'],
  completed: [],
  cancelled: [],
};

export const TERMINAL_STATUSES: readonly RepairStatus[] = ['completed', 'cancelled'];

/** Statuses the customer hears about by SMS (API.md); each is also the key of its SMS template. */
export const CUSTOMER_FACING_STATUSES = [
  'received',
  'awaiting_approval',
  'ready_for_pickup',
  'shipped',
  'completed',
  'cancelled',
] as const satisfies readonly RepairStatus[];
export type CustomerFacingStatus = (typeof CUSTOMER_FACING_STATUSES)[number];

export function isTerminal(status: RepairStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

export function allowedMoves(from: RepairStatus): RepairStatus[] {
  if (isTerminal(from)) return [];
  return [...FORWARD_MOVES[from], 'cancelled'];
}

export function isCustomerFacing(status: RepairStatus): status is CustomerFacingStatus {
  return (CUSTOMER_FACING_STATUSES as readonly RepairStatus[]).includes(status);
}
