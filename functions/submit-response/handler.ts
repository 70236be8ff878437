import { loadEnv } from '../../shared/schemas/env';
import { tokenDeps } from '../../shared/feedback/deps';
import { submitResponse } from '../../shared/feedback/submit';
import { jsonBody, jsonRoute, json, type HttpEvent } from '../../shared/http/stack';

const env = loadEnv('http');
const deps = tokenDeps(env.TABLE_NAME);

/** POST /api/forms/{formId}/responses: one anonymous response, as JSON, with its single-use token. */
export const handler = jsonRoute(async (event: HttpEvent) => {
  await submitResponse(event.pathParameters?.formId ?? '', event.body, deps);
  return json(201, { status: 'received' });
}, jsonBody());
