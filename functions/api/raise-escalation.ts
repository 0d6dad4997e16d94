import { apiHandler } from '../../shared/http/api-handler.js';
import { escalationView } from '../../shared/http/views.js';
import { EscalationIdPath, RaiseEscalationBody } from '../../shared/schemas/follow-ups.js';
import { rdDeps } from '../../shared/store/network-container.js';
import { raiseToRd } from '../../shared/usecases/rd-escalations.js';

export const handler = apiHandler({ path: EscalationIdPath, body: RaiseEscalationBody }, async ({ storeId, path, body }) => ({
  status: 200,
  body: escalationView(await raiseToRd(rdDeps, storeId, path.id, body.summary)),
}));
