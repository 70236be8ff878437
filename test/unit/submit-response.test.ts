// Proves the JSON response route stores only the screened answers, once, and maps every failure to its code.
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import type { HttpEvent, HttpResult } from '../../shared/http/stack';
import { importHandler, loadEvent } from '../support/fixtures';
import { mockRenderKey, withToken } from '../support/tokens';

const ddb = mockClient(DynamoDBDocumentClient);
type Handler = (e: HttpEvent, c: Context) => Promise<HttpResult>;
let handler: Handler;

const FORM = {
  formId: 'Q3xk9fT2mZbL0vY7hN4pR8sW',
  cycleId: '2026-autumn',
  opensOn: '2026-09-02',
  closesOn: '2026-12-18',
};
const NOW = Date.parse('2026-10-14T09:41:17Z');
/** The sample event, with a token the mocked table's key signed, unless the patch says otherwise. */
const call = (patch: Partial<HttpEvent> = {}) => {
  const event = loadEvent<HttpEvent>('http/submit-response.json');
  return handler({ ...event, body: withToken(event.body, FORM.formId, NOW), ...patch }, {} as Context);
};
const responsePuts = () =>
  ddb.commandCalls(PutCommand).filter((c) => String(c.args[0].input.Item?.sk).startsWith('RESPONSE#'));
const bodyOf = (r: HttpResult) => JSON.parse(String(r.body)) as Record<string, unknown>;

beforeAll(async () => {
  handler = await importHandler<Handler>('submit-response');
});

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
  ddb.on(GetCommand).resolves({});
  ddb
    .on(GetCommand, { Key: { pk: `FORM#${FORM.formId}`, sk: 'FORM' } })
    .resolves({ Item: { pk: 'x', sk: 'FORM', ...FORM } });
  mockRenderKey(ddb);
  ddb.on(PutCommand).resolves({});
  ddb.on(DeleteCommand).resolves({});
});

afterEach(() => {
  ddb.reset();
  vi.useRealTimers();
});

