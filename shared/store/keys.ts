/**
 * Every key of every item type, in one place (ElectroDB-style). The order and its history share
 * a partition whose sort keys all begin with "ORDER", so one Query with begins_with reads both
 * and nothing else that lives beside them (follow-ups, SMS markers).
 */
const pad = (n: number) => n.toString().padStart(8, '0');

export const keys = {
  order: (orderId: string) => ({ pk: `ORDER#${orderId}`, sk: 'ORDER' }),
  orderEvent: (orderId: string, version: number) => ({ pk: `ORDER#${orderId}`, sk: `ORDER#EVENT#${pad(version)}` }),
  orderPartition: (orderId: string) => `ORDER#${orderId}`,
  orderAndHistoryPrefix: 'ORDER',
  /**
   * What the customer said on their page, inside the "ORDER" prefix so the page's one Query reads
   * it with the order (order reads for everyone else skip these item types).
   */
  pageRating: (orderId: string) => ({ pk: `ORDER#${orderId}`, sk: 'ORDER#FEEDBACK#RATING' }),
  problemReport: (orderId: string, seq: number) => ({ pk: `ORDER#${orderId}`, sk: `ORDER#FEEDBACK#PROBLEM#${pad(seq)}` }),
  storeOrders: (storeId: string) => `STORE#${storeId}`,
  storeOrdersInStatus: (storeId: string, status: string) => `STORE#${storeId}#STATUS#${status}`,
  newestFirst: (createdAt: string, orderId: string) => `${createdAt}#${orderId}`,
  trackingCode: (code: string) => ({ pk: `TRACK#${code}`, sk: 'TRACK' }),
  /** The customer page's lookup: its random token → the order (and the key of its CSRF tokens). */
  pageLink: (token: string) => ({ pk: `PAGE#${token}`, sk: 'PAGE' }),
  store: (storeId: string) => ({ pk: `STORE#${storeId}`, sk: 'STORE' }),
  apiKey: (keyHash: string) => ({ pk: `APIKEY#${keyHash}`, sk: 'APIKEY' }),
  /** A key's public description (label, prefix, state) in its owner's partition: a store's, or the network's. */
  keyInfo: (ownerPartition: string, keyId: string) => ({ pk: ownerPartition, sk: `KEY#${keyId}` }),
  keyInfoPrefix: 'KEY#',
  storePartition: (storeId: string) => `STORE#${storeId}`,
  networkPartition: 'NETWORK',
  /** The store's access state: active key count (never below one) and active | suspended. */
  storeAccess: (storeId: string) => ({ pk: `STORE#${storeId}`, sk: 'ACCESS' }),
  /** Every store in gsi1 under one network-level partition, by id (ids are ULIDs: oldest first). */
  networkStores: 'NETWORK#STORES',
  /** The audit log: one partition, sorted by time (network actions are rare: a few per minute at most). */
  auditPartition: 'AUDIT',
  auditEntry: (at: string, id: string) => ({ pk: 'AUDIT', sk: `${at}#${id}` }),
  smsOptOut: (phoneHash: string) => ({ pk: `OPTOUT#${phoneHash}`, sk: 'OPTOUT' }),
  /** A STOP written on WhatsApp: off WhatsApp, SMS consent untouched. */
  whatsappOptOut: (phoneHash: string) => ({ pk: `OPTOUT#${phoneHash}`, sk: 'OPTOUT#WHATSAPP' }),
  /** A WhatsApp message by the id its delivery events carry: which update it was, how it went. */
  whatsappMessage: (messageId: string) => ({ pk: `WAMSG#${messageId}`, sk: 'WAMSG' }),
  metricsPartition: (storeId: string) => `METRICS#${storeId}`,
  metricsDay: (storeId: string, day: string) => ({ pk: `METRICS#${storeId}`, sk: `DAY#${day}` }),
  /** Model quality: one network partition per UTC day, an item per model × brand × category. */
  qualityPartition: (day: string) => `QUALITY#${day}`,
  qualityDay: (day: string, keyId: string) => ({ pk: `QUALITY#${day}`, sk: keyId }),
  /** Beside the order: this change has been counted in the metrics. */
  metricsMarker: (orderId: string, tag: string) => ({ pk: `ORDER#${orderId}`, sk: `AGG#${tag}` }),
  customerOrders: (storeId: string, phoneHash: string) => `CUSTOMER#${storeId}#${phoneHash}`,
  customerOrder: (storeId: string, phoneHash: string, orderId: string) => ({ pk: `CUSTOMER#${storeId}#${phoneHash}`, sk: `ORDER#${orderId}` }),
  /** Beside the order, outside its "ORDER" sort-key prefix, so order reads never fetch markers. */
  smsMarkerTagged: (orderId: string, tag: string) => ({ pk: `ORDER#${orderId}`, sk: `SMS#${tag}` }),
  /** A photo slot beside the order (at most 20), outside its "ORDER" prefix: order reads never fetch photos. */
  photo: (orderId: string, slot: number) => ({ pk: `ORDER#${orderId}`, sk: `PHOTO#${slot.toString().padStart(2, '0')}` }),
  photoPrefix: 'PHOTO#',
  /** gsi5: every order of one device, any store, newest first (sparse: only orders with a deviceId). */
  deviceOrders: (deviceId: string) => `DEVICE#${deviceId}#ORDERS`,
  followUp: (orderId: string, seq: number) => ({ pk: `ORDER#${orderId}`, sk: `FOLLOWUP#${pad(seq)}` }),
  escalation: (orderId: string, seq: number) => ({ pk: `ORDER#${orderId}`, sk: `ESCALATION#${pad(seq)}` }),
  warranty: (deviceId: string, startsAt: string, warrantyId: string) => ({ pk: `DEVICE#${deviceId}`, sk: `WARRANTY#${startsAt}#${warrantyId}` }),
  devicePartition: (deviceId: string) => `DEVICE#${deviceId}`,
  /** gsi2 on warranty items: one partition per month of last covered day, sorted by that day. */
  warrantyEndMonth: (month: string) => `WEXP#${month}`,
  /** Beside the warranty, outside its WARRANTY# prefix: this campaign extended it (never twice). */
  campaignMarker: (deviceId: string, campaignId: string, warrantyId: string) => ({ pk: `DEVICE#${deviceId}`, sk: `WEXT#${campaignId}#${warrantyId}` }),
  campaign: (id: string) => ({ pk: `CAMPAIGN#${id}`, sk: 'CAMPAIGN' }),
  storeFollowUps: (storeId: string, state: string) => `STORE#${storeId}#FOLLOWUPS#${state}`,
  storeEscalations: (storeId: string, state: string) => `STORE#${storeId}#ESCALATIONS#${state}`,
  /** gsi2: the network's R&D queue, escalations while raised (sparse), oldest raised first. */
  rdQueue: 'NETWORK#ESCALATIONS#raised',
  storeSlaFlag: (storeId: string, flag: string) => `STORE#${storeId}#SLA#${flag}`,
  /** The network's settings (R&D's SLA, …): one small item, read once per container a minute at most. */
  networkSettings: { pk: 'NETWORK#SETTINGS', sk: 'SETTINGS' },
  /** The network's price list: one item (at most 2 000 lines, far below DynamoDB's 400 KB). */
  priceList: { pk: 'PRICES#NETWORK', sk: 'PRICES' },
  programmes: 'PROGRAMMES#NETWORK',
  programme: (id: string) => ({ pk: 'PROGRAMMES#NETWORK', sk: `PROGRAMME#${id}` }),
  /** Powertools' idempotency records (first responses to Idempotency-Key requests) share this partition. */
  idempotencyRecords: 'IDEMPOTENCY',
  /** An Idempotency-Key's claim on what its request created, written in the same transaction. */
  idempotencyClaim: (storeId: string, keyHash: string) => ({ pk: `IDEMKEY#${storeId}#${keyHash}`, sk: 'IDEMKEY' }),
  /** One due queue per job in gsi3, sorted by when the work is due. */
  dueQueue: (job: DueJob) => `DUE#${job}`,
  /** Beside an ended order: when its photos go (in the photos job's due queue until then). */
  photoPurge: (orderId: string) => ({ pk: `ORDER#${orderId}`, sk: 'PURGE#PHOTOS' }),
  dueAt: (at: string, id: string) => `${at}#${id}`,
  /** A campaign's notice to one warranty's customer, in gsi3 DUE#WNOTICE (on its marker). */
  noticeDueAt: (at: string, campaignId: string, warrantyId: string) => `${at}#${campaignId}#${warrantyId}`,
} as const;

export type DueJob = 'FOLLOWUP' | 'WARRANTY' | 'SLA' | 'CAMPAIGN' | 'RD' | 'PHOTOS' | 'WNOTICE';

