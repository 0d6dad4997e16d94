import { apiHandler } from '../../shared/http/api-handler.js';
import { rdEscalationView } from '../../shared/http/views.js';
import { RdQueueQuery } from '../../shared/schemas/follow-ups.js';
import { rdDeps } from '../../shared/store/network-container.js';
import { listRdQueue } from '../../shared/usecases/rd-escalations.js';

export const handler = apiHandler({ query: RdQueueQuery }, async ({ query }) => {
  const page = await listRdQueue(rdDeps, { limit: query.limit ?? 20, cursor: query.cursor });
  return { status: 200, body: { items: page.items.map(rdEscalationView), nextCursor: page.nextCursor } };
});
