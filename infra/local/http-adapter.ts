import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Context } from 'aws-lambda';
import { ROUTES, type HttpFunctionName } from '../../shared/http/routes';
import type { HttpEvent, HttpResult } from '../../shared/http/stack';

type LambdaHandler = (event: HttpEvent, context: Context) => Promise<HttpResult>;

const MAX_READ = 1024 * 1024;

function match(template: string, path: string): Record<string, string> | undefined {
  const t = template.split('/');
  const p = path.split('/');
  if (t.length !== p.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < t.length; i++) {
    const seg = t[i]!;
    const value = p[i]!;
    if (seg.startsWith('{')) {
      if (!value) return undefined;
      try {
        params[seg.slice(1, -1)] = decodeURIComponent(value);
      } catch {
        // A malformed escape (%ZZ) matches no route, as API Gateway answers it: not found.
        return undefined;
      }
    } else if (seg !== value) return undefined;
  }
  return params;
}

/** The body, or undefined past MAX_READ (API Gateway caps payloads too, and answers 413). */
async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_READ) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * Turns a Node request into the event API Gateway's REST API sends a Lambda proxy integration. The
 * local run has no stage in its paths, as a custom domain has none.
 */
export function toEvent(
  req: IncomingMessage,
  body: Buffer,
  route: { method: string; path: string },
  params: Record<string, string>,
): HttpEvent {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined) continue;
    headers[k] = Array.isArray(v) ? v.join(',') : v;
    multiValueHeaders[k] = Array.isArray(v) ? v : [v];
  }
  // API Gateway tells a function how it was reached; locally that is plain HTTP.
  headers['x-forwarded-proto'] ??= 'http';
  multiValueHeaders['x-forwarded-proto'] ??= [headers['x-forwarded-proto']];
  const query: Record<string, string> = {};
  const multiQuery: Record<string, string[]> = {};
  for (const [k, v] of url.searchParams) {
    query[k] = v;
    (multiQuery[k] ??= []).push(v);
  }
  const textual = /^(text\/|application\/(json|x-www-form-urlencoded))/i.test(
    req.headers['content-type'] ?? '',
  );
  const hasQuery = url.search.length > 1;
  return {
    resource: route.path,
    path: url.pathname,
    httpMethod: req.method ?? 'GET',
    headers,
    multiValueHeaders,
    queryStringParameters: hasQuery ? query : null,
    multiValueQueryStringParameters: hasQuery ? multiQuery : null,
    pathParameters: Object.keys(params).length ? params : null,
    stageVariables: null,
    body: body.length ? (textual ? body.toString('utf8') : body.toString('base64')) : null,
    isBase64Encoded: body.length > 0 && !textual,
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      authorizer: undefined,
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'localhost',
      httpMethod: req.method ?? 'GET',
      identity: {
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? null,
      } as HttpEvent['requestContext']['identity'],
      path: url.pathname,
      protocol: 'HTTP/1.1',
      requestId: crypto.randomUUID(),
      requestTimeEpoch: Date.now(),
      resourceId: 'local',
      resourcePath: route.path,
      stage: 'local',
    },
  };
}

const context = (fn: string): Context =>
  ({
    functionName: fn,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${fn}`,
    memoryLimitInMB: '256',
    awsRequestId: crypto.randomUUID(),
    logGroupName: `/aws/lambda/${fn}`,
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: false,
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  }) as Context;

/**
 * Serves the API's routes on loopback, calling the very handler modules the cloud deploys.
 * `load` imports a function's handler; it is called after the environment is set.
 */
export function startHttpAdapter(
  port: number,
  load: (fn: HttpFunctionName) => Promise<LambdaHandler>,
): Promise<Server> {
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const found = ROUTES.map((r) => ({
        r,
        params: r.method === req.method ? match(r.path, url.pathname) : undefined,
      })).find((x) => x.params);
      if (!found) {
        const pathKnown = ROUTES.some((r) => match(r.path, url.pathname));
        res.writeHead(pathKnown ? 405 : 404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: pathKnown ? 'Method Not Allowed' : 'Not Found' }));
        return;
      }
      const body = await readBody(req);
      if (!body) {
        res.writeHead(413, { 'content-type': 'application/json', connection: 'close' });
        res.end(JSON.stringify({ message: 'Request Entity Too Large' }));
        return;
      }
      const handler = await load(found.r.fn);
      const result = await handler(toEvent(req, body, found.r, found.params!), context(found.r.fn));
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(result.headers ?? {})) if (v !== undefined) headers[k] = String(v);
      res.writeHead(result.statusCode ?? 200, headers);
      res.end(result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body);
    } catch (err) {
      // API Gateway answers a crashed integration with a bare 500, and so do we.
      console.error(`local http adapter: ${(err as Error).message}`);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: 'Internal Server Error' }));
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}
