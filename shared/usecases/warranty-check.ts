import type { Warranty } from '../domain/warranty.js';
import { coversToday, underManufacturerWarranty } from '../domain/warranty.js';

/**
 * Is a device coming in for repair still covered? Any active warranty on it (network-wide) or a
 * purchase within the manufacturer period says yes; an active repair warranty also names the
 * order whose repair is being redone (rework), the input to first-time-fix.
 */
export function warrantyAtIntake(
  warranties: Warranty[],
  device: { purchaseDate?: string | null | undefined },
  store: { manufacturerWarrantyMonths: number; timezone: string },
  now: Date,
): { underWarranty: boolean; reworkOf: string | null } {
  const active = warranties.filter((w) => coversToday(w, now));
  const latestRepair = active
    .filter((w) => w.kind === 'repair' && w.orderId)
    .sort((a, b) => b.endsAt.localeCompare(a.endsAt))[0];
  return {
    underWarranty: active.length > 0 || underManufacturerWarranty(device.purchaseDate ?? null, store.manufacturerWarrantyMonths, now, store.timezone),
    reworkOf: latestRepair?.orderId ?? null,
  };
}
