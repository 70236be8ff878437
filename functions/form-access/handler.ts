import httpUrlencodeBodyParser from '@middy/http-urlencode-body-parser';
import { loadEnv } from '../../shared/schemas/env';
import { verifiedDeps } from '../../shared/feedback/verified-deps';
import { sesLinkMailer } from '../../shared/feedback/link-mailer';
import { runtimeConfig } from '../../shared/config/runtime-config';
import { emailPage, linkPage, verifyPage } from '../../shared/feedback/verified-flow';
import { verifiedFormScript } from '../../shared/feedback/client-asset';
import { problemPage } from '../../shared/feedback/page-flow';
import { baseUrl, pageRoute, page, type HttpEvent } from '../../shared/http/stack';

const env = loadEnv('http');
const deps = verifiedDeps(env.TABLE_NAME, { sendLink: sesLinkMailer(runtimeConfig()) });

/**
 * The verified form's pages: GET and POST /f/{formId}/link (a one-time link by e-mail), GET /f/{formId}/v
 * (the page behind it) and GET /assets/verified-form.js (its script).
 */
export const handler = pageRoute(async (event: HttpEvent) => {
  if (event.path.endsWith('/verified-form.js'))
    return {
      statusCode: 200,
      headers: { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'public, max-age=300' },
      body: await verifiedFormScript(),
    };
  const formId = event.pathParameters?.formId ?? '';
  const method = event.httpMethod;
  const outcome = event.path.endsWith('/v')
    ? await verifyPage(formId, deps)
    : method === 'POST'
      ? await linkPage(
          formId,
          String((event.body as unknown as Record<string, unknown> | undefined)?.email ?? ''),
          baseUrl(event),
          deps,
        )
      : await emailPage(formId, deps);
  return page(outcome.statusCode, outcome.html);
}, problemPage).use(httpUrlencodeBodyParser({ disableContentTypeError: true }));
