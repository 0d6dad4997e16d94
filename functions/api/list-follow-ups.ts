import { apiHandler } from '../../shared/http/api-handler.js';
import { followUpView } from '../../shared/http/views.js';
import { FollowUpListQuery } from '../../shared/schemas/follow-ups.js';
import { followUpDeps } from '../../shared/store/container.js';
import { listFollowUps } from '../../shared/usecases/follow-ups.js';

export const handler = apiHandler({ query: FollowUpListQuery }, async ({ storeId, query }) => {
  const page = await listFollowUps(followUpDeps, storeId, query.state, query.limit ?? 20, query.cursor);
  return { status: 200, body: { items: page.items.map(followUpView), nextCursor: page.nextCursor } };
});
