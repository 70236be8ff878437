// Proves every import kind parses files as QA leads write them, rejects each bad row with its row, column and reason, and upserts the rest.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { mockClient } from 'aws-sdk-client-mock';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  DynamoDBDocumentClient,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import { ImportFileError } from '../../shared/errors';
import { importRows, readRows, type ImportSummary } from '../../shared/imports/import-rows';
import { EvidenceRepository } from '../../shared/store/evidence';
import type { EvidenceKindName } from '../../shared/domain/evidence';
import { exampleConfig } from '../support/fixtures';

const ddb = mockClient(DynamoDBDocumentClient);
const config = exampleConfig();
const repo = () => new EvidenceRepository(DynamoDBDocumentClient.from(new DynamoDBClient({})), 'table');
const fixture = (name: string) => fileURLToPath(new URL(`../../events/imports/${name}`, import.meta.url));

async function importFrom(
  kind: EvidenceKindName,
  name: string,
  content: string | Readable,
  today = '2026-06-01',
): Promise<ImportSummary> {
  const input = typeof content === 'string' ? Readable.from([Buffer.from(content)]) : content;
  return importRows(kind, readRows(kind, name, input), { config, repo: repo(), today });
}
const written = () =>
  ddb
    .commandCalls(BatchWriteCommand)
    .flatMap((c) => c.args[0].input.RequestItems!.table!.map((r) => r.PutRequest!.Item!));

beforeEach(() => {
  ddb.on(BatchGetCommand).resolves({ Responses: { table: [] } });
  ddb.on(BatchWriteCommand).resolves({});
  ddb
    .on(QueryCommand)
    .resolves({ Items: [{ record: { reviewId: 'PR-2026-10' } }, { record: { reviewId: 'PR-2026-12' } }] });
});
afterEach(() => ddb.reset());

describe('CSV as Excel writes it', () => {
  it('reads a BOM, CRLF, mixed-case headers and values, quoted commas and newlines, blank rows and both date forms', async () => {
    const summary = await importFrom(
      'peer-reviews',
      'peer-reviews.excel.csv',
      createReadStream(fixture('peer-reviews.excel.csv')),
    );

    expect(summary.imported).toBe(4);
    expect(summary.rejected).toEqual([
      { row: 5, column: 'date', reason: '"31/02/2026" is not a real date as YYYY-MM-DD or DD/MM/YYYY' },
      {
        row: 6,
        column: 'division',
        reason: '"acorn-primary" is not a division id in the trust config (or "trust")',
      },
      { row: 7, column: 'rating', reason: '"5" is not 1-4 or concern/developing/secure/strong' },
      { row: 8, column: 'reviewer_type', reason: '"peer" is not one of internal, external' },
    ]);
    expect(written().map((i) => [i.sk, i.record])).toEqual([
      [
        'PR-2026-10#oak-primary#vision',
        {
          reviewId: 'PR-2026-10',
          date: '2026-03-03',
          division: 'oak-primary',
          pillar: 'vision',
          rating: 3,
          reviewerType: 'external',
        },
      ],
      [
        'PR-2026-10#oak-primary#capacity',
        {
          reviewId: 'PR-2026-10',
          date: '2026-03-03',
          division: 'oak-primary',
          pillar: 'capacity',
          rating: 2,
          reviewerType: 'external',
        },
      ],
      [
        'PR-2026-10#oak-primary#commitment',
        {
          reviewId: 'PR-2026-10',
          date: '2026-03-03',
          division: 'oak-primary',
          pillar: 'commitment',
          rating: 4,
          reviewerType: 'internal',
        },
      ],
      [
        'PR-2026-12#trust#assurance',
        {
          reviewId: 'PR-2026-12',
          date: '2026-03-16',
          division: 'trust',
          pillar: 'assurance',
          rating: 1,
          reviewerType: 'external',
        },
      ],
    ]);
  });

  it('rejects a file that lacks a required column, naming it, and loads nothing', async () => {
    await expect(
      importFrom('peer-reviews', 'x.csv', createReadStream(fixture('peer-reviews.missing-column.csv'))),
    ).rejects.toThrow(new ImportFileError('missing required column: reviewer_type'));
    await expect(importFrom('kpis', 'x.json', '[{"objective_id":"obj-qa"}]')).rejects.toThrow(
      'missing required columns: cycle_id, actual',
    );
    expect(written()).toEqual([]);
  });

  it.each([
    ['an empty file', 'x.csv', '', 'the file is empty'],
    ['a header only', 'x.csv', 'division,role,count\r\n', 'the file is empty'],
    ['a spreadsheet saved as xlsx', 'x.xlsx', 'PK...', 'neither .csv nor .json'],
    ['JSON that is not an array', 'x.json', '{"division":"oak-primary"}', 'must hold an array of rows'],
    ['broken JSON', 'x.json', '[{"division":', 'not valid JSON'],
    ['an unclosed quote', 'x.csv', 'division,role,count\n"oak-primary,delivery,3\n', 'not readable as CSV'],
  ])('refuses %s with a clear reason', async (_what, name, content, reason) => {
    await expect(importFrom('headcount', name, content)).rejects.toThrow(reason);
  });
});

