/**
 * The public HTTP API (SPEC section 4), declared once: the CDK stack creates exactly these routes and
 * the local adapter serves exactly these, each with the function folder that handles it.
 */
export const ROUTES = [
  { method: 'GET', path: '/f/{formId}', fn: 'form-page' },
  { method: 'POST', path: '/f/{formId}', fn: 'form-page' },
  { method: 'POST', path: '/api/forms/{formId}/responses', fn: 'submit-response' },
  { method: 'GET', path: '/api/forms/{formId}', fn: 'form-definition' },
  { method: 'GET', path: '/f/{formId}/qr.svg', fn: 'form-definition' },
  // Verified access: a one-time link by e-mail, the page behind it, and the blind-signing of a token.
  { method: 'GET', path: '/f/{formId}/link', fn: 'form-access' },
  { method: 'POST', path: '/f/{formId}/link', fn: 'form-access' },
  { method: 'GET', path: '/f/{formId}/v', fn: 'form-access' },
  { method: 'GET', path: '/assets/verified-form.js', fn: 'form-access' },
  { method: 'POST', path: '/api/forms/{formId}/access', fn: 'issue-token' },
  { method: 'POST', path: '/api/forms/{formId}/tokens', fn: 'issue-token' },
  { method: 'GET', path: '/healthz', fn: 'health' },
  // The QA lead's console (SPEC section 10): signed in, every action checked on the server.
  { method: 'GET', path: '/console', fn: 'console' },
  { method: 'GET', path: '/console/signin', fn: 'console' },
  { method: 'GET', path: '/console/callback', fn: 'console' },
  { method: 'POST', path: '/console/signout', fn: 'console' },
  { method: 'GET', path: '/console/cycles/{cycleId}', fn: 'console' },
  { method: 'POST', path: '/console/cycles/{cycleId}/comments', fn: 'console' },
  { method: 'POST', path: '/console/cycles/{cycleId}/approve', fn: 'console' },
  { method: 'POST', path: '/console/cycles/{cycleId}/form', fn: 'console' },
  { method: 'GET', path: '/console/cycles/{cycleId}/report/{file}', fn: 'console' },
  { method: 'GET', path: '/console/cycles/{cycleId}/poster', fn: 'console' },
  { method: 'GET', path: '/console/evidence', fn: 'console' },
  // Where the bucket sends the browser back after an upload, and the upload form's script.
  { method: 'GET', path: '/console/evidence/uploaded', fn: 'console' },
  { method: 'GET', path: '/console/upload.js', fn: 'console' },
] as const;

export type HttpFunctionName = (typeof ROUTES)[number]['fn'];
export const HTTP_FUNCTIONS = [...new Set(ROUTES.map((r) => r.fn))] as HttpFunctionName[];
