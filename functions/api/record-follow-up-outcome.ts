import { apiHandler } from '../../shared/http/api-handler.js';
import { escalationView, followUpView } from '../../shared/http/views.js';
import { FollowUpIdPath, FollowUpOutcomeBody } from '../../shared/schemas/follow-ups.js';
import { followUpDeps } from '../../shared/store/container.js';
import { recordFollowUpOutcome } from '../../shared/usecases/follow-ups.js';

export const handler = apiHandler({ path: FollowUpIdPath, body: FollowUpOutcomeBody }, async ({ storeId, path, body }) => {
  const { task, escalation } = await recordFollowUpOutcome(followUpDeps, storeId, path.id, body);
  return { status: 200, body: { ...followUpView(task), escalation: escalation && escalationView(escalation) } };
});
