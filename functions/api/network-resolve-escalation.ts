import { apiHandler } from '../../shared/http/api-handler.js';
import { rdEscalationView } from '../../shared/http/views.js';
import { EscalationIdPath, RdResolveBody } from '../../shared/schemas/follow-ups.js';
import { rdDeps } from '../../shared/store/network-container.js';
import { resolveRaised } from '../../shared/usecases/rd-escalations.js';

export const handler = apiHandler({ path: EscalationIdPath, body: RdResolveBody }, async ({ path, body, actor }) => {
  const { escalation, callback } = await resolveRaised(rdDeps, actor!, path.id, body.finding);
  // The callback as HQ may see it: when and which, never whom (the store's queue holds the number).
  return { status: 200, body: { ...rdEscalationView(escalation), callback: { id: callback.id, kind: callback.kind, dueAt: callback.dueAt, state: callback.state } } };
});
