// Proves, over random and hostile input at every entry point (HTML form and GET routes with any headers, import files, trust configs, scheduler events), that nothing answers 5xx, crashes, or stores an invalid record.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { Readable } from 'node:stream';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse as parseCsv } from 'csv-parse/sync';
import { stringify as toYaml } from 'yaml';
import { mockClient } from 'aws-sdk-client-mock';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import type { HttpResult } from '../../shared/http/stack';
import { httpEvent } from '../support/http-event';
import { storedResponseItemSchema } from '../support/stored-response-item';
import { issueRenderToken } from '../../shared/feedback/render-token';
import { ImportFileError } from '../../shared/errors';
import { importRows, readRows } from '../../shared/imports/import-rows';
import { EvidenceRepository } from '../../shared/store/evidence';
import { EVIDENCE_KINDS, type EvidenceKindName } from '../../shared/domain/evidence';
import { evidenceRowSchemas } from '../../shared/schemas/evidence';
import { REQUIRED_COLUMNS } from '../../shared/domain/evidence';
import { parseConfigText } from '../../shared/config/load-config';
import { ConfigError } from '../../shared/errors';
import { exampleConfig, importHandler } from '../support/fixtures';
import { EVENT_FORM } from '../support/builders';
import { reached, runs } from '../support/property-runs';

const ddb = mockClient(DynamoDBDocumentClient);
const config = exampleConfig();
const SECRET = Buffer.alloc(32, 7);
const FORM = EVENT_FORM;
const NOW = Date.parse('2026-10-14T09:41:17Z');
type Handler = (e: unknown, c: Context) => Promise<HttpResult>;
const handlers: Record<string, Handler> = {};

function mockTable() {
  ddb.reset();
  ddb.on(GetCommand).resolves({});
  ddb.on(GetCommand, { Key: { pk: `FORM#${FORM.formId}`, sk: 'FORM' } }).resolves({ Item: { ...FORM } });
  ddb
    .on(GetCommand, { Key: { pk: 'KEY#render-token', sk: 'KEY' } })
    .resolves({ Item: { secret: SECRET.toString('base64') } });
  ddb.on(PutCommand).resolves({});
  ddb.on(UpdateCommand).resolves({});
  ddb.on(TransactWriteCommand).resolves({});
  ddb.on(QueryCommand).resolves({ Items: [] });
  ddb.on(BatchGetCommand).resolves({ Responses: {} });
  ddb.on(BatchWriteCommand).resolves({});
}
const writes = () =>
  [PutCommand, UpdateCommand, TransactWriteCommand, BatchWriteCommand].flatMap((c) =>
    ddb.commandCalls(c as never),
  );

beforeAll(async () => {
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
  for (const fn of ['form-page', 'form-definition', 'health', 'open-form', 'evaluate'])
    handlers[fn] = await importHandler<Handler>(fn, config);
});
afterAll(() => {
  ddb.reset();
  vi.useRealTimers();
  vi.restoreAllMocks();
});
beforeEach(() => mockTable());

// ---------- HTTP: any route, any headers, any path, any body ----------

const hostile = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.constantFrom(
    '<script>alert(1)</script>',
    '"><img src=x onerror=alert(1)>',
    'a\r\nSet-Cookie: x=1',
    '../../etc/passwd',
    '%00%0d%0a',
    "=cmd|' /c calc'!A0",
    '\u202e\u0000\ud83d\ude00',
    'x'.repeat(5000),
  ),
);
const headers = fc
  .record(
    {
      'content-type': fc.oneof(
        fc.constantFrom(
          'application/x-www-form-urlencoded',
          'application/x-www-form-urlencoded; charset=utf-8',
          'application/json',
          'multipart/form-data; boundary=--x',
          'text/plain',
        ),
        hostile,
      ),
      'content-length': fc.oneof(fc.nat().map(String), hostile),
      cookie: hostile,
      'user-agent': hostile,
      'x-forwarded-for': hostile,
      accept: hostile,
    },
    { requiredKeys: [] },
  )
  .chain((h) =>
    fc
      .dictionary(fc.string({ minLength: 1, maxLength: 30 }), hostile, { maxKeys: 4 })
      .map((extra) => ({ ...extra, ...h })),
  );
