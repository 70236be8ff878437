import httpUrlencodeBodyParser from '@middy/http-urlencode-body-parser';
import { loadEnv } from '../../shared/schemas/env';
import { consoleDeps } from '../../shared/console/console-deps';
import { handleConsole } from '../../shared/console/console-flow';
import { messagePage } from '../../shared/console/pages';
import { baseUrl, pageRoute, page, type HttpEvent } from '../../shared/http/stack';
import { resumeLocally } from '../../shared/console/local-resume';
import { bucketOrigin } from '../../shared/aws/sigv4';

const env = loadEnv('console');

const deps = consoleDeps(env, resumeLocally);

const fieldsOf = (body: unknown): Record<string, string> =>
  body && typeof body === 'object'
    ? Object.fromEntries(
        Object.entries(body as Record<string, unknown>).map(([k, v]) => [
          k,
          String(Array.isArray(v) ? v.at(-1) : v),
        ]),
      )
    : {};

/** The QA lead's console: every route under /console. */
export const handler = pageRoute(
  async (event: HttpEvent) => {
    const full = baseUrl(event);
    const outcome = await handleConsole(
      {
        method: event.httpMethod,
        path: event.path.replace(/^\/console/, ''),
        query: event.queryStringParameters ?? {},
        fields: fieldsOf(event.body),
        cookie: event.headers.cookie,
        host: event.headers.host,
        origin: event.headers.origin,
        secFetchSite: event.headers['sec-fetch-site'],
        baseUrl: full,
      },
      deps,
    );
    const result = page(outcome.statusCode, outcome.html ?? '');
    result.headers = { ...result.headers, ...outcome.headers };
    return result;
  },
  (problem) => messagePage(problem.message, [], ''),
  // The evidence page's upload form posts the file straight to the bucket.
  { formActions: [bucketOrigin(env.BUCKET_NAME)] },
).use(httpUrlencodeBodyParser({ disableContentTypeError: true }));
