import { loadEnv } from '../../shared/schemas/env';
import { verifiedDeps } from '../../shared/feedback/verified-deps';
import { privateKeyStore } from '../../shared/store/private-key-store';
import { accessFor, issueToken } from '../../shared/feedback/verified';
import { jsonBody, jsonRoute, json, type HttpEvent } from '../../shared/http/stack';

const env = loadEnv('issuing');
const deps = verifiedDeps(env.TABLE_NAME, { store: privateKeyStore(env) });

/**
 * POST /api/forms/{formId}/access (the group's public key, for the link's holder) and
 * POST /api/forms/{formId}/tokens (the blind signature, once per member of staff per cycle).
 */
export const handler = jsonRoute(async (event: HttpEvent) => {
  const formId = event.pathParameters?.formId ?? '';
  const body = (event.body ?? {}) as unknown as Record<string, unknown>;
  if (event.path.endsWith('/access')) return json(200, await accessFor(formId, body.link, deps));
  return json(200, await issueToken(formId, body, deps));
}, jsonBody());
