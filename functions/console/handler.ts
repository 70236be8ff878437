import httpUrlencodeBodyParser from '@middy/http-urlencode-body-parser';
import { loadEnv } from '../../shared/schemas/env';
import { consoleDeps } from '../../shared/console/console-deps';
import { handleConsole } from '../../shared/console/console-flow';
import { messagePage } from '../../shared/console/pages';
import { baseUrl, pageRoute, page, type HttpEvent } from '../../shared/http/stack';
import type { Approved } from '../../shared/cycle/approval';
import { bucketOrigin } from '../../shared/aws/sigv4';

const env = loadEnv('console');

/**
 * Locally there is no state machine to hand a token back to: the local runtime names its runner
 * module, and approval resumes the cycle in this process, as the state machine would.
 */
async function resumeLocally(approved: Approved): Promise<boolean> {
  const runner = process.env.PILLAR7_LOCAL_RUNNER;
  if (!runner) return false;
  const { resumeAfterApproval } = (await import(/* @vite-ignore */ runner)) as {
    resumeAfterApproval: (cycleId: string, force: boolean) => Promise<unknown>;
  };
  await resumeAfterApproval(approved.cycleId, approved.resend);
  return true;
}

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
