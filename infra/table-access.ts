import type { ApiRoute } from '../functions/routes.js';
import type { ScheduledJob } from '../functions/schedules.js';
import type { IndexName } from '../shared/store/table.js';

/**
 * The DynamoDB item actions the code calls. TransactWriteItems needs no action of its own: IAM
 * checks each Put/Update/Delete in it as PutItem/UpdateItem/DeleteItem. Nothing in shared/ or
 * functions/ uses BatchGetItem, BatchWriteItem, ConditionCheck or Scan, so they are not even spellable here.
 */
export type ItemAction = 'GetItem' | 'Query' | 'PutItem' | 'UpdateItem' | 'DeleteItem';

/** What one function does to the table, read from its code path: granted exactly, nothing more. */
export interface TableUse {
  /** Actions on the table itself (Query here is a Query on the table's own pk/sk). */
  readonly items: readonly ItemAction[];
  /** Indexes the function queries; Query is the only action granted on an index. */
  readonly indexes?: readonly IndexName[];
}

/**
 * Powertools idempotency (shared/http/idempotency.ts → DynamoDBPersistenceLayer): GetItem on a
 * conflict, a conditional PutItem, UpdateItem with the response, and DeleteItem of its own
 * record when the handler fails, so a retry can run again.
 */
const IDEMPOTENCY: readonly ItemAction[] = ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem'];

/**
 * Every API function's table use, by handler (functions/api/<handler>.ts), with the calls that
 * need it. A route of functions/routes.ts that uses the table but is missing here stops the synth.
 */
