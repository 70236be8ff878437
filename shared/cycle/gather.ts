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
import { importRows, readRows, type ImportSummary } from '../imports/import-rows';
import { ImportFileError } from '../errors';
import type { EvidenceRepository } from '../store/evidence';
import { objectKeys } from '../store/keys';

export interface GatheredFile {
  key: string;
  kind: EvidenceKindName | null;
  summary?: ImportSummary;
  error?: string;
}

/** A file's import result as kept under imports/ for the console: what the CLI prints for it. */
export interface ImportResult {
  file: string;
  kind: EvidenceKindName | null;
  /** When it was imported (ISO 8601). */
  at: string;
  imported: number;
  unchanged: number;
  rejected: ImportSummary['rejected'];
  /** Why the whole file was refused, if it was. */
  error?: string;
}

export interface GatherDeps {
  s3: S3Client;
  bucket: string;
  evidence: EvidenceRepository;
  config: TrustConfig;
  today: () => string;
  now?: () => Date;
  /** The key staff addresses are hashed with, read only when a staff list arrives. */
  staffKey: () => Promise<Buffer>;
}

/**
 * Processes every file in the inbox. A file moves to processed/ only after all its good rows are
 * stored, so a failure part-way leaves it in the inbox and the next run finishes it; the rows stored
 * the first time are then unchanged, not duplicated. Rejected rows, or the reason a whole file was
 * refused, go to quarantine/{kind}/{file}.errors.json, and every file's result to
 * imports/{kind}/{file}.json (what the console shows). Kinds run in dependency order: peer reviews
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
      const kind = kindOfKey(object.Key);
      byKind.set(kind, [...(byKind.get(kind) ?? []), object.Key]);
    }
  }
  const results: GatheredFile[] = [];
  for (const kind of [...EVIDENCE_KINDS, null])
    for (const key of byKind.get(kind) ?? []) {
      const outcome = await gatherFile(key, kind, deps);
      if (outcome) results.push(outcome);
    }
  return results;
}

/** The evidence kind an inbox key names (inbox/{kind}/FILE), or null. */
export function kindOfKey(key: string): EvidenceKindName | null {
  const [root, folder, ...rest] = key.split('/');
  return root === 'inbox' && rest.length === 1 && (EVIDENCE_KINDS as readonly string[]).includes(folder!)
    ? (folder as EvidenceKindName)
    : null;
}

/**
 * Imports the files just uploaded to the inbox (the bucket's notification, so a QA lead sees the
 * result in seconds, not at the next run). A file already gathered by a run is skipped.
 */
export async function gatherUploaded(keys: string[], deps: GatherDeps): Promise<GatheredFile[]> {
  const results: GatheredFile[] = [];
  for (const key of keys.filter((k) => k.startsWith(objectKeys.inboxRoot) && !k.endsWith('/'))) {
    const outcome = await gatherFile(key, kindOfKey(key), deps);
    if (outcome) results.push(outcome);
  }
  return results;
}

/** One inbox file imported, its result kept, and the file moved on; null if another run took it first. */
async function gatherFile(
  key: string,
  kind: EvidenceKindName | null,
  deps: GatherDeps,
): Promise<GatheredFile | null> {
  let outcome: GatheredFile;
  if (kind === null) {
    outcome = {
      key,
      kind,
      error: `files go in a folder named after their kind: inbox/{${EVIDENCE_KINDS.join('|')}}/FILE`,
    };
  } else {
    let object;
    try {
      object = await deps.s3.send(new GetObjectCommand({ Bucket: deps.bucket, Key: key }));
    } catch (err) {
      if ((err as { name?: string }).name === 'NoSuchKey') return null;
      throw err;
    }
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
  const result: ImportResult = {
    file: key,
    kind,
    at: (deps.now?.() ?? new Date()).toISOString(),
    imported: outcome.summary?.imported ?? 0,
    unchanged: outcome.summary?.unchanged ?? 0,
    rejected: outcome.summary?.rejected ?? [],
    ...(outcome.error ? { error: outcome.error } : {}),
  };
  await deps.s3.send(
    new PutObjectCommand({
      Bucket: deps.bucket,
      Key: objectKeys.importResult(key),
      Body: JSON.stringify(result, null, 2),
      ContentType: 'application/json',
    }),
  );
  try {
    await deps.s3.send(
      new CopyObjectCommand({
        Bucket: deps.bucket,
        Key: objectKeys.processed(key),
        CopySource: `${deps.bucket}/${encodeURIComponent(key).replace(/%2F/g, '/')}`,
      }),
    );
  } catch (err) {
    // Another import of the same file (a run, and the upload's own) moved it first: its rows are stored.
    if ((err as { name?: string }).name === 'NoSuchKey') return outcome;
    throw err;
  }
  await deps.s3.send(new DeleteObjectCommand({ Bucket: deps.bucket, Key: key }));
  return outcome;
}
