import { NotFoundError, PreconditionFailedError, RuleViolationError } from '../domain/errors.js';
import { currencyOf } from '../domain/money.js';
import { storeCalendar } from '../domain/opening-hours.js';
import { quoteOrder } from '../domain/order.js';
import { computeQuote, DEFAULT_TAX_PERCENT, priceFor, type ExtraLine, type PriceItem, type Programme } from '../domain/quote.js';
import { newId } from '../domain/ids.js';
import type { OrderWithHistory, PriceList, PriceRepository } from './ports.js';
import type { AuditActor, AuditLog } from './network.js';
import { getRepair, type RepairDeps } from './repairs.js';

export interface QuoteDeps extends RepairDeps {
  prices: PriceRepository;
}

function storeCurrency(country: string): string {
  const currency = currencyOf(country);
  if (!currency) throw new RuleViolationError('country', `No quoting currency is set up for stores in ${country}`);
  return currency;
}

/**
 * A quote from the network's price list with what covers the customer, stored on the order as a
 * new version (one transaction with its history event, conditioned on the version read, like a move).
 */
export async function quoteRepair(
  deps: QuoteDeps,
  storeId: string,
  orderId: string,
  body: { extraLines?: ExtraLine[] | undefined },
  ifMatchVersion: number | null,
): Promise<OrderWithHistory> {
  const current = await getRepair(deps, storeId, orderId);
  if (ifMatchVersion !== null && ifMatchVersion !== current.order.version) throw new PreconditionFailedError(current.order.version);
  const { order } = current;
  const [store, list, programmes, warranties, reworked] = await Promise.all([
    deps.stores.get(storeId),
    deps.prices.list(),
    deps.prices.programmes(),
    order.device.deviceId ? deps.warranties.listByDevice(order.device.deviceId) : Promise.resolve([]),
    order.reworkOf ? deps.orders.get(order.reworkOf) : Promise.resolve(null),
  ]);
  if (!store) throw new NotFoundError('store', storeId);
  const currency = storeCurrency(store.country);
  const price = priceFor(list?.items ?? [], order.device.model, order.issue.category, currency);
  if (!price) {
    throw new RuleViolationError('price', `The price list has no ${currency} price for ${order.device.model} (or "*") and ${order.issue.category}`);
  }
  const now = deps.now();
  const quote = computeQuote(
    {
      price,
      currency,
      country: store.country,
      taxPercent: list?.taxPercent[store.country],
      extraLines: body.extraLines,
      version: (order.quote?.version ?? 0) + 1,
      facts: {
        orderId: order.id,
        model: order.device.model,
        category: order.issue.category,
        purchaseDate: order.device.purchaseDate,
        manufacturerWarrantyMonths: store.manufacturerWarrantyMonths,
        warranties,
        reworkCategory: reworked?.order.issue.category ?? null,
        programmes,
        now,
        timezone: store.timezone,
      },
    },
    now,
  );
  const moved = quoteOrder(order, quote, { by: storeId, now, sla: store.sla, calendar: storeCalendar(store) });
  await deps.orders.saveMove(order.version, moved.order, moved.event);
  return { order: moved.order, history: [...current.history, moved.event] };
}

/** The list in force for a store: its country's currency and tax, model-specific items and "*". */
export async function storePriceList(deps: Pick<QuoteDeps, 'stores' | 'prices'>, storeId: string) {
  const store = await deps.stores.get(storeId);
  if (!store) throw new NotFoundError('store', storeId);
  const currency = storeCurrency(store.country);
  const list = await deps.prices.list();
  const items = (list?.items ?? []).filter((item) => item.part.currency === currency);
  return { currency, taxPercent: list?.taxPercent[store.country] ?? DEFAULT_TAX_PERCENT[store.country] ?? 0, items };
}

type NetworkPriceDeps = Pick<QuoteDeps, 'prices' | 'now'> & { audit: AuditLog };

/** HQ replaces the whole list (PUT semantics); the audit log says who and how many items. */
export async function replacePriceList(
  deps: NetworkPriceDeps,
  actor: AuditActor,
  body: { items: PriceItem[]; taxPercent?: Record<string, number> | undefined },
): Promise<PriceList> {
  const list: PriceList = { items: body.items, taxPercent: body.taxPercent ?? {}, updatedAt: deps.now().toISOString() };
  await deps.prices.replace(list);
  await deps.audit.record({ at: list.updatedAt, actor, action: 'prices.replace', target: { items: list.items.length } });
  return list;
}

export async function createProgramme(deps: NetworkPriceDeps, actor: AuditActor, body: Omit<Programme, 'id'>): Promise<Programme> {
  const now = deps.now();
  const programme: Programme = { id: `prog_${newId(now.getTime())}`, ...body };
  await deps.prices.addProgramme(programme);
  await deps.audit.record({ at: now.toISOString(), actor, action: 'programme.create', target: { programmeId: programme.id } });
  return programme;
}