const formId = fc.oneof(
  { arbitrary: fc.constant(FORM.formId), weight: 4 },
  fc.string({ maxLength: 40 }),
  fc.constantFrom('', '..', '%2e%2e%2f', 'Q3xk9fT2mZbL0vY7hN4pR8sW/../x', '\u0000', 'x'.repeat(2000)),
);
const field = fc.constantFrom(
  'ratings_vision',
  'ratings_capacity',
  'ratings_assurance',
  'safety',
  'influence',
  'role',
  'division',
  'comment',
  'website',
  '_token',
  '__proto__',
  'constructor',
  'ratings___proto__',
);
const value = fc.oneof(
  fc.constantFrom(
    '1',
    '3',
    '5',
    '0',
    '6',
    '-1',
    '2.5',
    'delivery',
    'leadership',
    'undisclosed',
    'oak-primary',
    '',
  ),
  hostile,
);
const urlencoded = fc
  .tuple(fc.array(fc.tuple(field, value), { maxLength: 12 }), fc.boolean(), fc.boolean())
  .map(([pairs, withToken, oldEnough]) => {
    const params = new URLSearchParams(pairs);
    if (withToken)
      params.set('_token', issueRenderToken(SECRET, FORM.formId, NOW - (oldEnough ? 10_000 : 500)));
    return params.toString();
  });
const body = fc.oneof(
  { arbitrary: urlencoded, weight: 4 },
  fc.string({ maxLength: 400 }),
  fc.string({ minLength: 16 * 1024 - 10, maxLength: 17 * 1024 }),
  fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('latin1')),
);

// Any request at all, and (as often) one shaped like a person's: the right type, a token old enough.
const personLike = fc
  .tuple(
    fc.array(fc.tuple(field, value), { maxLength: 12 }),
    fc.dictionary(fc.string({ minLength: 1, maxLength: 30 }), hostile, { maxKeys: 3 }),
  )
  .map(([pairs, extra]) => {
    const params = new URLSearchParams(pairs.filter(([k]) => k !== '_token' && k !== 'website'));
    params.set('_token', issueRenderToken(SECRET, FORM.formId, NOW - 10_000));
    return [
      'POST',
      FORM.formId,
      { ...extra, 'content-type': 'application/x-www-form-urlencoded' },
      params.toString(),
    ] as const;
  });
const request = fc.oneof(fc.tuple(fc.constantFrom('GET', 'POST'), formId, headers, body), personLike);

function requestEvent(
  method: 'GET' | 'POST',
  route: string,
  id: string,
  h: Record<string, string>,
  b?: string,
) {
  const event = httpEvent({
    method,
    resource: route,
    params: route.includes('{formId}') ? { formId: id } : undefined,
    headers: { 'x-forwarded-for': '198.51.100.23', 'user-agent': 'TraceAgent/9.9', ...h },
    body: b ?? null,
  });
  event.requestContext.identity = {
    ...event.requestContext.identity,
    sourceIp: '198.51.100.23',
    userAgent: 'TraceAgent/9.9',
  };
  event.isBase64Encoded = false;
  return event;
}

describe('the HTTP routes under random and hostile requests', () => {
  it('never answer 5xx on the HTML form, and store only valid, screened responses', async () => {
    const statuses = new Map<number, number>();
    let stored = 0;
    await fc.assert(
      fc.asyncProperty(request, async ([method, id, h, b]) => {
        ddb.resetHistory();
        const res = await handlers['form-page']!(
          requestEvent(method as 'GET' | 'POST', '/f/{formId}', id, h, method === 'POST' ? b : undefined),
          {} as Context,
        );
        statuses.set(res.statusCode!, (statuses.get(res.statusCode!) ?? 0) + 1);
        expect(res.statusCode).toBeLessThan(500);
        for (const call of ddb.commandCalls(PutCommand)) {
          const item = call.args[0].input.Item!;
          if (item.type === 'spent-token') {
            expect(Object.keys(item).sort()).toEqual(['expiresAt', 'pk', 'sk', 'type']);
            continue;
          }
          stored += 1;
          expect(storedResponseItemSchema.safeParse(item).success).toBe(true);
          for (const trace of ['198.51.100.23', 'TraceAgent/9.9'])
            expect(JSON.stringify(item)).not.toContain(trace);
        }
      }),
      // No shrinking: a failing case is reported as found, rather than shrunk for minutes over 16 KiB bodies.
      { numRuns: runs(1000), endOnFailure: true },
    );
    // Both sides were reached: pages served, responses stored, and refusals.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(reached(100));
    expect((statuses.get(400) ?? 0) + (statuses.get(404) ?? 0) + (statuses.get(413) ?? 0)).toBeGreaterThan(
      reached(10),
    );
    expect(stored).toBeGreaterThan(reached(10));
  }, 180_000);

  it('never answer 5xx on the form definition and health check, and never write', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('definition', 'health'), formId, headers, async (route, id, h) => {
        ddb.resetHistory();
        const res =
          route === 'health'
            ? await handlers.health!(requestEvent('GET', '/healthz', id, h), {} as Context)
            : await handlers['form-definition']!(
                requestEvent('GET', '/api/forms/{formId}', id, h),
                {} as Context,
              );
        expect(res.statusCode).toBeLessThan(500);
        expect(() => JSON.parse(String(res.body))).not.toThrow();
        expect(writes()).toHaveLength(0);
      }),
      { numRuns: runs(500) },
    );
  });
});