describe('POST /api/forms/{formId}/responses', () => {
  it('stores the answers with a random id, screened, with no date and nothing from the request', async () => {
    const res = await call();

    expect(res.statusCode).toBe(201);
    expect(bodyOf(res)).toEqual({ status: 'received' });
    const puts = responsePuts();
    expect(puts).toHaveLength(1);
    const input = puts[0]!.args[0].input;
    expect(input.ConditionExpression).toBe('attribute_not_exists(pk)');
    expect(input.Item).toEqual({
      pk: 'RESPONSES#2026-autumn',
      sk: expect.stringMatching(/^RESPONSE#[0-9a-f-]{36}$/),
      type: 'response',
      responseId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      cycleId: '2026-autumn',
      ratings: { vision: 4, capacity: 3, innovation: 2 },
      safety: 4,
      influence: 3,
      role: 'delivery',
      division: 'oak-primary',
      comment: 'Peer review helped. Reach me at [removed] or [removed].',
      // Deleted 24 months after the cycle's last day (18 December 2026), whenever it arrived.
      expiresAt: Date.parse('2028-12-18T00:00:00Z') / 1000,
    });
    const stored = JSON.stringify(input.Item);
    for (const trace of ['203.0.113.77', 'DistinctiveAgent', 'tracking-cookie', '09:41', 'J8kQ2iF0LPEEMVw'])
      expect(stored).not.toContain(trace);
  });

  it('rejects unknown fields and out-of-range ratings with 400 and stores nothing', async () => {
    const res = await call({ body: JSON.stringify({ ratings: { vision: 6 }, safety: 2.5, nickname: 'x' }) });

    expect(res.statusCode).toBe(400);
    expect(bodyOf(res)).toMatchObject({
      error: 'validation',
      issues: expect.arrayContaining([
        { path: 'ratings.vision', message: 'must be from 1 to 5' },
        { path: 'safety', message: 'must be a whole number from 1 to 5' },
        expect.objectContaining({ path: '(root)', message: expect.stringContaining('nickname') }),
      ]),
    });
    expect(ddb.commandCalls(PutCommand)).toHaveLength(0);
  });

  it('needs at least one answer', async () => {
    const res = await call({ body: JSON.stringify({ role: 'delivery' }) });
    expect(res.statusCode).toBe(400);
    expect(bodyOf(res).issues).toEqual([{ path: '(root)', message: 'answer at least one question' }]);
  });

  it.each([
    ['malformed JSON', 400, 'validation', { body: '{"safety":' }],
    ['a wrong content type', 415, 'unsupported_media_type', { headers: { 'content-type': 'text/plain' } }],
    ['a body over 16 KiB', 413, 'too_large', { body: JSON.stringify({ comment: 'x'.repeat(17 * 1024) }) }],
    ['an unknown form', 404, 'form_not_found', { pathParameters: { formId: 'AAAAAAAAAAAAAAAAAAAAAAAA' } }],
  ] as const)('answers %s with %i %s and stores nothing', async (_what, status, code, patch) => {
    const res = await call(patch as Partial<HttpEvent>);
    expect(res.statusCode).toBe(status);
    expect(bodyOf(res)).toMatchObject({
      error: code,
      message: expect.any(String),
      issues: expect.any(Array),
    });
    expect(ddb.commandCalls(PutCommand)).toHaveLength(0);
  });

  it('answers 410 once the form has closed', async () => {
    vi.setSystemTime(new Date('2026-12-19T10:00:00Z'));
    const res = await call();
    expect(res.statusCode).toBe(410);
    expect(bodyOf(res)).toMatchObject({
      error: 'form_closed',
      message: expect.stringContaining('2026-12-18'),
    });
    expect(ddb.commandCalls(PutCommand)).toHaveLength(0);
  });

  it('never answers with details when the table fails', async () => {
    ddb
      .on(PutCommand, { Item: { type: 'response' } })
      .rejects(new Error('InternalServerError: internal detail'));
    const res = await call();
    expect(res.statusCode).toBe(500);
    expect(bodyOf(res)).toMatchObject({ error: 'internal' });
    expect(String(res.body)).not.toContain('internal detail');
  });

  it('answers 429 rate_limited with Retry-After when DynamoDB is still throttling after the SDK retries', async () => {
    ddb.on(PutCommand, { Item: { type: 'response' } }).rejects(
      Object.assign(new Error('Throughput exceeds the current capacity of your table'), {
        name: 'ProvisionedThroughputExceededException',
      }),
    );
    const res = await call();
    expect(res.statusCode).toBe(429);
    expect(res.headers?.['Retry-After']).toBe('5');
    expect(bodyOf(res)).toEqual({
      error: 'rate_limited',
      message:
        'too many responses are arriving at once; nothing was stored, please try again in a few seconds',
      issues: [],
    });
  });

  describe('one response per token', () => {
    const answers = JSON.stringify({ safety: 4 });
    const spentPuts = () =>
      ddb.commandCalls(PutCommand).filter((c) => String(c.args[0].input.Item?.pk).startsWith('SPENT#'));

    it.each([
      ['no token', answers, 'send the token'],
      [
        'a forged token',
        JSON.stringify({ safety: 4, token: 'kx1.AAAAAAAAAAAAAAAAAAAAAA.BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB' }),
        'not one this form issued',
      ],
      ['a token under 3 seconds old', withToken(answers, FORM.formId, NOW, 500), 'less than 3 seconds'],
      ['a token over 7 days old', withToken(answers, FORM.formId, NOW, 8 * 86_400_000), 'more than 7 days'],
      [
        'a token of another form',
        withToken(answers, 'AAAAAAAAAAAAAAAAAAAAAAAA', NOW),
        'not one this form issued',
      ],
    ])('refuses %s with 403 token_invalid and stores nothing', async (_what, body, message) => {
      const res = await call({ body });
      expect(res.statusCode).toBe(403);
      expect(bodyOf(res)).toMatchObject({
        error: 'token_invalid',
        message: expect.stringContaining(message),
      });
      expect(ddb.commandCalls(PutCommand)).toHaveLength(0);
    });

    it('records the token as spent by a keyed hash of its nonce, with nothing from the time, before the response', async () => {
      const res = await call();
      expect(res.statusCode).toBe(201);
      const [spent] = spentPuts();
      const item = spent!.args[0].input.Item!;
      expect(spent!.args[0].input.ConditionExpression).toBe('attribute_not_exists(pk)');
      expect(Object.keys(item).sort()).toEqual(['expiresAt', 'pk', 'sk', 'type']);
      expect(item).toMatchObject({
        pk: `SPENT#${FORM.formId}`,
        sk: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      });
      // Expires with the form (72 months after the cycle's last day, 18 December 2026), whatever the
      // time the token was made or used.
      expect(item.expiresAt).toBe(Date.parse('2032-12-18T00:00:00Z') / 1000);
      const order = ddb.commandCalls(PutCommand).map((c) => String(c.args[0].input.Item?.pk).split('#')[0]);
      expect(order).toEqual(['SPENT', 'RESPONSES']);
    });

    it('keeps a spent token spent as long as its form lasts, so a form extended by months never takes it again', async () => {
      // Spent while the form closed on 18 December 2026; the form is then extended to 26 February
      // 2027. A record dated from the closing day would lapse (and DynamoDB delete it) on 26
      // December, while the form still took answers, and the token would work again.
      expect((await call()).statusCode).toBe(201);
      ddb
        .on(GetCommand, { Key: { pk: `FORM#${FORM.formId}`, sk: 'FORM' } })
        .resolves({ Item: { pk: 'x', sk: 'FORM', ...FORM, closesOn: '2027-02-26' } });
      expect((await call()).statusCode).toBe(201);
      const [before, after] = spentPuts().map((c) => Number(c.args[0].input.Item!.expiresAt));
      expect(before).toBeGreaterThan(Date.parse('2027-02-27T00:00:00Z') / 1000);
      // The same for every token of the form, before and after the extension: it dates none.
      expect(after).toBe(before);
    });

    it('refuses a token already used with 403 token_spent and stores nothing more', async () => {
      ddb.on(PutCommand, { Item: { type: 'spent-token' } }).rejects(
        Object.assign(new Error('The conditional request failed'), {
          name: 'ConditionalCheckFailedException',
        }),
      );
      const res = await call();
      expect(res.statusCode).toBe(403);
      expect(bodyOf(res)).toMatchObject({ error: 'token_spent' });
      expect(responsePuts()).toHaveLength(0);
    });

    it('releases the token when the response cannot be stored, so the same person can send again', async () => {
      ddb.on(PutCommand, { Item: { type: 'response' } }).rejects(new Error('InternalServerError: down'));
      const res = await call();
      expect(res.statusCode).toBe(500);
      const released = ddb.commandCalls(DeleteCommand);
      expect(released).toHaveLength(1);
      expect(released[0]!.args[0].input.Key).toEqual({
        pk: spentPuts()[0]!.args[0].input.Item!.pk,
        sk: spentPuts()[0]!.args[0].input.Item!.sk,
      });
    });
  });

  it('counts a response as stored when the SDK retried a write that had succeeded (its own condition fails)', async () => {
    ddb.on(PutCommand, { Item: { type: 'response' } }).rejects(
      Object.assign(new Error('The conditional request failed'), {
        name: 'ConditionalCheckFailedException',
      }),
    );
    const res = await call();
    expect(res.statusCode).toBe(201);
    // Not released: a second copy could otherwise be stored with the same token.
    expect(ddb.commandCalls(DeleteCommand)).toHaveLength(0);
  });

  it('gives a new token with the error when a failed store could not release the old one', async () => {
    ddb.on(PutCommand, { Item: { type: 'response' } }).rejects(new Error('InternalServerError: down'));
    ddb.on(DeleteCommand).rejects(new Error('InternalServerError: still down'));
    const res = await call();
    expect(res.statusCode).toBe(500);
    const body = bodyOf(res) as { error: string; token?: string };
    expect(body.error).toBe('internal');
    expect(body.token).toMatch(/^[0-9a-z]+\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{32}$/);
    // It carries the first token's issue time, so it can be used at once.
    ddb.on(PutCommand).resolves({});
    const again = await call({ body: JSON.stringify({ safety: 4, token: body.token }) });
    expect(again.statusCode).toBe(201);
  });

  it('answers 404 form_not_found for a form id of 3,000 characters, without reading the table', async () => {
    const res = await call({ pathParameters: { formId: 'A'.repeat(3000) } });
    expect(res.statusCode).toBe(404);
    expect(bodyOf(res)).toMatchObject({ error: 'form_not_found' });
    expect(
      ddb.commandCalls(GetCommand).filter((c) => String(c.args[0].input.Key?.pk).startsWith('FORM#')),
    ).toHaveLength(0);
  });
});
