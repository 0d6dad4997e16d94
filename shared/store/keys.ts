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
  storeOrders: (storeId: string) => `STORE#${storeId}`,
  storeOrdersInStatus: (storeId: string, status: string) => `STORE#${storeId}#STATUS#${status}`,
  newestFirst: (createdAt: string, orderId: string) => `${createdAt}#${orderId}`,
  trackingCode: (code: string) => ({ pk: `TRACK#${code}`, sk: 'TRACK' }),
  store: (storeId: string) => ({ pk: `STORE#${storeId}`, sk: 'STORE' }),
  apiKey: (keyHash: string) => ({ pk: `APIKEY#${keyHash}`, sk: 'APIKEY' }),
  /** Beside the order, outside its "ORDER" sort-key prefix: order reads never fetch markers. */
  smsMarker: (orderId: string, version: number) => ({ pk: `ORDER#${orderId}`, sk: `SMS#${pad(version)}` }),
  smsOptOut: (phoneHash: string) => ({ pk: `OPTOUT#${phoneHash}`, sk: 'OPTOUT' }),
} as const;
