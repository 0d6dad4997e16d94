import { apiHandler } from '../../shared/http/api-handler.js';
import { ProgrammeBody } from '../../shared/schemas/quotes.js';
import { prices } from '../../shared/store/container.js';
import { networkDeps } from '../../shared/store/access-container.js';
import { createProgramme } from '../../shared/usecases/quotes.js';

export const handler = apiHandler({ body: ProgrammeBody }, async ({ body, actor }) => ({
  status: 201,
  body: await createProgramme({ prices, audit: networkDeps.audit, now: networkDeps.now }, actor!, body),
}));
