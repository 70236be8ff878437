import type { Readable } from 'node:stream';
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
import { ImportFileError, importRows, readRows, type ImportSummary } from '../imports/import-rows';
import type { EvidenceRepository } from '../store/evidence';
import { objectKeys } from '../store/keys';

export interface GatheredFile {
  key: string;
  kind: EvidenceKindName | null;
  summary?: ImportSummary;
  error?: string;
}

export interface GatherDeps {
  s3: S3Client;
  bucket: string;
  evidence: EvidenceRepository;
  config: TrustConfig;
  today: () => string;
  /** The key staff addresses are hashed with, read only when a staff list arrives. */
  staffKey: () => Promise<Buffer>;
}

/**
 * Processes every file in the inbox. A file moves to processed/ only after all its good rows are
 * stored, so a failure part-way leaves it in the inbox and the next run finishes it; the rows stored
 * the first time are then unchanged, not duplicated. Rejected rows, or the reason a whole file was
 * refused, go to quarantine/{kind}/{file}.errors.json. Kinds run in dependency order: peer reviews
 * before the recommendations that cite them.
 */
export async function gatherInbox(deps: GatherDeps): Promise<GatheredFile[]> {
  const byKind = new Map<EvidenceKindName | null, string[]>();
  for await (const page of paginateListObjectsV2(
    { client: deps.s3 },
    { Bucket: deps.bucket, Prefix: objectKeys.inboxRoot },
  )) {
    for (const object of page.Contents ?? []) {
      if (!object.Key || object.Key.endsWith('/')) continue;
      const folder = object.Key.split('/')[1] ?? '';
      const kind =
        (EVIDENCE_KINDS as readonly string[]).includes(folder) && object.Key.split('/').length === 3
          ? (folder as EvidenceKindName)
          : null;
      byKind.set(kind, [...(byKind.get(kind) ?? []), object.Key]);
    }
  }
  const results: GatheredFile[] = [];
  for (const kind of [...EVIDENCE_KINDS, null])
    for (const key of byKind.get(kind) ?? []) results.push(await gatherFile(key, kind, deps));
  return results;
}

async function gatherFile(
  key: string,
  kind: EvidenceKindName | null,
  deps: GatherDeps,
): Promise<GatheredFile> {
  let outcome: GatheredFile;
  if (kind === null) {
    outcome = {
      key,
      kind,
      error: `files go in a folder named after their kind: inbox/{${EVIDENCE_KINDS.join('|')}}/FILE`,
    };
  } else {
    const object = await deps.s3.send(new GetObjectCommand({ Bucket: deps.bucket, Key: key }));
    try {
      const rows = readRows(kind, key, object.Body as Readable);
      outcome = {
        key,
        kind,
        summary: await importRows(kind, rows, {
          config: deps.config,
          repo: deps.evidence,
          today: deps.today(),
          staffKey: kind === 'staff' ? await deps.staffKey() : undefined,
        }),
      };
    } catch (err) {
      if (!(err instanceof ImportFileError)) throw err;
      outcome = { key, kind, error: err.message };
    }
  }
  const errors = outcome.error
    ? { file: key, error: outcome.error, rejected: [] }
    : outcome.summary?.rejected.length
      ? {
          file: key,
          imported: outcome.summary.imported,
          unchanged: outcome.summary.unchanged,
          rejected: outcome.summary.rejected,
        }
      : undefined;
  if (errors)
    await deps.s3.send(
      new PutObjectCommand({
        Bucket: deps.bucket,
        Key: objectKeys.quarantine(key),
        Body: JSON.stringify(errors, null, 2),
        ContentType: 'application/json',
      }),
    );
  await deps.s3.send(
    new CopyObjectCommand({
      Bucket: deps.bucket,
      Key: objectKeys.processed(key),
      CopySource: `${deps.bucket}/${encodeURIComponent(key).replace(/%2F/g, '/')}`,
    }),
  );
  await deps.s3.send(new DeleteObjectCommand({ Bucket: deps.bucket, Key: key }));
  return outcome;
}
