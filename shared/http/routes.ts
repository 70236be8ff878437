/**
 * The public HTTP API (SPEC section 4), declared once: the CDK stack creates exactly these routes and
 * the local adapter serves exactly these, each with the function folder that handles it.
 */
export const ROUTES = [
  { method: 'GET', path: '/f/{formId}', fn: 'form-page' },
  { method: 'POST', path: '/f/{formId}', fn: 'form-page' },
  { method: 'POST', path: '/api/forms/{formId}/responses', fn: 'submit-response' },
  { method: 'GET', path: '/api/forms/{formId}', fn: 'form-definition' },
  { method: 'GET', path: '/healthz', fn: 'health' },
] as const;

export type HttpFunctionName = (typeof ROUTES)[number]['fn'];
export const HTTP_FUNCTIONS = [...new Set(ROUTES.map((r) => r.fn))] as HttpFunctionName[];
