// Proves publish writes the four report files with their content types, encrypted, and a manifest whose checksums match.
import { afterEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mockClient } from 'aws-sdk-client-mock';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { publishCycle, publishStep } from '../../shared/cycle/publish';
import { CycleRepository } from '../../shared/store/cycles';
import { ModerationRepository } from '../../shared/store/moderation';
import { ConcurrentPublishError, NotApprovedError, UnauditedEvaluationError } from '../../shared/errors';
import { commentId } from '../../shared/domain/moderation';
import { auditedEvaluationOf, evaluationOf } from '../support/builders';
import { exampleConfig } from '../support/fixtures';

const s3 = mockClient(S3Client);
const ddb = mockClient(DynamoDBDocumentClient);
afterEach(() => {
  s3.reset();
  ddb.reset();
});

describe('publishCycle', () => {
  it('writes report.html, report.pdf, evaluation.json and manifest.json under reports/{cycle}/, encrypted', async () => {
    s3.on(PutObjectCommand).resolves({});
    ddb.on(GetCommand).resolves({});
    ddb.on(UpdateCommand).resolves({});
    const config = exampleConfig();
    const evaluation = await auditedEvaluationOf(config);

    const published = await publishCycle(evaluation, {
      config,
      s3: new S3Client({}),
      bucket: 'b',
      cycles: new CycleRepository(DynamoDBDocumentClient.from(new DynamoDBClient({})), 't'),
      now: () => new Date('2026-12-19T01:00:00Z'),
    });

    const puts = s3.commandCalls(PutObjectCommand).map((c) => c.args[0].input);
    expect(puts.map((p) => [p.Key, p.ContentType, p.ServerSideEncryption])).toEqual([
      ['reports/2026-autumn/report.html', 'text/html; charset=utf-8', 'AES256'],
      ['reports/2026-autumn/report.pdf', 'application/pdf', 'AES256'],
      ['reports/2026-autumn/evaluation.json', 'application/json', 'AES256'],
      ['reports/2026-autumn/manifest.json', 'application/json', 'AES256'],
    ]);
    const manifest = JSON.parse(String(puts[3]!.Body)) as {
      files: { key: string; sha256: string; bytes: number }[];
    };
    for (const [i, file] of manifest.files.entries()) {
      const body = puts[i]!.Body as Buffer;
      expect(file).toMatchObject({
        key: puts[i]!.Key,
        bytes: body.length,
        sha256: createHash('sha256').update(body).digest('hex'),
      });
    }
    expect((puts[1]!.Body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    expect(published.pdfBytes).toBe((puts[1]!.Body as Buffer).length);
  });

  it('refuses an evaluation that never passed the disclosure audit, and writes nothing', async () => {
    s3.on(PutObjectCommand).resolves({});
    const config = exampleConfig();
    await expect(
      publishCycle(evaluationOf(config), {
        config,
        s3: new S3Client({}),
        bucket: 'b',
        cycles: new CycleRepository(DynamoDBDocumentClient.from(new DynamoDBClient({})), 't'),
        now: () => new Date('2026-12-19T01:00:00Z'),
      }),
    ).rejects.toThrow(UnauditedEvaluationError);
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0);
  });

  it('publishes again when another run stored a different evaluation meanwhile, even one evaluated in the same instant', async () => {
    s3.on(PutObjectCommand).resolves({});
    ddb.on(UpdateCommand).resolves({});
    const config = exampleConfig();
    const first = await auditedEvaluationOf(config);
    // The other run: same evaluatedAt, its audit took a different time.
    const other = structuredClone(first);
    other.disclosureAudit!.milliseconds = first.disclosureAudit!.milliseconds + 7;
    const deps = {
      config,
      s3: new S3Client({}),
      bucket: 'b',
      cycles: new CycleRepository(DynamoDBDocumentClient.from(new DynamoDBClient({})), 't'),
      moderation: new ModerationRepository(DynamoDBDocumentClient.from(new DynamoDBClient({})), 't'),
      now: () => new Date('2026-12-19T01:00:00Z'),
    };
    ddb.on(QueryCommand).resolves({ Items: [] });
    const item = (evaluation: unknown) => ({ Item: { evaluation } });
    ddb
      .on(GetCommand)
      .resolvesOnce({})
      .resolvesOnce(item(first))
      .resolvesOnce(item(other))
      .resolves(item(other));
    await expect(publishStep(first.cycleId, false, deps)).rejects.toThrow(ConcurrentPublishError);

    ddb.on(GetCommand).resolvesOnce({}).resolves(item(other));
    await expect(publishStep(first.cycleId, false, deps)).resolves.toMatchObject({ reused: false });
  });
});

describe('publishStep: draft and final', () => {
  const db = () => DynamoDBDocumentClient.from(new DynamoDBClient({}));
  const setup = async (run: Record<string, unknown>, decisions: Record<string, unknown>[] = []) => {
    s3.on(PutObjectCommand).resolves({});
    ddb.on(UpdateCommand).resolves({});
    const config = exampleConfig();
    const evaluation = await auditedEvaluationOf(config);
    evaluation.practitioners.comments = [
      'Peer review helped us a lot.',
      'Mrs Smith in Year 4 is great.',
      'Jo Bloggs was dismissive.',
    ];
    ddb.on(GetCommand).resolves({});
    ddb.on(GetCommand, { Key: { pk: `CYCLE#${evaluation.cycleId}`, sk: 'RUN' } }).resolves({ Item: run });
    ddb
      .on(GetCommand, { Key: { pk: `CYCLE#${evaluation.cycleId}`, sk: 'EVALUATION' } })
      .resolves({ Item: { evaluation } });
    ddb.on(QueryCommand).resolves({ Items: decisions });
    const deps = {
      config,
      s3: new S3Client({}),
      bucket: 'b',
      cycles: new CycleRepository(db(), 't'),
      moderation: new ModerationRepository(db(), 't'),
      now: () => new Date('2026-12-19T01:00:00Z'),
    };
    return { evaluation, deps };
  };
  const publishedJson = () => {
    const put = s3
      .commandCalls(PutObjectCommand)
      .find((c) => c.args[0].input.Key!.endsWith('evaluation.json'))!;
    return JSON.parse(String(put.args[0].input.Body)) as {
      practitioners: { comments: string[] };
      review: Record<string, unknown>;
    };
  };

  it('publishes a draft that holds flagged comments back, counted, and marks the draft', async () => {
    const { evaluation, deps } = await setup({});
    await expect(publishStep(evaluation.cycleId, false, deps)).resolves.toMatchObject({ held: 2 });
    const json = publishedJson();
    expect(json.practitioners.comments).toEqual(['Peer review helped us a lot.']);
    expect(json.review).toEqual({ status: 'draft', moderation: { held: 2, withheld: 0, redacted: 0 } });
    const marks = ddb.commandCalls(UpdateCommand).map((c) => c.args[0].input.ExpressionAttributeValues);
    expect(marks.some((v) => Object.values(v ?? {}).includes('2026-12-19T01:00:00.000Z'))).toBe(true);
  });

  it('refuses the final report of a manual cycle whose draft no one approved', async () => {
    const { evaluation, deps } = await setup({ draftAt: '2026-12-19T00:00:00.000Z' });
    await expect(publishStep(evaluation.cycleId, false, deps, 'final')).rejects.toThrow(NotApprovedError);
    // An approval of an older draft does not stand for this one.
    const older = await setup({
      draftAt: '2026-12-19T00:00:00.000Z',
      approvedAt: '2026-12-18T09:00:00.000Z',
    });
    await expect(publishStep(older.evaluation.cycleId, false, older.deps, 'final')).rejects.toThrow(
      NotApprovedError,
    );
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0);
  });

  it('publishes the approved report with the commentary and the decisions: kept, redacted, withheld', async () => {
    const cycle = 'x';
    const { evaluation, deps } = await setup(
      {
        draftAt: '2026-12-19T00:00:00.000Z',
        approvedAt: '2026-12-19T00:30:00.000Z',
        approvedBy: 'qa.lead@riverbend-trust.example',
        commentary: 'We will act on <b>this</b>.',
      },
      [],
    );
    const id = (text: string) => commentId(evaluation.cycleId, text);
    ddb.on(QueryCommand).resolves({
      Items: [
        {
          commentId: id('Mrs Smith in Year 4 is great.'),
          action: 'redact',
          span: 'Mrs Smith',
          by: 'qa',
          at: cycle,
        },
        { commentId: id('Jo Bloggs was dismissive.'), action: 'withhold', by: 'qa', at: cycle },
      ],
    });
    await publishStep(evaluation.cycleId, false, deps, 'final');
    const json = publishedJson();
    expect(json.practitioners.comments).toEqual([
      'Peer review helped us a lot.',
      '[removed] in Year 4 is great.',
    ]);
    expect(json.review).toEqual({
      status: 'approved',
      approvedOn: '2026-12-19',
      commentary: 'We will act on <b>this</b>.',
      moderation: { held: 0, withheld: 1, redacted: 1 },
    });
    // Who approved is recorded, never published.
    expect(JSON.stringify(json)).not.toContain('qa.lead@');
  });
});
