// Proves `comments erase` refuses, changing nothing, an unknown cycle, a missing or unknown comment id, one already erased and a reason that quotes the comment (locally and with --aws); deletes only the earlier versions of the report files; keeps its record as long as what it accounts for; and that an erased comment still counts without changing the others shown.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DeleteObjectsCommand, ListObjectVersionsCommand, S3Client } from '@aws-sdk/client-s3';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { deleteEarlierVersions } from '../../shared/cycle/erase-comment';
import { commentId } from '../../shared/domain/moderation';
import { Retention } from '../../shared/domain/retention';
import { moderationWords } from '../../shared/report/labels';
import { aggregate, response, times } from '../support/builders';
import { deployedStack, runCli as cli } from '../support/cli';

const cfn = mockClient(CloudFormationClient);
const s3 = mockClient(S3Client);
const ddb = mockClient(DynamoDBDocumentClient);
const CYCLE = '2026-autumn';
const COMMENT = 'Mrs Example was rude in the review meeting.';
const ID = commentId(CYCLE, COMMENT);

const writes = () =>
  ddb.calls().filter((c) => [PutCommand, UpdateCommand, DeleteCommand].some((w) => c.args[0] instanceof w))
    .length + s3.calls().filter((c) => !(c.args[0] instanceof ListObjectVersionsCommand)).length;

beforeEach(() => {
  cfn.on(DescribeStacksCommand).resolves(
    deployedStack({
      FormBaseUrl: 'https://abc.execute-api.eu-west-2.amazonaws.com/f/',
      BucketName: 'bucket',
      TableName: 'table',
      StateMachineArn: 'arn:aws:states:eu-west-2:123456789012:stateMachine:Cycle',
    }),
  );
  // The deployed table: one response carries the comment; nothing else is stored for the cycle.
  ddb.on(GetCommand).resolves({});
  ddb.on(QueryCommand).resolves({ Items: [] });
  ddb.on(QueryCommand, { ExpressionAttributeValues: { ':prefix': 'RESPONSE#' } }).resolves({
    Items: [
      {
        ...{ pk: `RESPONSES#${CYCLE}`, sk: 'RESPONSE#r1', type: 'response' },
        ...response({ responseId: 'r1', comment: COMMENT }),
      },
    ],
  });
});
afterEach(() => {
  cfn.reset();
  s3.reset();
  ddb.reset();
});

describe('pillar7 comments erase', () => {
  it('is listed by --help', async () => {
    const r = await cli('--help');
    expect(r.out).toContain('comments erase CYCLE_ID --comment ID [--reason TEXT]');
  });
});

describe('pillar7 comments erase: refused, nothing changed', () => {
  it('for a cycle the config does not list, or without --comment: bad usage, before anything is read', async () => {
    for (const aws of [[], ['--aws']]) {
      const unknown = await cli('comments', 'erase', '2099-nope', '--comment', ID, ...aws);
      expect(unknown.code).toBe(2);
      expect(unknown.err).toMatch(/^cycle "2099-nope" is not in .* \(known: 2026-spring, /);
      const missing = await cli('comments', 'erase', CYCLE, ...aws);
      expect(missing.code).toBe(2);
      expect(missing.err).toContain(
        `comments erase needs --comment ID (pillar7 cycle comments ${CYCLE} lists`,
      );
    }
    expect(cfn.calls()).toHaveLength(0);
    expect(ddb.calls()).toHaveLength(0);
  });

  it('for a comment id the cycle does not have', async () => {
    const r = await cli('comments', 'erase', CYCLE, '--comment', 'AAAAAAAAAAAAAAAA', '--aws');
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      `pillar7: cycle ${CYCLE} has no comment AAAAAAAAAAAAAAAA: pillar7 cycle comments ${CYCLE} lists its comments with their ids`,
    );
    expect(writes()).toBe(0);
  });

  it('for a comment already erased, of which no copy is left, saying when and by whom', async () => {
    ddb.on(QueryCommand, { ExpressionAttributeValues: { ':prefix': 'RESPONSE#' } }).resolves({
      Items: [
        {
          ...{ pk: `RESPONSES#${CYCLE}`, sk: 'RESPONSE#r1', type: 'response' },
          ...response({ responseId: 'r1', commentErased: true }),
        },
      ],
    });
    ddb.on(GetCommand, { Key: { pk: `CYCLE#${CYCLE}`, sk: `ERASURE#${ID}` } }).resolves({
      Item: {
        type: 'erasure',
        commentId: ID,
        by: 'cli:dpo',
        at: '2026-12-20T10:00:00.000Z',
        finishedAt: '2026-12-20T10:00:05.000Z',
        responses: 1,
        inReport: true,
      },
    });
    const r = await cli('comments', 'erase', CYCLE, '--comment', ID, '--aws');
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      `pillar7: comment ${ID} of cycle ${CYCLE} was already erased, on 2026-12-20 by cli:dpo; nothing was changed`,
    );
    expect(writes()).toBe(0);
  });

  it('for a reason that quotes the comment (the reason is kept), or is over 500 characters', async () => {
    const quoting = await cli(
      'comments',
      'erase',
      CYCLE,
      '--comment',
      ID,
      '--aws',
      '--reason',
      `said "${COMMENT}"`,
    );
    expect(quoting.code).toBe(2);
    expect(quoting.err).toBe(
      'pillar7: the reason repeats the comment, and the reason is kept: say why without quoting it',
    );
    const long = await cli('comments', 'erase', CYCLE, '--comment', ID, '--aws', '--reason', 'x'.repeat(501));
    expect(long.code).toBe(2);
    expect(long.err).toBe('pillar7: the reason must be at most 500 characters (it has 501)');
    expect(writes()).toBe(0);
  });
});

