import { apiHandler } from '../../shared/http/api-handler.js';
import { escalationView } from '../../shared/http/views.js';
import { EscalationListQuery } from '../../shared/schemas/follow-ups.js';
import { followUpDeps } from '../../shared/store/container.js';
import { listEscalations } from '../../shared/usecases/follow-ups.js';

export const handler = apiHandler({ query: EscalationListQuery }, async ({ storeId, query }) => {
  const page = await listEscalations(followUpDeps, storeId, query.state, query.limit ?? 20, query.cursor);
  return { status: 200, body: { items: page.items.map(escalationView), nextCursor: page.nextCursor } };
});
