import { newId } from '../domain/ids.js';
import { registeredWarrantyEndsOn, warrantyState, type Warranty } from '../domain/warranty.js';
import { NotFoundError, TemporarilyUnavailableError } from '../domain/errors.js';
import { AlreadyCreatedError, type IdempotencyClaim, type StoreRepository, type WarrantyRepository } from './ports.js';

export interface WarrantyDeps {
  warranties: WarrantyRepository;
  stores: StoreRepository;
  now: () => Date;
}

export type WarrantyWithState = Warranty & { state: 'active' | 'expired' };

/** Every warranty on a device, network-wide, newest first; nothing about its customers. */
export async function warrantiesForDevice(deps: WarrantyDeps, deviceId: string): Promise<WarrantyWithState[]> {
  const now = deps.now();
  const found = await deps.warranties.listByDevice(deviceId);
  return found.map((w) => ({ ...w, state: warrantyState(w, now) })).sort((a, b) => b.startsAt.localeCompare(a.startsAt));
}

export async function registerWarranty(
  deps: WarrantyDeps,
  storeId: string,
  input: { deviceId: string; kind: 'manufacturer' | 'extended' | 'screen_plan'; startsAt: string; months: number },
  claim?: IdempotencyClaim,
): Promise<WarrantyWithState> {
  const store = await deps.stores.get(storeId);
  if (!store) throw new NotFoundError('store', storeId);
  const now = deps.now();
  const warranty: Warranty = {
    id: `wr_${newId(now.getTime())}`,
    deviceId: input.deviceId,
    kind: input.kind,
    startsAt: input.startsAt,
    endsAt: registeredWarrantyEndsOn(input.startsAt, input.months),
    orderId: null,
    storeId,
    timezone: store.timezone,
    createdAt: now.toISOString(),
  };
  try {
    await deps.warranties.register(warranty, claim);
    return { ...warranty, state: warrantyState(warranty, now) };
  } catch (error) {
    if (!(error instanceof AlreadyCreatedError)) throw error;
    // The same request under the same Idempotency-Key registered it before: answer with that one.
    // The device's list is read eventually consistent: if it does not show it yet, retry shortly.
    const registered = (await deps.warranties.listByDevice(input.deviceId)).find((w) => w.id === error.id);
    if (!registered) throw new TemporarilyUnavailableError(1);
    return { ...registered, state: warrantyState(registered, now) };
  }
}
