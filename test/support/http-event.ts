import type { HttpEvent } from '../../shared/http/stack';
import { loadEvent } from './fixtures';

/**
 * An API Gateway REST API proxy event for one route, from the recorded event in events/http: the
 * method, the resource and the path agree everywhere the event states them, as API Gateway sends
 * them. `headers` replace the recorded ones (which name a caller's address and browser) when given.
 */
export function httpEvent(opts: {
  method: 'GET' | 'POST';
  resource: string;
  params?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string | null;
  stage?: string;
}): HttpEvent {
  const event = loadEvent<HttpEvent>('http/submit-response.json');
  const params = opts.params ?? {};
  const path = opts.resource.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(params[name] ?? ''),
  );
  const stage = opts.stage ?? event.requestContext.stage;
  event.resource = opts.resource;
  event.path = path;
  event.httpMethod = opts.method;
  event.pathParameters = Object.keys(params).length ? params : null;
  if (opts.headers) {
    event.headers = opts.headers;
    event.multiValueHeaders = Object.fromEntries(Object.entries(opts.headers).map(([k, v]) => [k, [v]]));
  }
  if (opts.body !== undefined) event.body = opts.body;
  event.requestContext = {
    ...event.requestContext,
    httpMethod: opts.method,
    resourcePath: opts.resource,
    stage,
    path: `/${stage}${path}`,
  };
  return event;
}
