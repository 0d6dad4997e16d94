import type { DynamoCall, IamNeed } from '../../bench/dynamo-recorder.js';
import { API_ROUTES } from '../../functions/routes.js';
import { SCHEDULED_JOBS } from '../../functions/schedules.js';
import { AGGREGATOR_TABLE_USE, AUTHORIZER_TABLE_USE, JOB_TABLE_USE, NOTIFIER_TABLE_USE, PHOTO_CHECK_TABLE_USE, routeTableUse, WHATSAPP_EVENTS_TABLE_USE, type TableUse } from '../../infra/table-access.js';

/**
 * Every function of the app with its table grant from infra/table-access.ts (null: no table
 * access), named as the IAM grants test reports them: routes by handler, jobs as `job <name>`.
 */
export function functionGrants(): Map<string, TableUse | null> {
  return new Map<string, TableUse | null>([
    ['authorizer', AUTHORIZER_TABLE_USE],
    ...API_ROUTES.map((route): [string, TableUse | null] => [route.handler, routeTableUse(route)]),
    ['notifier', NOTIFIER_TABLE_USE],
    ['aggregator', AGGREGATOR_TABLE_USE],
    ['whatsapp-events', WHATSAPP_EVENTS_TABLE_USE],
    ['photo-check', PHOTO_CHECK_TABLE_USE],
    ...SCHEDULED_JOBS.map((job): [string, TableUse] => [`job ${job.name}`, JOB_TABLE_USE[job.name]]),
  ]);
}

/**
 * One permission, spelt alike for a grant and for a call: `dynamodb:GetItem` on the table, or
 * `dynamodb:Query on index gsi1` — a different IAM resource (infra/constructs/base-function.ts
 * `useTable` grants Query on each listed index, and nothing else on indexes).
 */
const permission = (action: string, index?: string) => (index === undefined ? action : `${action} on index ${index}`);

export function grantedPermissions(use: TableUse | null): string[] {
  if (!use) return [];
  return [...new Set([...use.items.map((action) => permission(`dynamodb:${action}`)), ...(use.indexes ?? []).map((index) => permission('dynamodb:Query', index))])];
}

const neededPermission = (need: IamNeed) => permission(need.action, need.index);

/** Calls whose permissions the grant lacks: each as `<permission> (by <operation>)`, once. */
export function ungranted(calls: DynamoCall[], use: TableUse | null): string[] {
  const granted = new Set(grantedPermissions(use));
  const missing = calls.flatMap((call) => call.iam.filter((need) => !granted.has(neededPermission(need))).map((need) => `${neededPermission(need)} (by ${call.operation})`));
  return [...new Set(missing)].sort();
}

/** Permissions the grant gives that none of the calls needed. */
export function unexercised(calls: DynamoCall[], use: TableUse | null): string[] {
  const used = new Set(calls.flatMap((call) => call.iam.map(neededPermission)));
  return grantedPermissions(use).filter((granted) => !used.has(granted));
}
