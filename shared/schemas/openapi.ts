import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import * as z from 'zod';
import { orNull, Problem } from './common.js';
import {
  EscalationIdPath,
  EscalationListQuery,
  EscalationView,
  FollowUpIdPath,
  FollowUpListQuery,
  FollowUpOutcomeBody,
  FollowUpView,
  RaiseEscalationBody,
  RdEscalationList,
  RdQueueQuery,
  RdResolveBody,
  RdResolved,
  ResolveEscalationBody,
} from './follow-ups.js';
import { StoreSettingsPatch, StoreSettingsView } from './store-settings.js';
import { AuditList, AuditQuery, IssuedKey, KeyIdPath, KeyList, ListQuery, NetworkSettingsPatchBody, NetworkSettingsView, NewKeyBody, StoreIdPath, StoreKeyPath } from './network.js';
import { CreatedStore, NetworkStoreBody, NetworkStoreList, NetworkStoreView } from './network-stores.js';
import type { NetworkScope } from '../domain/access.js';
import { LookupForm, LookupQuery, PageActionForm, PageActionPath, PageQuery, PageTokenPath } from './customer-page.js';
import { CustomerPhonePath, ErasureResult } from './privacy.js';
import { LeagueQuery, LeagueTableView, MetricsQuery, MetricsView, QualityQuery, QualityView } from './metrics.js';
import { CampaignIdPath, CampaignView, DeviceHistory, DeviceHistoryQuery, DeviceIdPath, RegisterWarrantyBody, WarrantyExtensionBody, WarrantyList, WarrantyView } from './warranties.js';
import { PhotoList, PhotoPath, PhotoUploadView, RequestPhotoUploadBody } from './photos.js';
import { NetworkPriceListView, PriceListBody, PriceListView, ProgrammeBody, ProgrammeView, QuoteBody } from './quotes.js';
import {
  CreateRepairBody,
  ListRepairsQuery,
  MoveRepairBody,
  RepairOrderList,
  RepairOrderView,
  TrackingView,
  TrackQuery,
} from './repair.js';

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: Problem } } });
const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });
const etagHeader = { ETag: { description: 'Order version, to send back in If-Match', schema: { type: 'string' as const } } };
const ifMatch = z.object({ 'if-match': z.string().optional().meta({ description: 'ETag from the last read; stale → 412' }) });
const idempotencyKey = z.object({
  'idempotency-key': z.string().min(1).max(255).optional().meta({ description: 'Replays with the same key and body return the first response' }),
});
const orderId = z.object({ id: z.string().meta({ description: 'Order id (ULID)' }) });
/**
 * The problem answers most routes share, each written once under components.responses and
 * referred to: repeated in full on every route they made the document 158 KB instead of 118.
 */
const SHARED_PROBLEMS: Record<string, string> = {};
const sharedProblem = (name: string, description: string) => {
  SHARED_PROBLEMS[name] = description;
  return { $ref: `#/components/responses/${name}` };
};
/** API Gateway and its firewall answer this on any route, before a handler runs. */
const throttled = {
  429: sharedProblem('TooManyRequests', "Too many requests: over the stage's rate, the store's usage plan or daily quota, or (tracking) the per-address limit; retry after a short wait"),
  // Any handler can meet a fault of ours; it still answers problem+json, without internals.
  500: sharedProblem('InternalError', 'An unexpected fault on our side (logged); the problem carries no internals'),
};
const common = {
  400: sharedProblem('InvalidInput', 'Invalid input; `errors` names each bad field'),
  401: sharedProblem('Unauthorized', 'Missing or unknown API key'),
  403: sharedProblem('Forbidden', 'Not this kind of key (a network key on a store route), the store is suspended (store-suspended), or the key has no usage key on this stage yet'),
  413: sharedProblem('BodyTooLarge', 'The body exceeds 64 KB'),
  ...throttled,
  503: sharedProblem('Busy', 'Busy; retry after the Retry-After header'),
};
const networkForbidden = sharedProblem('NetworkForbidden', 'A store key, or a network key without this route’s scope');
/** What an Idempotency-Key can answer besides the first response. */
const idempotencyAnswers = {
  409: problem('The first request with this Idempotency-Key is still running (idempotency-in-progress); retry after Retry-After'),
  422: problem('This Idempotency-Key was used with another body (idempotency-key-reused)'),
};

