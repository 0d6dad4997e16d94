import { apiHandler } from '../../shared/http/api-handler.js';
import { escalationView, followUpView } from '../../shared/http/views.js';
import { EscalationIdPath, ResolveEscalationBody } from '../../shared/schemas/follow-ups.js';
import { followUpDeps } from '../../shared/store/container.js';
import { resolveEscalationWithCallback } from '../../shared/usecases/follow-ups.js';

export const handler = apiHandler({ path: EscalationIdPath, body: ResolveEscalationBody }, async ({ storeId, path, body }) => {
  const { escalation, callback } = await resolveEscalationWithCallback(followUpDeps, storeId, path.id, body.resolution);
  return { status: 200, body: { ...escalationView(escalation), callback: followUpView(callback) } };
});
