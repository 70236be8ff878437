import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { ROUTES, type HttpFunctionName } from '../../shared/http/routes';

type LambdaHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

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

/** Turns a Node request into the API Gateway HTTP API (payload 2.0) event the cloud would send. */
export function toEvent(
  req: IncomingMessage,
  body: Buffer,
  routeKey: string,
  params: Record<string, string>,
): APIGatewayProxyEventV2 {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers))
    if (v !== undefined && k !== 'cookie') headers[k] = Array.isArray(v) ? v.join(',') : v;
  // API Gateway tells a function how it was reached; locally that is plain HTTP.
  headers['x-forwarded-proto'] ??= 'http';
  const cookies = req.headers.cookie?.split(';').map((c) => c.trim());
  const textual = /^(text\/|application\/(json|x-www-form-urlencoded))/i.test(
    req.headers['content-type'] ?? '',
  );
  const now = new Date();
  return {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    cookies,
    headers,
    queryStringParameters: url.search ? Object.fromEntries(url.searchParams) : undefined,
    pathParameters: Object.keys(params).length ? params : undefined,
    body: body.length ? (textual ? body.toString('utf8') : body.toString('base64')) : undefined,
    isBase64Encoded: body.length > 0 && !textual,
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: req.method ?? 'GET',
        path: url.pathname,
        protocol: 'HTTP/1.1',
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: crypto.randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
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
      const result = await handler(
        toEvent(req, body, `${found.r.method} ${found.r.path}`, found.params!),
        context(found.r.fn),
      );
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(result.headers ?? {})) if (v !== undefined) headers[k] = String(v);
      res.writeHead(result.statusCode ?? 200, headers);
      res.end(result.isBase64Encoded ? Buffer.from(result.body ?? '', 'base64') : (result.body ?? ''));
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
