// Proves every log line carries the function, its request id and cold start, honours the level, keeps gather's metric fields, and never takes anything from the request.
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { log, logContext } from '../../shared/log';
import { jsonBody, jsonRoute } from '../../shared/http/stack';
import { importMetrics } from '../../shared/ops/metrics';
import { httpEvent } from '../support/http-event';

let lines: string[];

beforeEach(() => {
  lines = [];
  const capture = (line: unknown) => void lines.push(String(line));
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const)
    vi.spyOn(console, method).mockImplementation(capture);
  vi.stubEnv('PILLAR7_LOG_LEVEL', undefined);
  vi.stubEnv('AWS_LAMBDA_LOG_LEVEL', undefined);
  vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', undefined);
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

const parsed = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);

const contextOf = (functionName: string, awsRequestId: string) => ({ functionName, awsRequestId }) as Context;

describe('log lines', () => {
  it('carry the request id of each invocation and mark only the first as the cold start', async () => {
    vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', 'pillar7-dev-Cycleevaluate');
    const handler = middy()
      .use(logContext())
      .handler(async () => log.info('evaluate', { cycleId: '2026-autumn' }));

    await handler({}, contextOf('pillar7-dev-Cycleevaluate', 'req-1'));
    await handler({}, contextOf('pillar7-dev-Cycleevaluate', 'req-2'));

    expect(parsed()).toEqual([
      {
        level: 'info',
        message: 'evaluate',
        function_name: 'pillar7-dev-Cycleevaluate',
        function_request_id: 'req-1',
        cold_start: true,
        cycleId: '2026-autumn',
      },
      {
        level: 'info',
        message: 'evaluate',
        function_name: 'pillar7-dev-Cycleevaluate',
        function_request_id: 'req-2',
        cold_start: false,
        cycleId: '2026-autumn',
      },
    ]);
  });

  it("name the function from Lambda's context where the environment does not (the local runtime)", async () => {
    const handler = middy()
      .use(logContext())
      .handler(async () => log.error('failed'));

    await handler({}, contextOf('publish-local-name', 'req-3'));

    expect(parsed()[0]).toMatchObject({ function_name: 'publish-local-name', function_request_id: 'req-3' });
  });

  it('are quieted below warn by PILLAR7_LOG_LEVEL=warn, as the local runtime sets it', () => {
    vi.stubEnv('PILLAR7_LOG_LEVEL', 'warn');

    log.debug('d');
    log.info('i');
    log.warn('w');
    log.error('e');

    expect(parsed().map((l) => [l.level, l.message])).toEqual([
      ['warn', 'w'],
      ['error', 'e'],
    ]);
  });

  it("follow Lambda's own level (advanced logging controls) when PILLAR7_LOG_LEVEL is not set", () => {
    vi.stubEnv('AWS_LAMBDA_LOG_LEVEL', 'FATAL');
    log.warn('w');
    log.error('e');
    vi.stubEnv('AWS_LAMBDA_LOG_LEVEL', 'TRACE');
    log.debug('d');

    expect(parsed().map((l) => l.message)).toEqual(['e', 'd']);
  });

  it('show info but not debug by default, and at info for a level they do not know', () => {
    log.debug('d');
    log.info('i');
    vi.stubEnv('PILLAR7_LOG_LEVEL', 'loud');
    log.debug('d2');
    log.info('i2');

    expect(parsed().map((l) => l.message)).toEqual(['i', 'i2']);
  });

  it("keep gather's summary an embedded-metric line: the counts and _aws at the top level", () => {
    vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', 'pillar7-dev-Cyclegather');
    const summary = { files: 2, imported: 40, rejected: 3 };

    log.info('gather', { ...summary, ...importMetrics(summary) });

    const [line] = parsed();
    expect(line).toMatchObject({
      level: 'info',
      message: 'gather',
      function_name: 'pillar7-dev-Cyclegather',
      ImportFiles: 2,
      ImportRowsImported: 40,
      ImportRowsRejected: 3,
      Function: 'pillar7-dev-Cyclegather',
      _aws: { CloudWatchMetrics: [{ Namespace: 'pillar7', Dimensions: [['Function']] }] },
    });
  });

  it("log an HTTP function's failure with its Lambda request id and nothing from the request", async () => {
    const handler = jsonRoute(async () => {
      throw new Error('table unavailable');
    }, jsonBody());
    const event = httpEvent({
      method: 'POST',
      resource: '/api/forms/{formId}/responses',
      params: { formId: 'Q3xk9fT2mZbL0vY7hN4pR8sW' },
      body: JSON.stringify({ safety: 4, comment: 'A distinctive sentence only I would write.' }),
    });

    const res = await handler(event, contextOf('submit-response-test', 'lambda-req-9'));

    expect(res.statusCode).toBe(500);
    expect(parsed()).toEqual([
      {
        level: 'error',
        message: 'request failed',
        function_name: 'submit-response-test',
        function_request_id: 'lambda-req-9',
        cold_start: true,
        error: 'Error: table unavailable',
      },
    ]);
    for (const trace of [
      '203.0.113.77',
      'DistinctiveAgent',
      'tracking-cookie',
      'distinctive sentence',
      // API Gateway's own request id, which its access log pairs with the caller's address.
      event.requestContext.requestId,
    ])
      expect(lines.join('\n')).not.toContain(trace);
  });
});
