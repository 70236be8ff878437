import { presignS3Get, presignS3List, presignS3Post, type PresignedPost } from '../aws/sigv4';
import type { EvidenceKindName } from '../domain/evidence';
import type { ImportResult } from '../cycle/gather';
import { objectKeys } from '../store/keys';

/** The largest evidence file the console's upload form accepts. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
/** How many import results the evidence page lists, newest first. */
export const RESULTS_SHOWN = 20;

/** Evidence files uploaded from the console: the upload form, and each file's import result. */
export interface EvidenceUploads {
  uploadForm(kind: EvidenceKindName, redirect: string, at: Date): Promise<PresignedPost>;
  /** The newest import results, newest first. */
  results(): Promise<ImportResult[]>;
  /** One inbox file's import result, once the file has been imported. */
  result(inboxKey: string): Promise<ImportResult | undefined>;
}

const stamp = (at: Date) => at.toISOString().replace(/[-:]|\.\d{3}/g, '');

const isResult = (v: unknown): v is ImportResult =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as ImportResult).file === 'string' &&
  typeof (v as ImportResult).at === 'string' &&
  Array.isArray((v as ImportResult).rejected);

/**
 * The bucket, reached with hand-signed requests (the console's bundle cannot also hold the S3
 * client): a presigned POST puts a file under inbox/{kind}/, and the bucket's notification has the
 * gather function import it and write its result under imports/.
 */
export function bucketUploads(bucket: string): EvidenceUploads {
  const getJson = async (key: string): Promise<unknown> => {
    const res = await fetch(await presignS3Get(bucket, key, 60));
    if (res.status === 404) return undefined;
    if (!res.ok) throw new Error(`could not read ${key}: HTTP ${res.status}`);
    return res.json();
  };
  return {
    uploadForm: (kind, redirect, at) =>
      presignS3Post(bucket, {
        keyPrefix: `${objectKeys.inboxPrefix(kind)}${stamp(at)}-`,
        redirect,
        maxBytes: MAX_UPLOAD_BYTES,
        expiresIn: 3600,
      }),
    results: async () => {
      const res = await fetch(await presignS3List(bucket, objectKeys.importResultsRoot, 60));
      if (!res.ok) throw new Error(`could not list import results: HTTP ${res.status}`);
      const xml = await res.text();
      const objects = [...xml.matchAll(/<Contents>([\s\S]*?)<\/Contents>/g)].map((m) => ({
        key: decodeXml(/<Key>([\s\S]*?)<\/Key>/.exec(m[1]!)?.[1] ?? ''),
        modified: /<LastModified>([^<]*)<\/LastModified>/.exec(m[1]!)?.[1] ?? '',
      }));
      const newest = objects.sort((a, b) => b.modified.localeCompare(a.modified)).slice(0, RESULTS_SHOWN);
      const results = await Promise.all(newest.map((o) => getJson(o.key)));
      return results.filter(isResult).sort((a, b) => b.at.localeCompare(a.at));
    },
    result: async (inboxKey) => {
      const v = await getJson(objectKeys.importResult(inboxKey));
      return isResult(v) ? v : undefined;
    },
  };
}

const decodeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
