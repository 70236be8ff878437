import httpUrlencodeBodyParser from '@middy/http-urlencode-body-parser';
import { loadEnv } from '../../shared/schemas/env';
import { tokenDeps } from '../../shared/feedback/deps';
import { CycleRepository } from '../../shared/store/cycles';
import { documentClient } from '../../shared/aws/dynamodb';
import { problemPage, showForm, submitForm } from '../../shared/feedback/page-flow';
import type { FormValues } from '../../shared/feedback/form-page';
import { pageRoute, page, type HttpEvent } from '../../shared/http/stack';

const env = loadEnv('http');
const deps = {
  ...tokenDeps(env.TABLE_NAME),
  cycles: new CycleRepository(documentClient(), env.TABLE_NAME),
};

/** GET and POST /f/{formId}: the practitioner's form as a page that needs no JavaScript. */
export const handler = pageRoute(async (event: HttpEvent) => {
  const formId = event.pathParameters?.formId ?? '';
  const outcome =
    event.httpMethod === 'POST'
      ? await submitForm(formId, toFields(event.body), deps, {
          host: event.headers.host,
          origin: event.headers.origin,
          secFetchSite: event.headers['sec-fetch-site'],
        })
      : await showForm(formId, deps);
  const result = page(outcome.statusCode, outcome.html);
  if (outcome.location) result.headers = { ...result.headers, Location: outcome.location };
  return result;
}, problemPage).use(httpUrlencodeBodyParser({ disableContentTypeError: true }));

function toFields(body: unknown): FormValues {
  if (!body || typeof body !== 'object') return {};
  // A repeated field arrives as an array; the last value is the one a person most recently chose.
  return Object.fromEntries(
    Object.entries(body as Record<string, unknown>).map(([k, v]) => [
      k,
      String(Array.isArray(v) ? v.at(-1) : v),
    ]),
  );
}
