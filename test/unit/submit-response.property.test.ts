// Proves, over thousands of random and hostile requests, that the JSON route never answers 5xx and never stores an invalid item.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { mockClient } from 'aws-sdk-client-mock';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import type { HttpEvent, HttpResult } from '../../shared/http/stack';
import { storedResponseItemSchema } from '../support/stored-response-item';
import { mockRenderKey, withToken } from '../support/tokens';
import { fromItem } from '../../shared/store/responses';
import { exampleConfig, importHandler, loadEvent } from '../support/fixtures';
import { EVENT_FORM } from '../support/builders';
import { PILLAR_KEYS } from '../../shared/domain/pillars';
import { reached, runs } from '../support/property-runs';

const ddb = mockClient(DynamoDBDocumentClient);
// Every contact detail the hostile comments below carry (x@y.z is not one: .z is no top-level domain),
// any link with a scheme, and any control character other than a line break or a tab: none of them
// may reach the table.
const CONTACTS = ['a@b.co', '07700 900123', 'https://x.io', 'jo@school.org', '020 7946 0958', 'www.x.com'];
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const LINK_OR_CONTROL = /https?:\/\/[^\s<>"']|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/iu;
type Handler = (e: HttpEvent, c: Context) => Promise<HttpResult>;
let handler: Handler;
const FORM = EVENT_FORM;
const PILLARS = [...PILLAR_KEYS];
const DIVISIONS = exampleConfig().divisions.map((d) => d.id);

beforeAll(async () => {
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  handler = await importHandler<Handler>('submit-response');
  ddb.on(GetCommand).resolves({ Item: { pk: 'x', sk: 'FORM', ...FORM } });
  mockRenderKey(ddb);
  ddb.on(PutCommand).resolves({});
});
afterAll(() => {
  ddb.reset();
  vi.restoreAllMocks();
});

const hostileKey = fc.constantFrom(
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '',
  ' ',
  'ratings',
  'safety',
);
const deep = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    fc.jsonValue(),
    fc.array(tie('node'), { maxLength: 3 }),
    fc.dictionary(fc.oneof(fc.string(), hostileKey), tie('node'), { maxKeys: 3 }),
  ),
})).node;
const nearlyValid = fc.record(
  {
    ratings: fc.dictionary(
      fc.oneof(fc.constantFrom(...PILLARS), hostileKey),
      fc.oneof(fc.integer({ min: -2, max: 8 }), fc.double(), fc.string(), fc.constant(null)),
    ),
    safety: fc.oneof(
      fc.integer({ min: 0, max: 6 }),
      fc.double(),
      fc.string({ maxLength: 3 }),
      fc.constant(null),
    ),
    influence: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.boolean()),
    role: fc.oneof(
      fc.constantFrom('delivery', 'leadership', 'undisclosed', 'DELIVERY', 'admin'),
      fc.string(),
    ),
    division: fc.oneof(fc.constantFrom(...DIVISIONS, 'undisclosed', 'trust'), fc.string()),
    comment: fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ minLength: 1990, maxLength: 2010 }),
      fc.constantFrom('mail me a@b.co, 07700 900123, https://x.io/p', '<script>alert(1)</script>'),
    ),
    nickname: fc.string(),
  },
  { requiredKeys: [] },
);
const rating = fc.integer({ min: 1, max: 5 });
const valid = fc
  .record(
    {
      ratings: fc.record(Object.fromEntries(PILLARS.map((p) => [p, rating])), { requiredKeys: [] }),
      safety: rating,
      influence: rating,
      role: fc.constantFrom('delivery', 'leadership', 'undisclosed'),
      division: fc.constantFrom(...DIVISIONS, 'undisclosed'),
      comment: fc.oneof(
        fc.string({ minLength: 1, maxLength: 2000 }),
        fc.constantFrom(
          'reach me: jo@school.org / 020 7946 0958 / www.x.com',
          '<img src=x onerror=alert(1)>\r\nBcc: x@y.z',
        ),
      ),
    },
    { requiredKeys: ['safety'] },
  )
  .chain((b) =>
    // Mostly with a token old enough to use; sometimes none, or one too new to use.
    fc.constantFrom(10_000, 10_000, 10_000, 500, -1).map((age) => ({
      text: age < 0 ? JSON.stringify(b) : withToken(JSON.stringify(b), FORM.formId, Date.now(), age),
      base64: false,
    })),
  );