// ---------- Import files ----------

// Each column mostly takes values real files hold (from the demo files), sometimes hostile ones.
const demoDir = fileURLToPath(new URL('../../events/imports/demo/', import.meta.url));
const examplesDir = fileURLToPath(new URL('../../events/imports/', import.meta.url));
const pools = (kind: EvidenceKindName): Record<string, string[]> => {
  // The demo's files, or for a kind the demo does not use (the staff list), the example file.
  const inDemo = readdirSync(demoDir).find((f) => f.startsWith(kind));
  const path = inDemo
    ? demoDir + inDemo
    : examplesDir + readdirSync(examplesDir).find((f) => f.startsWith(kind))!;
  const rows = parseCsv(readFileSync(path), { columns: true, bom: true }) as Record<string, string>[];
  const out: Record<string, string[]> = {};
  for (const r of rows) for (const [k, v] of Object.entries(r)) (out[k] ??= []).push(v);
  return out;
};
const cell = (pool: string[] | undefined) =>
  pool?.length
    ? fc.oneof(
        { arbitrary: fc.constantFrom(...pool), weight: 12 },
        hostile,
        fc.constantFrom('', '31/02/2026', '-2', 'x'),
      )
    : hostile;
function csvLine(cells: string[]): string {
  return cells.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');
}
const csvFile = (kind: EvidenceKindName) => {
  const pool = pools(kind);
  const columns = [...new Set([...REQUIRED_COLUMNS[kind], ...Object.keys(pool)])];
  return fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .tuple(
          fc.oneof(
            // Mostly every required column, in any order, with some of the optional ones.
            {
              weight: 5,
              arbitrary: fc
                .subarray(columns.filter((c) => !REQUIRED_COLUMNS[kind].includes(c)))
                .chain((optional) =>
                  fc.shuffledSubarray([...REQUIRED_COLUMNS[kind], ...optional], {
                    minLength: REQUIRED_COLUMNS[kind].length + optional.length,
                  }),
                ),
            },
            // Sometimes a required column is missing.
            fc.shuffledSubarray(columns, { minLength: REQUIRED_COLUMNS[kind].length - 1 }),
          ),
          fc.boolean(),
        )
        .chain(([header, bom]) =>
          fc
            .array(fc.tuple(...header.map((c) => cell(pool[c]))), { maxLength: 30 })
            .map((rows) => (bom ? '\ufeff' : '') + [header, ...rows].map(csvLine).join('\r\n')),
        ),
    },
    fc.string({ maxLength: 500 }),
    fc.uint8Array({ maxLength: 500 }).map((b) => Buffer.from(b).toString('latin1')),
  );
};

describe('import files under random and hostile content', () => {
  it.each(EVIDENCE_KINDS)(
    '%s: every row is imported, unchanged or rejected, only valid rows are stored, and nothing crashes',
    async (kind) => {
      const staffKey = Buffer.alloc(32, 9);
      const schema = evidenceRowSchemas(config, staffKey)[kind];
      let importedInAll = 0;
      let rejectedInAll = 0;
      await fc.assert(
        fc.asyncProperty(csvFile(kind), fc.boolean(), async (text, asJson) => {
          ddb.resetHistory();
          // The reviews the demo's recommendations cite are already stored.
          ddb.on(QueryCommand).resolves({
            Items: [...new Set(pools('peer-reviews').review_id)].map((reviewId) => ({
              record: { reviewId },
            })),
          });
          const repo = new EvidenceRepository(
            DynamoDBDocumentClient.from(new DynamoDBClient({})),
            'test-table',
          );
          const name = asJson ? 'file.json' : 'file.csv';
          const content = asJson ? JSON.stringify(text.split('\n').map((l) => ({ line: l }))) : text;
          let summary;
          try {
            summary = await importRows(kind, readRows(kind, name, Readable.from([Buffer.from(content)])), {
              config,
              repo,
              today: '2026-10-14',
              staffKey,
            });
          } catch (err) {
            // A file that cannot be read at all is refused with its reason, and nothing is stored.
            expect(err).toBeInstanceOf(ImportFileError);
            expect((err as Error).message.length).toBeGreaterThan(5);
            expect(writes()).toHaveLength(0);
            return;
          }
          for (const r of summary.rejected) {
            expect(r.row).toBeGreaterThanOrEqual(0);
            expect(r.reason.length).toBeGreaterThan(0);
          }
          const stored = ddb
            .commandCalls(BatchWriteCommand)
            .flatMap((c) => Object.values(c.args[0].input.RequestItems!).flat())
            .map(
              (w) =>
                (w as { PutRequest: { Item: { pk: string; sk: string; type: string } } }).PutRequest.Item,
            );
          expect(stored.length).toBe(summary.imported);
          importedInAll += summary.imported;
          rejectedInAll += summary.rejected.length;
          for (const item of stored) {
            expect(item.pk).toBe(`EVIDENCE#${kind}`);
            expect(item.type).toBe(kind);
            expect(item.sk.length).toBeGreaterThan(0);
          }
          // Only rows the published row schema accepts can have been stored.
          if (!asJson && summary.imported > 0) {
            const rows = parseCsv(text.replace(/^\ufeff/, ''), {
              columns: true,
              relax_column_count: true,
              skip_empty_lines: true,
            }) as Record<string, string>[];
            const valid = rows.filter((r) => schema.safeParse(r).success).length;
            expect(summary.imported).toBeLessThanOrEqual(valid);
          }
        }),
        { numRuns: runs(150) },
      );
      // The run reached both sides: rows stored and rows refused.
      expect(importedInAll).toBeGreaterThan(reached(5));
      expect(rejectedInAll).toBeGreaterThan(reached(5));
    },
    120_000,
  );
});

