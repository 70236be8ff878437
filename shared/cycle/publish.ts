import { createHash } from 'node:crypto';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { Evaluation } from '../domain/evaluation';
import { renderHtmlReport } from '../report/html-report';
import { evaluationSchema } from '../schemas/evaluation';
import { objectKeys } from '../store/keys';
import type { CycleRepository } from '../store/cycles';

export interface PublishDeps {
  s3: S3Client;
  bucket: string;
  cycles: CycleRepository;
  now: () => Date;
}

export interface Published {
  reportKey: string;
  files: { key: string; sha256: string; bytes: number; contentType: string }[];
}

/** Renders the stored evaluation and writes the report, the evaluation and a manifest to S3. */
export async function publishCycle(stored: Evaluation, deps: PublishDeps): Promise<Published> {
  // What goes out must match the published schema: a mismatch fails the run instead of the reader.
  const evaluation = evaluationSchema.parse(stored);
  const files = [
    {
      key: objectKeys.report(evaluation.cycleId, 'report.html'),
      body: renderHtmlReport(evaluation),
      contentType: 'text/html; charset=utf-8',
    },
    {
      key: objectKeys.report(evaluation.cycleId, 'evaluation.json'),
      body: JSON.stringify(evaluation, null, 2),
      contentType: 'application/json',
    },
  ].map((f) => ({
    ...f,
    bytes: Buffer.byteLength(f.body),
    sha256: createHash('sha256').update(f.body).digest('hex'),
  }));
  const manifest = {
    cycleId: evaluation.cycleId,
    evaluatedAt: evaluation.evaluatedAt,
    files: files.map(({ key, sha256, bytes, contentType }) => ({ key, sha256, bytes, contentType })),
  };
  for (const f of [
    ...files,
    {
      key: objectKeys.report(evaluation.cycleId, 'manifest.json'),
      body: JSON.stringify(manifest, null, 2),
      contentType: 'application/json',
    },
  ]) {
    await deps.s3.send(
      new PutObjectCommand({ Bucket: deps.bucket, Key: f.key, Body: f.body, ContentType: f.contentType }),
    );
  }
  const reportKey = objectKeys.report(evaluation.cycleId, 'report.html');
  await deps.cycles.mark(evaluation.cycleId, { publishedAt: deps.now().toISOString(), reportKey });
  return { reportKey, files: manifest.files };
}