const ROUTES: Readonly<Record<string, TableUse>> = {
  // stores.get; warranties.listByDevice; orders.create (transaction of Puts, the key's claim among them;
  // GetItem of a refused claim); orders.get to answer a key that already created; Idempotency-Key.
  'create-repair': { items: ['GetItem', 'Query', 'PutItem', ...IDEMPOTENCY] },
  // orders.listByStore: gsi1 (all), gsi2 (?status=), gsi4 (?sla=).
  'list-repairs': { items: [], indexes: ['gsi1', 'gsi2', 'gsi4'] },
  // orders.get: the order and its history in one Query.
  'get-repair': { items: ['Query'] },
  // orders.get; stores.get; orders.saveMove (transaction: Update of the order, Puts of event, calls, warranty).
  'move-repair': { items: ['Query', 'GetItem', 'PutItem', 'UpdateItem'] },
  // orders.findByTrackingCode: GetItem of the code, then orders.get.
  'track-repair': { items: ['GetItem', 'Query'] },
  // followUps.list → readStoreQueue on gsi1.
  'list-follow-ups': { items: [], indexes: ['gsi1'] },
  // followUps.get; followUps.saveOutcome (transaction of Puts).
  'record-follow-up-outcome': { items: ['GetItem', 'PutItem'] },
  // escalations.list → readStoreQueue on gsi1.
  'list-escalations': { items: [], indexes: ['gsi1'] },
  // escalations.get; orders.get; escalations.resolve (transaction of Puts).
  'resolve-escalation': { items: ['GetItem', 'Query', 'PutItem'] },
  // escalations.get; orders.get (Query), stores.get and the network's settings (GetItem, cached a minute); escalations.raise (a conditional Put in a transaction).
  'raise-escalation': { items: ['GetItem', 'Query', 'PutItem'] },
  // The R&D queue: raised escalations of every store in gsi2.
  'network-list-escalations': { items: [], indexes: ['gsi2'] },
  // escalations.get; orders.get (Query); escalations.resolve (transaction of Puts: escalation, callback); audit Put.
  'network-resolve-escalation': { items: ['GetItem', 'Query', 'PutItem'] },
  // The network's settings item (GetItem); a change: read it, Update the changed fields, the audit entry (Put).
  'network-get-settings': { items: ['GetItem'] },
  'network-update-settings': { items: ['GetItem', 'UpdateItem', 'PutItem'] },
  // The league table: the network's stores in gsi1, then one Query per store over its day items.
  'network-get-metrics': { items: ['Query'], indexes: ['gsi1'] },
  // Campaigns: create (Put) and the audit entry (Put); read (Get); cancel (Get, conditional Update, audit Put, Get).
  'network-start-warranty-extension': { items: ['PutItem'] },
  'network-get-warranty-extension': { items: ['GetItem'] },
  'network-cancel-warranty-extension': { items: ['GetItem', 'UpdateItem', 'PutItem'] },
  // Model quality: one Query per network day (QUALITY#<day>).
  'network-get-quality': { items: ['Query'] },
  // warranties.listByDevice.
  'get-warranties': { items: ['Query'] },
  // stores.get; warranties.register (with the key's claim: a transaction of Puts, GetItem of a refused claim);
  // listByDevice to answer a key that already registered; Idempotency-Key.
  'register-warranty': { items: ['GetItem', 'Query', 'PutItem', ...IDEMPOTENCY] },
  // metrics.days: one Query over the store's days.
  'get-metrics': { items: ['Query'] },
  // customerData: orderIdsFor and eraseOrder Query; erasure transactions Update the order, events and
  // escalations, Put calls and Delete the Idempotency-Key record; forget deletes index entries and the opt-out.
  // Photos of the erased orders: listByOrder (Query) and remove (Delete), as above.
  'erase-customer': { items: ['Query', 'PutItem', 'UpdateItem', 'DeleteItem'] },
  // orders.get (the order is the store's); photos.listByOrder (Query of its PHOTO# items); claimSlot (conditional Put).
  'request-photo-upload': { items: ['Query', 'PutItem'] },
  // orders.get; photos.listByOrder.
  'list-photos': { items: ['Query'] },
  // orders.get; photos.listByOrder; photos.remove (conditional Delete).
  'delete-photo': { items: ['Query', 'DeleteItem'] },
  // deviceHistory.listByDevice: one Query on gsi5.
  'get-device-history': { items: [], indexes: ['gsi5'] },
  // orders.get (the order; the repair it redoes); stores.get, the price list (Get); programmes, the device's warranties (Query); saveMove (Update order, Put event).
  'quote-repair': { items: ['Query', 'GetItem', 'PutItem', 'UpdateItem'] },
  // stores.get; the price list (Get).
  'get-store-prices': { items: ['GetItem'] },
  // stores.get.
  'get-store': { items: ['GetItem'] },
  // stores.get; stores.save (conditional Put).
  'update-store': { items: ['GetItem', 'PutItem'] },
  // keys.storeState (store and ACCESS); addKey (transaction: Put key and its description, Update ACCESS); audit Put.
  'issue-store-key': { items: ['GetItem', 'PutItem', 'UpdateItem'] },
  'network-issue-store-key': { items: ['GetItem', 'PutItem', 'UpdateItem'] },
  // keys.storeState; listKeys: the KEY# items of the store's partition.
  'list-store-keys': { items: ['GetItem', 'Query'] },
  'network-list-store-keys': { items: ['GetItem', 'Query'] },
  // The key's description (Get); revoke (transaction: Delete the key, Update its description and ACCESS); audit Put.
  'revoke-store-key': { items: ['GetItem', 'DeleteItem', 'UpdateItem', 'PutItem'] },
  'network-revoke-store-key': { items: ['GetItem', 'DeleteItem', 'UpdateItem', 'PutItem'] },
  // stores.create (transaction of Puts: store, ACCESS, key, its description); audit Puts.
  'network-create-store': { items: ['PutItem'] },
  // The network's stores in gsi1; each one's state (GetItem of store and ACCESS).
  'network-list-stores': { items: ['GetItem'], indexes: ['gsi1'] },
  // stores.get; keys.storeState.
  'network-get-store': { items: ['GetItem'] },
  // keys.storeState; ACCESS and the key list (Get, Query); the state on ACCESS and every active key (Updates); audit Put.
  'network-suspend-store': { items: ['GetItem', 'Query', 'UpdateItem', 'PutItem'] },
  'network-resume-store': { items: ['GetItem', 'Query', 'UpdateItem', 'PutItem'] },
  // The audit partition, newest first.
  'network-audit': { items: ['Query'] },
  // The customer page: the link's lookup (GetItem), the order with its history and feedback (Query);
  // stores.get; warranties.listByDevice (Query) once completed.
  'page-view': { items: ['GetItem', 'Query'] },
  // As page-view, then approve/decline through moveRepair (orders.get, transaction: Update order, Puts of
  // event, calls, warranty; Update of the link's TTL on cancel), rating and problem (transactions of Puts).
  'page-action': { items: ['GetItem', 'Query', 'PutItem', 'UpdateItem'] },
  // orders.findByTrackingCode: GetItem of the code, then the order (Query).
  'page-lookup': { items: ['GetItem', 'Query'] },
  // prices.replace (Put of the list item); the audit entry (Put).
  'network-replace-prices': { items: ['PutItem'] },
  // prices.addProgramme (Put); the audit entry (Put).
  'network-create-program': { items: ['PutItem'] },
};