const OpenApiDocument = z
  .object({ openapi: z.string(), info: z.object({ title: z.string(), version: z.string() }), paths: z.record(z.string(), z.unknown()) })
  .meta({ id: 'OpenApiDocument', description: 'This document (OpenAPI 3.1)' });

/**
 * OpenAPI 3.1 generated from the same zod schemas the handlers validate with. Built by
 * `npm run generate:api` into openapi.json, which the openapi function serves; never at start.
 */
export function openApiDocument() {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'storeApiKey', { type: 'http', scheme: 'bearer', description: 'Store API key' });
  for (const [name, description] of Object.entries(SHARED_PROBLEMS)) {
    registry.registerComponent('responses', name, { description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });
  }
  registry.registerComponent('securitySchemes', 'networkApiKey', { type: 'http', scheme: 'bearer', description: 'Network (headquarters) API key; each route names the scope it needs' });

  registry.registerPath({
    method: 'post', path: '/v1/repairs', summary: 'Open a repair order', tags: ['repairs'],
    request: { headers: idempotencyKey, body: { content: { 'application/json': { schema: CreateRepairBody } } } },
    responses: {
      201: { ...json(RepairOrderView, 'Created (or, for a replayed Idempotency-Key, the first response)'), headers: { ...etagHeader, Location: { schema: { type: 'string' } } } },
      ...idempotencyAnswers,
      ...common,
    },
  });
  registry.registerPath({
    method: 'get', path: '/v1/repairs', summary: "The store's orders, newest first", tags: ['repairs'],
    request: { query: ListRepairsQuery },
    responses: { 200: json(RepairOrderList, 'One page'), ...common },
  });
  registry.registerPath({
    method: 'get', path: '/v1/repairs/{id}', summary: 'One order with its history', tags: ['repairs'],
    request: { params: orderId },
    responses: { 200: { ...json(RepairOrderView, 'The order'), headers: etagHeader }, 404: problem('No such order in this store'), ...common },
  });
  registry.registerPath({
    method: 'post', path: '/v1/repairs/{id}/status', summary: 'Move an order through its lifecycle', tags: ['repairs'],
    request: { params: orderId, headers: ifMatch, body: { content: { 'application/json': { schema: MoveRepairBody } } } },
    responses: {
      200: { ...json(RepairOrderView, 'Moved'), headers: etagHeader },
      404: problem('No such order in this store'),
      409: problem('Move not allowed from the current status (invalid-transition; `allowed` lists the moves that are), or the order has 500 history events and can only be completed or cancelled (conflict)'),
      412: problem('If-Match is stale, or a concurrent write won'),
      ...common,
    },
  });
  registry.registerPath({
    method: 'get', path: '/v1/track/{trackingCode}', summary: 'Public tracking view (no personal data)', tags: ['tracking'],
    security: [],
    request: { params: z.object({ trackingCode: z.string() }), query: TrackQuery },
    responses: { 200: json(TrackingView, 'Status and timeline'), 400: common[400], 404: problem('Unknown code or wrong phone digits'), ...throttled, 503: common[503] },
  });
  const page = (item: z.ZodType, id: string) => z.object({ items: z.array(item), nextCursor: z.string().nullable() }).meta({ id });
  registry.registerPath({
    method: 'get', path: '/v1/follow-ups', summary: "The store's call queue, oldest due first (full phone numbers)", tags: ['follow-ups'],
    request: { query: FollowUpListQuery },
    responses: { 200: json(page(FollowUpView, 'FollowUpList'), 'One page'), ...common },
  });
  registry.registerPath({
    method: 'post', path: '/v1/follow-ups/{id}/outcome', summary: 'Record a call: not reached → retried next day (3 attempts); unhappy → escalation', tags: ['follow-ups'],
    request: { params: FollowUpIdPath, body: { content: { 'application/json': { schema: FollowUpOutcomeBody } } } },
    responses: {
      200: json(FollowUpView.extend({ escalation: orNull(EscalationView) }), 'Recorded'),
      404: problem('No such call in this store'),
      409: problem('The call is not due (already recorded, or not yet due)'),
      412: problem('Recorded concurrently by someone else'),
      ...common,
    },
  });
  registry.registerPath({
    method: 'get', path: '/v1/escalations', summary: "The store's escalations", tags: ['follow-ups'],
    request: { query: EscalationListQuery },
    responses: { 200: json(page(EscalationView, 'EscalationList'), 'One page'), ...common },
  });
  registry.registerPath({
    method: 'post', path: '/v1/escalations/{id}/resolve', summary: 'Resolve a complaint; plans a callback for the next day', tags: ['follow-ups'],
    request: { params: EscalationIdPath, body: { content: { 'application/json': { schema: ResolveEscalationBody } } } },
    responses: { 200: json(EscalationView.extend({ callback: FollowUpView }), 'Resolved'), 404: problem('No such escalation in this store'), 409: problem('Already resolved, or raised to R&D (R&D resolves it)'), ...common },
  });
  registry.registerPath({
    method: 'post', path: '/v1/escalations/{id}/raise', summary: 'Raise an open escalation to R&D in writing; R&D answers with a finding and the customer is called back', tags: ['follow-ups'],
    request: { params: EscalationIdPath, body: { content: { 'application/json': { schema: RaiseEscalationBody } } } },
    responses: { 200: json(EscalationView, 'Raised'), 404: problem('No such escalation in this store'), 409: problem('Not open (already raised or resolved)'), ...common },
  });
  registry.registerPath({
    method: 'get', path: '/v1/warranties/{deviceId}', summary: 'Warranties on a device, network-wide (no personal data)', tags: ['warranties'],
    request: { params: DeviceIdPath },
    responses: { 200: json(WarrantyList, 'Newest first'), ...common },
  });
  registry.registerPath({
    method: 'post', path: '/v1/warranties', summary: 'Register a manufacturer or extended warranty', tags: ['warranties'],
    request: { headers: idempotencyKey, body: { content: { 'application/json': { schema: RegisterWarrantyBody } } } },
    responses: {
      201: { ...json(WarrantyView, 'Registered (or, for a replayed Idempotency-Key, the first response)'), headers: { Location: { schema: { type: 'string' } } } },
      ...idempotencyAnswers,
      ...common,
    },
  });
  registry.registerPath({
    method: 'post', path: '/v1/repairs/{id}/photos', summary: 'Ask for a photo upload: a presigned S3 POST (10 minutes) for one file of the declared type and at most the declared size', tags: ['photos'],
    request: { params: orderId, body: { content: { 'application/json': { schema: RequestPhotoUploadBody } } } },
    responses: {
      201: json(PhotoUploadView, 'A pending photo: POST multipart/form-data to upload.url with every upload.fields entry, then `file`; it turns ready or rejected once checked'),
      404: problem('No such order in this store'),
      409: problem('The order holds 20 photos already, or it ended more than 30 days ago (conflict)'),
      ...common,
    },
  });
  registry.registerPath({
    method: 'get', path: '/v1/repairs/{id}/photos', summary: "An order's photos; ready ones with a download link valid 15 minutes", tags: ['photos'],
    request: { params: orderId },
    responses: { 200: json(PhotoList, 'Oldest first; uploads whose form expired unused are left out'), 404: problem('No such order in this store'), ...common },
  });
  registry.registerPath({
    method: 'delete', path: '/v1/repairs/{id}/photos/{photoId}', summary: 'Delete a photo (object and record)', tags: ['photos'],
    request: { params: PhotoPath },
    responses: { 204: { description: 'Deleted' }, 404: problem('No such order in this store, or no such photo on it'), ...common },
  });
  registry.registerPath({
    method: 'get', path: '/v1/devices/{deviceId}/history', summary: 'Every repair of a device (IMEI/serial) at any store, newest first; no personal data', tags: ['warranties'],
    request: { params: DeviceIdPath, query: DeviceHistoryQuery },
    responses: { 200: json(DeviceHistory, 'One page'), ...common },
  });
  registry.registerPath({
    method: 'get', path: '/v1/metrics', summary: 'Store KPIs for a period (inclusive days, store time zone, at most 366 days)', tags: ['metrics'],
    request: { query: MetricsQuery },
    responses: { 200: json(MetricsView, 'KPIs'), ...common },
  });
  registry.registerPath({
    method: 'delete', path: '/v1/customers/{phone}/personal-data', summary: "Erase a customer's name and phone from this store's records (statistics stay); idempotent", tags: ['privacy'],
    request: { params: CustomerPhonePath },
    responses: { 200: json(ErasureResult, 'How many orders were erased now'), ...common },
  });
  registry.registerPath({
    method: 'get', path: '/v1/store', summary: "The calling store's settings (defaults filled in)", tags: ['store'],
    responses: { 200: json(StoreSettingsView, 'Settings'), 404: problem('The calling store no longer exists'), ...common },
  });
  registry.registerPath({
    method: 'patch', path: '/v1/store', summary: 'Change any subset of the settings; nested policies merge field by field', tags: ['store'],
    request: { body: { content: { 'application/json': { schema: StoreSettingsPatch } } } },
    responses: { 200: json(StoreSettingsView, 'Settings after the change'), 404: problem('The calling store no longer exists'), ...common },
  });
  const newKey = { body: { content: { 'application/json': { schema: NewKeyBody } } } };
  const keyAnswers = { 404: problem('No such key of this store'), 409: problem("The store's last active key (issue another first)") };
  registry.registerPath({
    method: 'post', path: '/v1/store/keys', summary: 'Issue another key for this store (rotation: issue, move clients, revoke the old one)', tags: ['store'],
    request: newKey,
    responses: { 201: json(IssuedKey, 'The key, shown this once'), 404: problem('The calling store no longer exists'), 409: problem('At most 10 active keys'), ...common },
  });
  registry.registerPath({
    method: 'get', path: '/v1/store/keys', summary: "This store's keys (never the keys themselves)", tags: ['store'],
    responses: { 200: json(KeyList, 'Active and revoked keys'), 404: problem('The calling store no longer exists'), ...common },
  });
  registry.registerPath({
    method: 'delete', path: '/v1/store/keys/{keyId}', summary: 'Revoke one of this store’s keys: its next request is 401', tags: ['store'],
    request: { params: KeyIdPath },
    responses: { 204: { description: 'Revoked (again, if it already was)' }, ...keyAnswers, ...common },
  });

  // The network (headquarters) API: network keys only, each route with the one scope it needs.
  const network = (scope: NetworkScope) => ({ security: [{ networkApiKey: [scope] }] });
  const networkCommon = { ...common, 403: networkForbidden };
  const storeNotFound = { 404: problem('No such store') };
  registry.registerPath({
    method: 'post', path: '/v1/network/stores', summary: 'Onboard a store: its settings (the rules of PATCH /v1/store) and its first key', tags: ['network'], ...network('stores:write'),
    request: { body: { content: { 'application/json': { schema: NetworkStoreBody } } } },
    responses: { 201: json(CreatedStore, 'The store and its first key, shown this once'), ...networkCommon },
  });
  registry.registerPath({
    method: 'get', path: '/v1/network/stores', summary: "The network's stores, newest first", tags: ['network'], ...network('stores:read'),
    request: { query: ListQuery },
    responses: { 200: json(NetworkStoreList, 'One page'), ...networkCommon },
  });
  registry.registerPath({
    method: 'get', path: '/v1/network/stores/{storeId}', summary: 'One store with its state', tags: ['network'], ...network('stores:read'),
    request: { params: StoreIdPath },
    responses: { 200: json(NetworkStoreView, 'The store'), ...storeNotFound, ...networkCommon },
  });
  registry.registerPath({
    method: 'post', path: '/v1/network/stores/{storeId}/keys', summary: 'Issue a key for a store', tags: ['network'], ...network('stores:write'),
    request: { params: StoreIdPath, ...newKey },
    responses: { 201: json(IssuedKey, 'The key, shown this once'), ...storeNotFound, 409: problem('At most 10 active keys'), ...networkCommon },
  });
  registry.registerPath({
    method: 'get', path: '/v1/network/stores/{storeId}/keys', summary: "A store's keys", tags: ['network'], ...network('stores:read'),
    request: { params: StoreIdPath },
    responses: { 200: json(KeyList, 'Active and revoked keys'), ...storeNotFound, ...networkCommon },
  });
  registry.registerPath({
    method: 'delete', path: '/v1/network/stores/{storeId}/keys/{keyId}', summary: "Revoke a store's key: its next request is 401", tags: ['network'], ...network('stores:write'),
    request: { params: StoreKeyPath },
    responses: { 204: { description: 'Revoked' }, ...keyAnswers, ...networkCommon },
  });
  for (const [action, state] of [['suspend', 'suspended'], ['resume', 'active']] as const) {
    registry.registerPath({
      method: 'post', path: `/v1/network/stores/{storeId}/${action}`, summary: `Set the store ${state}: its keys ${state === 'suspended' ? 'answer 403 store-suspended; tracking and jobs go on' : 'work again'}`, tags: ['network'], ...network('stores:write'),
      request: { params: StoreIdPath },
      responses: { 200: json(NetworkStoreView, 'The store'), ...storeNotFound, 409: problem('Its keys changed meanwhile; retry'), ...networkCommon },
    });
  }
  registry.registerPath({
    method: 'get', path: '/v1/network/escalations', summary: "The R&D queue: every store's raised escalations, oldest raised first (no customer name or phone)", tags: ['network'], ...network('escalations:write'),
    request: { query: RdQueueQuery },
    responses: { 200: json(RdEscalationList, 'One page'), ...networkCommon },
  });
  registry.registerPath({
    method: 'post', path: '/v1/network/escalations/{id}/resolve', summary: "R&D's finding: the store's escalation is resolved with it and the customer's callback is planned in the store's queue", tags: ['network'], ...network('escalations:write'),
    request: { params: EscalationIdPath, body: { content: { 'application/json': { schema: RdResolveBody } } } },
    responses: { 200: json(RdResolved, 'Resolved'), 404: problem('No such escalation'), 409: problem('Not raised to R&D (open, or already resolved)'), ...networkCommon },
  });
  registry.registerPath({
    method: 'get', path: '/v1/network/settings', summary: "The network's settings (R&D's SLA), each at its default until HQ sets it", tags: ['network'], ...network('escalations:write'),
    responses: { 200: json(NetworkSettingsView, 'The settings in force'), ...networkCommon },
  });
  registry.registerPath({
    method: 'patch', path: '/v1/network/settings', summary: 'Change any subset of the network settings (a JSON merge patch); audited with the fields changed. Escalations raised from then on are due after the new SLA (within a minute); raised ones keep theirs', tags: ['network'], ...network('escalations:write'),
    request: { body: { content: { 'application/json': { schema: NetworkSettingsPatchBody } } } },
    responses: { 200: json(NetworkSettingsView, 'The settings now in force'), ...networkCommon },
  });
  registry.registerPath({
    method: 'get', path: '/v1/network/metrics', summary: "The league table: every store's KPIs for the period (as GET /v1/metrics) and the network's, sorted, one page", tags: ['network'], ...network('insights:read'),
    request: { query: LeagueQuery },
    responses: { 200: json(LeagueTableView, 'One page of stores, with the network totals'), ...networkCommon },
  });
  registry.registerPath({
    method: 'get', path: '/v1/network/quality', summary: 'Model quality for R&D: per brand × model × issue category, repairs, reworks under warranty, rework %, and where the reworks came back', tags: ['network'], ...network('insights:read'),
    request: { query: QualityQuery },
    responses: { 200: json(QualityView, 'Most reworks first'), ...networkCommon },
  });
  registry.registerPath({
    method: 'post', path: '/v1/network/warranty-extensions', summary: 'Start a warranty extension campaign: every warranty ending in the range (of the models and countries given) gets `days` more, once; a background job does it', tags: ['network', 'warranties'], ...network('warranties:write'),
    request: { body: { content: { 'application/json': { schema: WarrantyExtensionBody } } } },
    responses: { 202: json(CampaignView, 'Started (state running); follow it with GET …/{id}'), ...networkCommon },
  });
  registry.registerPath({
    method: 'get', path: '/v1/network/warranty-extensions/{id}', summary: "A campaign's progress: state, matched, extended", tags: ['network', 'warranties'], ...network('warranties:write'),
    request: { params: CampaignIdPath },
    responses: { 200: json(CampaignView, 'The campaign'), 404: problem('No such campaign'), ...networkCommon },
  });
  registry.registerPath({
    method: 'post', path: '/v1/network/warranty-extensions/{id}/cancel', summary: 'Cancel a running campaign: extensions made stay; no more are made', tags: ['network', 'warranties'], ...network('warranties:write'),
    request: { params: CampaignIdPath },
    responses: { 200: json(CampaignView, 'Cancelled'), 404: problem('No such campaign'), 409: problem('Not running (done or cancelled)'), ...networkCommon },
  });
  registry.registerPath({
    method: 'get', path: '/v1/network/audit', summary: 'Every network action and key change, newest first (kept 400 days)', tags: ['network'], ...network('audit:read'),
    request: { query: AuditQuery },
    responses: { 200: json(AuditList, 'One page'), ...networkCommon },
  });

  // The customer page: HTML for people, not JSON; every error is a page in the customer's language.
  const htmlPage = (description: string) => ({ description, content: { 'text/html': { schema: { type: 'string' as const } } } });
  const seeOther = { description: 'Back to the page (Location), with the confirmation to show', headers: { Location: { schema: { type: 'string' as const } } } };
  const pageErrors = {
    400: htmlPage("A field to correct, named in the customer's language (or the form expired: a bad CSRF token)"),
    404: htmlPage('The one not-found page: unknown, erased or expired link, or a wrong code + digits'),
    413: htmlPage('The body exceeds 64 KB'),
    ...throttled,
    503: htmlPage('Busy; try again shortly'),
  };
  const form = (schema: z.ZodType) => ({ body: { content: { 'application/x-www-form-urlencoded': { schema } } } });
  registry.registerPath({
    method: 'get', path: '/r/{token}', summary: "The customer's repair page (the link in every SMS)", tags: ['customer page'], security: [],
    request: { params: PageTokenPath, query: PageQuery },
    responses: { 200: htmlPage('The page, in the customer\'s language or ?lang='), ...pageErrors },
  });
  registry.registerPath({
    method: 'post', path: '/r/{token}/{action}', summary: 'A form of the page: approve or decline the estimate, rate the repair, report a problem', tags: ['customer page'], security: [],
    request: { params: PageActionPath, ...form(PageActionForm) },
    responses: { 303: seeOther, ...pageErrors },
  });
  registry.registerPath({
    method: 'get', path: '/track', summary: 'The lookup form: tracking code + last 4 digits of the phone', tags: ['customer page'], security: [],
    request: { query: LookupQuery },
    responses: { 200: htmlPage('The form'), ...pageErrors },
  });
  registry.registerPath({
    method: 'post', path: '/track', summary: 'Find the page by tracking code + last 4 digits', tags: ['customer page'], security: [],
    request: form(LookupForm),
    responses: { 303: { ...seeOther, description: "To the order's page (Location)" }, ...pageErrors },
  });
  registry.registerPath({
    method: 'put', path: '/v1/network/prices', summary: 'Replace the network price list (per model or "*", per category, in each country\'s currency)', tags: ['network', 'quotes'], ...network('prices:write'),
    request: { body: { content: { 'application/json': { schema: PriceListBody } } } },
    responses: { 200: json(NetworkPriceListView, 'The list now in force'), ...networkCommon },
  });
  registry.registerPath({
    method: 'post', path: '/v1/network/programs', summary: 'A screen-discount programme: percent off the screen part for models, between two dates', tags: ['network', 'quotes'], ...network('prices:write'),
    request: { body: { content: { 'application/json': { schema: ProgrammeBody } } } },
    responses: { 201: json(ProgrammeView, 'Created'), ...networkCommon },
  });
  registry.registerPath({
    method: 'post', path: '/v1/repairs/{id}/quote', summary: 'Quote the repair from the price list: coverage, programmes, taxes; a new quote version', tags: ['quotes'],
    request: { params: orderId, headers: ifMatch, body: { content: { 'application/json': { schema: QuoteBody } } } },
    responses: {
      200: { ...json(RepairOrderView, 'The order with its new quote; estimate is the quote\'s total (an approved order goes back to awaiting_approval)'), headers: etagHeader },
      404: problem('No such order in this store'),
      409: problem('The order can no longer be quoted (quality check or later)'),
      412: problem('If-Match is stale, or a concurrent write won'),
      ...common,
    },
  });
  registry.registerPath({
    method: 'get', path: '/v1/store/prices', summary: 'The price list in force for the calling store (its country\'s currency and tax)', tags: ['quotes'],
    responses: { 200: json(PriceListView, 'Items in the store\'s currency'), 404: problem('The calling store no longer exists'), ...common },
  });
  registry.registerPath({
    method: 'get', path: '/v1/openapi.json', summary: 'This document', tags: ['meta'], security: [],
    responses: { 200: json(OpenApiDocument, 'OpenAPI 3.1'), ...throttled },
  });

  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Repair tracking API',
      version: '1.0.0',
      description: 'Repair orders, lifecycle and tracking for partner stores. Errors are RFC 9457 problem+json.',
    },
    servers: [{ url: '/' }],
    security: [{ storeApiKey: [] }],
  });
}