describe('row rules of every kind', () => {
  it.each([
    [
      'recommendations',
      'recommendations.csv',
      2,
      [
        {
          row: 3,
          column: 'status_note',
          reason: 'a declined recommendation needs a status_note giving the reason',
        },
        {
          row: 4,
          column: 'review_id',
          reason: '"PR-2026-99" is not a known peer review; import its peer-review rows first',
        },
        { row: 6, column: 'status', reason: '"closed" is not one of open, in_progress, actioned, declined' },
      ],
    ],
    [
      'board-reviews',
      'board-reviews.json',
      2,
      [
        { row: 3, column: 'objective_ids', reason: 'not objectives in the trust config: obj-maths' },
        { row: 4, column: 'meeting_id', reason: 'is empty' },
      ],
    ],
    [
      'kpis',
      'kpis.csv',
      2,
      [
        { row: 4, column: 'objective_id', reason: '"obj-unknown" is not an objective in the trust config' },
        { row: 5, column: 'cycle_id', reason: '"2030-summer" is not a cycle in the trust config' },
      ],
    ],
    [
      'model-changes',
      'model-changes.csv',
      1,
      [
        {
          row: 3,
          column: 'source',
          reason: '"staff-survey" is not one of practitioner-feedback, peer-review, board, other',
        },
      ],
    ],
    [
      'headcount',
      'headcount.csv',
      2,
      [
        { row: 4, column: 'count', reason: '"-3" is not a whole number of people' },
        { row: 5, column: 'role', reason: '"governor" is not one of delivery, leadership' },
      ],
    ],
  ] as const)('%s: good rows imported, each bad row reported', async (kind, file, imported, rejected) => {
    const summary = await importFrom(kind, file, createReadStream(fixture(file)));
    expect(summary).toEqual({ imported, unchanged: 0, rejected });
  });

  it('reads list cells from JSON, percentages as numbers, and ignores extra columns', async () => {
    await importFrom('board-reviews', 'x.json', createReadStream(fixture('board-reviews.json')));
    expect(written().find((i) => i.sk === 'BR-2026-05')!.record).toEqual({
      meetingId: 'BR-2026-05',
      date: '2026-05-21',
      objectiveIds: ['obj-send', 'obj-leaders'],
      dataSources: 'SEND audit',
    });
    ddb.resetHistory();
    await importFrom(
      'kpis',
      'x.csv',
      'Objective_ID,Cycle_ID,Actual,Target,Comment\nobj-attendance,2026-summer,93.8%,95,on track\n',
    );
    expect(written()[0]!.record).toEqual({
      objectiveId: 'obj-attendance',
      cycleId: '2026-summer',
      actual: 93.8,
      target: 95,
    });
  });
});

describe('upsert by natural key', () => {
  const row =
    'recommendation_id,review_id,pillar,text,due,status\nREC-1,PR-2026-10,vision,Do the thing,2026-05-31,open\n';

  it('writes nothing when the stored record is the same, so re-importing a file changes nothing', async () => {
    await importFrom('recommendations', 'r.csv', row, '2026-04-01');
    const stored = written()[0]!.record;
    ddb.reset();
    ddb.on(QueryCommand).resolves({ Items: [{ record: { reviewId: 'PR-2026-10' } }] });
    ddb.on(BatchGetCommand).resolves({ Responses: { table: [{ sk: 'REC-1', record: stored }] } });
    ddb.on(BatchWriteCommand).resolves({});

    expect(await importFrom('recommendations', 'r.csv', row, '2026-05-01')).toEqual({
      imported: 0,
      unchanged: 1,
      rejected: [],
    });
    expect(ddb.commandCalls(BatchWriteCommand)).toHaveLength(0);
  });

  it('updates a changed row and keeps the day each recommendation status was first seen', async () => {
    ddb.on(BatchGetCommand).resolves({
      Responses: {
        table: [
          {
            sk: 'REC-1',
            record: {
              recommendationId: 'REC-1',
              reviewId: 'PR-2026-10',
              pillar: 'vision',
              text: 'Do the thing',
              due: '2026-05-31',
              status: 'open',
              statusHistory: { open: '2026-04-01' },
            },
          },
        ],
      },
    });
    const summary = await importFrom(
      'recommendations',
      'r.csv',
      row.replace(',open', ',actioned'),
      '2026-05-20',
    );
    expect(summary.imported).toBe(1);
    expect(written()[0]!.record.statusHistory).toEqual({ open: '2026-04-01', actioned: '2026-05-20' });
  });

  it('lets the later of two rows with the same key win, never putting one key twice in a batch', async () => {
    const twice =
      'division,role,count\noak-primary,delivery,30\nash-primary,delivery,20\noak-primary,delivery,31\n';
    expect(await importFrom('headcount', 'h.csv', twice)).toEqual({
      imported: 3,
      unchanged: 0,
      rejected: [],
    });
    const batches = ddb
      .commandCalls(BatchWriteCommand)
      .map((c) => c.args[0].input.RequestItems!.table!.map((r) => r.PutRequest!.Item!.sk));
    for (const b of batches) expect(new Set(b).size).toBe(b.length);
    expect(
      written()
        .filter((i) => i.sk === 'oak-primary#delivery')
        .at(-1)!.record.count,
    ).toBe(31);
  });

  it('retries writes DynamoDB leaves unprocessed when throttled, until every row is stored', async () => {
    const item = (sk: string) => ({ PutRequest: { Item: { pk: 'EVIDENCE#headcount', sk } } });
    ddb
      .on(BatchWriteCommand)
      .resolvesOnce({ UnprocessedItems: { table: [item('ash-primary#delivery')] } })
      .resolves({});
    expect(
      await importFrom(
        'headcount',
        'h.csv',
        'division,role,count\noak-primary,delivery,30\nash-primary,delivery,20\n',
      ),
    ).toMatchObject({ imported: 2 });
    const calls = ddb.commandCalls(BatchWriteCommand);
    expect(calls).toHaveLength(2);
    expect(calls[1]!.args[0].input.RequestItems!.table).toEqual([item('ash-primary#delivery')]);
  });
});