const body = fc.oneof(
  { arbitrary: valid, weight: 3 },
  { arbitrary: nearlyValid.map((b) => ({ text: JSON.stringify(b), base64: false })), weight: 2 },
  deep.map((v) => ({ text: JSON.stringify(v) ?? 'null', base64: false })),
  fc.string({ maxLength: 300 }).map((text) => ({ text, base64: false })),
  fc
    .string({ minLength: 16 * 1024 - 20, maxLength: 17 * 1024 })
    .map((s) => ({ text: JSON.stringify({ comment: s }), base64: false })),
  fc
    .uint8Array({ maxLength: 400 })
    .map((bytes) => ({ text: Buffer.from(bytes).toString('base64'), base64: true })),
  fc
    .constantFrom(
      '{"__proto__":{"safety":5}}',
      '{"constructor":{"prototype":{"x":1}}}',
      '[]',
      'null',
      '"x"',
      '{"ratings":{"vision":4}}'.repeat(2),
    )
    .map((text) => ({ text, base64: false })),
);
const contentType = fc.oneof(
  fc.constantFrom(
    'application/json',
    'application/json; charset=utf-8',
    'Application/JSON',
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/vnd.api+json',
  ),
  fc.string({ maxLength: 40 }),
  fc.constant(undefined),
);

describe('POST /api/forms/{formId}/responses under random and hostile input', () => {
  it('never answers 5xx, always answers in the error shape, and stores only valid, screened items', async () => {
    const seen = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(body, contentType, async (b, type) => {
        ddb.resetHistory();
        const event = loadEvent<HttpEvent>('http/submit-response.json');
        event.body = b.text;
        event.isBase64Encoded = b.base64;
        event.headers = { ...event.headers, 'content-type': type as string };
        if (type === undefined) delete event.headers['content-type'];

        const res = await handler(event, {} as Context);

        seen.set(res.statusCode!, (seen.get(res.statusCode!) ?? 0) + 1);
        expect(res.statusCode).toBeLessThan(500);
        const parsed = JSON.parse(String(res.body)) as Record<string, unknown>;
        const puts = ddb.commandCalls(PutCommand).filter((c) => c.args[0].input.Item?.type === 'response');
        if (res.statusCode === 201) {
          expect(parsed).toEqual({ status: 'received' });
          expect(puts).toHaveLength(1);
          const item = puts[0]!.args[0].input.Item!;
          expect(storedResponseItemSchema.safeParse(item).success).toBe(true);
          expect(item.comment !== undefined && item.commentDeflated !== undefined).toBe(false);
          const { comment } = fromItem(item);
          if (comment !== undefined) {
            expect(comment.length).toBeLessThanOrEqual(2000);
            // Judged by what a stored comment may never hold, not by screening itself.
            expect(comment).not.toMatch(LINK_OR_CONTROL);
            for (const contact of CONTACTS) expect(comment).not.toContain(contact);
          }
        } else {
          expect(parsed).toMatchObject({
            error: expect.any(String),
            message: expect.any(String),
            issues: expect.any(Array),
          });
          expect(puts).toHaveLength(0);
        }
        expect(({} as Record<string, unknown>).safety).toBeUndefined();
      }),
      { numRuns: runs(3000) },
    );
    // The run must have reached both sides: stored responses and each kind of refusal.
    expect(seen.get(201) ?? 0).toBeGreaterThan(reached(30));
    for (const status of [400, 403, 413, 415]) expect(seen.get(status) ?? 0).toBeGreaterThan(0);
  }, 120_000);
});
