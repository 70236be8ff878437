// Proves publish writes the four report files with their content types, encrypted, and a manifest whose checksums match.
import { afterEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mockClient } from 'aws-sdk-client-mock';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  ConcurrentPublishError,
  UnauditedEvaluationError,
  publishCycle,
  publishStep,
} from '../../shared/cycle/publish';
import { CycleRepository } from '../../shared/store/cycles';
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
      now: () => new Date('2026-12-19T01:00:00Z'),
    };
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
