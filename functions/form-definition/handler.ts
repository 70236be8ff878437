import { loadEnv } from '../../shared/schemas/env';
import { tokenDeps } from '../../shared/feedback/deps';
import { publicDefinition } from '../../shared/feedback/public-definition';
import { baseUrl, jsonRoute, json, type HttpEvent } from '../../shared/http/stack';
import { findForm } from '../../shared/feedback/submit';
import { qrSvg } from '../../shared/feedback/qr';

const env = loadEnv('http');
const deps = tokenDeps(env.TABLE_NAME);

/**
 * GET /f/{formId}/qr.svg: the link as a QR code. GET /api/forms/{formId}: the questions, choices and dates, whether or not the form is open; while
 * it is open, with a single-use token for one JSON submission.
 */
export const handler = jsonRoute(async (event: HttpEvent) => {
  const formId = event.pathParameters?.formId ?? '';
  if (!event.path.endsWith('/qr.svg')) return json(200, await publicDefinition(formId, deps));
  // GET /f/{formId}/qr.svg: the form's public link as a QR code, for posters and slides.
  const form = await findForm(formId, deps);
  const link = `${baseUrl(event)}/f/${form.formId}`;
  return {
    statusCode: 200,
    headers: { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'public, max-age=300' },
    body: qrSvg(link, `QR code for ${link}`),
  };
});