// ---------- Trust config ----------

const example = JSON.parse(JSON.stringify(config)) as Record<string, unknown>;
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return [prefix, ...entries.flatMap(([k, v]) => paths(v, [...prefix, k]))];
}
const allPaths = paths(example).filter((p) => p.length > 0);
function mutate(path: (string | number)[], replacement: unknown, remove: boolean) {
  const copy = JSON.parse(JSON.stringify(example)) as Record<string, unknown>;
  let node: Record<string | number, unknown> = copy;
  for (const k of path.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (remove) delete node[last];
  else node[last] = replacement;
  return copy;
}

describe('trust configs under random and hostile edits', () => {
  it('either load as a valid config or fail with a ConfigError naming each field', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...allPaths),
        fc.oneof(fc.jsonValue({ maxDepth: 2 }), hostile),
        fc.boolean(),
        fc.boolean(),
        (path, replacement, remove, asJson) => {
          const edited = mutate(path, replacement, remove);
          const text = asJson ? JSON.stringify(edited) : toYaml(edited);
          try {
            const loaded = parseConfigText(text, asJson ? 'trust.json' : 'trust.yaml');
            expect(loaded.trust.name.length).toBeGreaterThan(0);
            expect(loaded.divisions.length).toBeGreaterThan(0);
          } catch (err) {
            expect(err).toBeInstanceOf(ConfigError);
            const issues = (err as ConfigError).issues;
            expect(issues.length).toBeGreaterThan(0);
            for (const i of issues) {
              expect(i.path.length).toBeGreaterThan(0);
              expect(i.message.length).toBeGreaterThan(0);
            }
          }
        },
      ),
      { numRuns: runs(2000) },
    );
    // 2,000 parses take about 4 s alone; a busy machine must not turn that into a timeout.
  }, 60_000);

  it('refuse text that is not a config at all with a ConfigError', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), hostile), fc.boolean(), (text, asJson) => {
        expect(() => parseConfigText(text, asJson ? 'x.json' : 'x.yaml')).toThrow(ConfigError);
      }),
      { numRuns: runs(1000) },
    );
  });
});

// ---------- Scheduler and state machine events ----------

describe('scheduler events under random and hostile input', () => {
  it('are run or refused with a clear error, and a refused event writes nothing', async () => {
    const event = fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      fc.record(
        {
          cycleId: fc.oneof(
            fc.constantFrom(...config.cycles.map((c) => c.id)),
            hostile,
            fc.jsonValue({ maxDepth: 1 }),
          ),
          force: fc.oneof(fc.boolean(), fc.jsonValue({ maxDepth: 1 })),
          extra: fc.jsonValue({ maxDepth: 1 }),
        },
        { requiredKeys: [] },
      ),
      fc.constant(undefined),
    );
    const expected = new Set(['InvalidEventError', 'UnknownCycleError', 'ValidationError']);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('open-form', 'evaluate'), event, async (fn, e) => {
        ddb.resetHistory();
        try {
          await handlers[fn]!(e, {} as Context);
        } catch (err) {
          expect(expected).toContain((err as Error).name);
          expect((err as Error).message.length).toBeGreaterThan(5);
          expect(writes()).toHaveLength(0);
        }
      }),
      { numRuns: runs(500) },
    );
  });
});
