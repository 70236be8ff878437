import { loadEnv } from '../../shared/schemas/env';
import { tokenDeps } from '../../shared/feedback/deps';
import { publicDefinition } from '../../shared/feedback/public-definition';
import { jsonRoute, json, type HttpEvent } from '../../shared/http/stack';

const env = loadEnv('http');
const deps = tokenDeps(env.TABLE_NAME);

/**
 * GET /api/forms/{formId}: the questions, choices and dates, whether or not the form is open; while
 * it is open, with a single-use token for one JSON submission.
 */
export const handler = jsonRoute(
  async (event: HttpEvent) => json(200, await publicDefinition(event.pathParameters?.formId ?? '', deps)),
  { parseBody: false },
);
