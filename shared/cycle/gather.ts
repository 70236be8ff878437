import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  PutObjectCommand,
  paginateListObjectsV2,
  type S3Client,
} from '@aws-sdk/client-s3';
import { EVIDENCE_KINDS, type EvidenceKindName } from '../domain/evidence';
import type { TrustConfig } from '../schemas/config';
import { ImportFileError, importRows, parseEvidenceFile, type ImportSummary } from '../imports/import-rows';
import type { EvidenceRepository } from '../store/evidence';
import { objectKeys } from '../store/keys';

export interface GatheredFile {
  key: string;
  kind: EvidenceKindName;
  summary?: ImportSummary;
  error?: string;
}

export interface GatherDeps {
  s3: S3Client;
  bucket: string;
  repo: EvidenceRepository;
  config: TrustConfig;
}

/**
 * Processes every file in the inbox. A file is moved to processed/ only after all its good rows are
 * stored, so a failure part-way leaves it in the inbox and the next run finishes it; re-importing the
 * rows already stored changes nothing. Rejected rows go to quarantine/{file}.errors.json.
 */
export async function gatherInbox({ s3, bucket, repo, config }: GatherDeps): Promise<GatheredFile[]> {
  const results: GatheredFile[] = [];
  // Headcount first and recommendations after peer reviews, so references resolve within one run.
  for (const kind of EVIDENCE_KINDS) {
    for await (const page of paginateListObjectsV2(
      { client: s3 },
      { Bucket: bucket, Prefix: objectKeys.inboxPrefix(kind) },
    )) {
      for (const object of page.Contents ?? []) {
        if (!object.Key || object.Key.endsWith('/')) continue;
        results.push(await gatherFile(s3, bucket, object.Key, kind, repo, config));
      }
    }
  }
  return results;
}

async function gatherFile(
  s3: S3Client,
  bucket: string,
  key: string,
  kind: EvidenceKindName,
  repo: EvidenceRepository,
  config: TrustConfig,
): Promise<GatheredFile> {
  const body = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  const content = (await body.Body?.transformToString('utf8')) ?? '';
  let outcome: GatheredFile;
  try {
    const summary = await importRows(kind, parseEvidenceFile(key, content), config, repo);
    outcome = { key, kind, summary };
  } catch (err) {
    if (!(err instanceof ImportFileError)) throw err;
    outcome = { key, kind, error: err.message };
  }
  const errors = outcome.error
    ? { file: key, error: outcome.error, rejected: [] }
    : outcome.summary?.rejected.length
      ? { file: key, rejected: outcome.summary.rejected }
      : undefined;
  if (errors)
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: objectKeys.quarantine(key),
        Body: JSON.stringify(errors, null, 2),
        ContentType: 'application/json',
      }),
    );
  await s3.send(
    new CopyObjectCommand({
      Bucket: bucket,
      Key: objectKeys.processed(key),
      CopySource: `${bucket}/${encodeURIComponent(key).replace(/%2F/g, '/')}`,
    }),
  );
  await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
  return outcome;
}