describe('earlier versions of the report files', () => {
  it('deletes every version but the latest, page by page, and only under the cycle’s report folder', async () => {
    s3.on(ListObjectVersionsCommand)
      .resolvesOnce({
        IsTruncated: true,
        NextKeyMarker: `reports/${CYCLE}/report.html`,
        NextVersionIdMarker: 'h1',
        Versions: [
          { Key: `reports/${CYCLE}/evaluation.json`, VersionId: 'e2', IsLatest: true },
          { Key: `reports/${CYCLE}/evaluation.json`, VersionId: 'e1', IsLatest: false },
          { Key: `reports/${CYCLE}/report.html`, VersionId: 'h2', IsLatest: true },
        ],
      })
      .resolvesOnce({
        IsTruncated: false,
        Versions: [
          { Key: `reports/${CYCLE}/report.html`, VersionId: 'h1', IsLatest: false },
          { Key: `reports/${CYCLE}/report.pdf`, VersionId: 'p1', IsLatest: true },
        ],
      });
    s3.on(DeleteObjectsCommand).resolves({});

    const removed = await deleteEarlierVersions(CYCLE, { s3: new S3Client({}), bucket: 'bucket' });

    expect(removed).toBe(2);
    const lists = s3.commandCalls(ListObjectVersionsCommand).map((c) => c.args[0].input);
    expect(lists.map((l) => [l.Prefix, l.KeyMarker, l.VersionIdMarker])).toEqual([
      [`reports/${CYCLE}/`, undefined, undefined],
      [`reports/${CYCLE}/`, `reports/${CYCLE}/report.html`, 'h1'],
    ]);
    expect(s3.commandCalls(DeleteObjectsCommand).map((c) => c.args[0].input.Delete!.Objects)).toEqual([
      [{ Key: `reports/${CYCLE}/evaluation.json`, VersionId: 'e1' }],
      [{ Key: `reports/${CYCLE}/report.html`, VersionId: 'h1' }],
    ]);
  });

  it('fails, so the erasure stays unfinished, when a version could not be deleted', async () => {
    s3.on(ListObjectVersionsCommand).resolves({
      Versions: [{ Key: `reports/${CYCLE}/report.pdf`, VersionId: 'p1', IsLatest: false }],
    });
    s3.on(DeleteObjectsCommand).resolves({
      Errors: [{ Key: `reports/${CYCLE}/report.pdf`, Code: 'AccessDenied' }],
    });
    await expect(
      deleteEarlierVersions(CYCLE, { s3: new S3Client({}), bucket: 'bucket' }),
    ).rejects.toMatchObject({
      name: 'ErasureInterruptedError',
      message: `could not delete 1 earlier version(s) of the report files of ${CYCLE} (AccessDenied); run the erasure again`,
    });
  });
});

describe('what an erasure leaves', () => {
  it('keeps the record as long as the cycle’s records, or the report files written again, whichever is longer', () => {
    const cycles = [{ id: CYCLE, end: '2026-12-18' }];
    const months = { responses: 24, evaluations: 72, reports: 72, evidence: 72 };
    const at = (iso: string) => Date.parse(iso) / 1000;
    const soon = new Retention(months, cycles, () => new Date('2027-01-10T09:00:00Z'));
    expect(soon.erasures(CYCLE)).toBe(at('2033-01-10T00:00:00Z'));
    const shortReports = new Retention(
      { ...months, reports: 12 },
      cycles,
      () => new Date('2027-01-10T09:00:00Z'),
    );
    expect(shortReports.erasures(CYCLE)).toBe(shortReports.cycleRecords(CYCLE));
    expect(soon.erasures('2025-spring')).toBeUndefined();
  });

  it('counts an erased comment, and shows every other comment as before, in the same order', () => {
    const responses = times(60, (i) => response({ safety: 3, comment: `Comment number ${i}.` }));
    const whole = aggregate(responses).comments();
    // More comments than the sample keeps (40): erase one the sample shows.
    const gone = whole.shown[3]!;
    const erased = responses.map((r) =>
      r.comment === gone ? { ...r, comment: undefined, commentErased: true as const } : r,
    );
    const after = aggregate(erased).comments();
    expect(whole.shown).toHaveLength(40);
    expect(after.total).toBe(60);
    expect(after.shown).toEqual(whole.shown.filter((c) => c !== gone));
  });

  it('tells the board in words how many comments were erased, and nothing when none was', () => {
    expect(moderationWords({ held: 0, withheld: 0, redacted: 0, erased: 1 })).toEqual([
      "1 comment was erased to protect someone's personal data, and is not shown.",
    ]);
    expect(moderationWords({ held: 0, withheld: 0, redacted: 0, erased: 2 })[0]).toBe(
      "2 comments were erased to protect someone's personal data, and are not shown.",
    );
    expect(moderationWords({ held: 0, withheld: 0, redacted: 0 })).toEqual([]);
  });
});