/**
 * keys.findGrant: one GetItem per key (and API Gateway caches the decision), a second for a legacy
 * key's store state; touchKey (at most hourly: Updates) and a legacy key's migration (Updates, Put).
 */
export const AUTHORIZER_TABLE_USE: TableUse = { items: ['GetItem', 'UpdateItem', 'PutItem'] };

/**
 * stores.get; warranties.listByDevice (the granted repair warranty's end); the SMS ledger: later
 * markers (Query), claim and opt-out record (Put), opt-out check (Get), sent/skipped/release (Update).
 */
export const NOTIFIER_TABLE_USE: TableUse = { items: ['GetItem', 'Query', 'PutItem', 'UpdateItem'] };

/**
 * WhatsApp events: the message record (Get) and its delivery and fallback updates (Update); for a
 * fallback, orders.get (Query), stores.get and the SMS opt-out check (Get), an opt-out record (Put);
 * a STOP reply's WhatsApp opt-out (Put).
 */
export const WHATSAPP_EVENTS_TABLE_USE: TableUse = { items: ['GetItem', 'Query', 'PutItem', 'UpdateItem'] };
/** The photo check: photos.listByOrder (Query) and settle (conditional Update); no other item. */
export const PHOTO_CHECK_TABLE_USE: TableUse = { items: ['Query', 'UpdateItem'] };

/** stores.get (time zone); orders.get (the repair a rework redoes); metrics.addOnce and quality.addOnce (transactions: Put marker, Update day). */
export const AGGREGATOR_TABLE_USE: TableUse = { items: ['GetItem', 'Query', 'PutItem', 'UpdateItem'] };

/** Each job reads its due queue in gsi3 (shared/store/due-queue.ts) and writes only what shared/store/job-queues.ts writes. */
export const JOB_TABLE_USE: Readonly<Record<ScheduledJob['name'], TableUse>> = {
  // followUpQueue.markDue: a conditional Put of the call.
  followups: { items: ['PutItem'], indexes: ['gsi3'] },
  // slaQueue.setFlag and settle: conditional Updates of the order (the order comes from the queue item itself).
  sla: { items: ['UpdateItem'], indexes: ['gsi3'] },
  // warrantyQueue reschedule/expire (Put); orders.get (Query); stores.get and the opt-out check (Get); the SMS ledger (Put, Update).
  warranty: { items: ['GetItem', 'Query', 'PutItem', 'UpdateItem'], indexes: ['gsi3'] },
  // Running campaigns (gsi3), warranties by last day (gsi2); campaign and store reads (Get); each extension a
  // transaction (Put marker and warranty, Update the campaign's counts); the page commit (Update). Its notices:
  // the queue (gsi3; Update to reschedule or take out), orders.get (Query), the opt-out check (Get), the SMS ledger (Put, Update).
  campaigns: { items: ['GetItem', 'Query', 'PutItem', 'UpdateItem'], indexes: ['gsi2', 'gsi3'] },
  // The due orders (gsi3); their photos (Query) and each photo's record (conditional Delete); the purge item (Delete).
  photos: { items: ['Query', 'DeleteItem'], indexes: ['gsi3'] },
};

const WRITES: readonly ItemAction[] = ['PutItem', 'UpdateItem', 'DeleteItem'];

/**
 * The table use of a route's function, or null for routes that never touch the table. Checked
 * against the route's own `tableAccess`: a "read" route cannot be granted a write, and a route
 * that uses the table cannot deploy without an entry above.
 */
export function routeTableUse(route: Pick<ApiRoute, 'handler' | 'tableAccess'>): TableUse | null {
  const use = ROUTES[route.handler];
  if (route.tableAccess === 'none') {
    if (use) throw new Error(`infra/table-access.ts lists ${route.handler}, but functions/routes.ts says it does not use the table`);
    return null;
  }
  if (!use) throw new Error(`infra/table-access.ts has no table use for ${route.handler}: list the DynamoDB calls its code makes`);
  if (route.tableAccess === 'read' && use.items.some((action) => WRITES.includes(action))) {
    throw new Error(`${route.handler} is a read-only route (functions/routes.ts) but infra/table-access.ts grants it a write`);
  }
  return use;
}
