import { pipeline, type Readable } from 'node:stream';
import { parse as csvParser } from 'csv-parse';
import { naturalKey, REQUIRED_COLUMNS, type EvidenceByKind, type EvidenceKindName } from '../domain/evidence';
import type { TrustConfig } from '../schemas/config';
import { evidenceRowSchemas, type RawRow } from '../schemas/evidence';
import type { EvidenceRepository } from '../store/evidence';
import { ImportFileError } from '../errors';

export type { ImportSummary, RejectedRow } from './summary';
import type { ImportSummary } from './summary';

export interface SourceRow {
  row: number;
  raw: RawRow;
}

/** JSON has no streaming form here; past this size a file should be sent as CSV. */
export const MAX_JSON_BYTES = 20 * 1024 * 1024;
const BATCH = 100;

// A CSV's byte-order mark is taken off by the parser (`bom`), a JSON file's before it is parsed.
const normaliseHeader = (h: string) => h.trim().toLowerCase();

function checkColumns(kind: EvidenceKindName, columns: Iterable<string>): void {
  const have = new Set(columns);
  const missing = REQUIRED_COLUMNS[kind].filter((c) => !have.has(c));
  if (missing.length)
    throw new ImportFileError(
      `missing required column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`,
    );
}

// A JSON cell: null (JSON has no undefined) is empty.
const cell = (v: unknown): string =>
  v === null
    ? ''
    : Array.isArray(v)
      ? v.map(cell).join(';')
      : typeof v === 'object'
        ? JSON.stringify(v)
        : String(v);

/**
 * CSV as Excel writes it (BOM, CRLF, quoted fields with commas and newlines, blank lines), streamed a
 * record at a time. Blank rows are skipped but still counted, so row numbers match the spreadsheet.
 */
async function* csvRows(kind: EvidenceKindName, input: Readable): AsyncGenerator<SourceRow> {
  let headerError: ImportFileError | undefined;
  const parser = csvParser({
    bom: true,
    columns: (header: string[]) => {
      const names = header.map(normaliseHeader);
      try {
        checkColumns(kind, names);
      } catch (err) {
        headerError = err as ImportFileError;
      }
      return names;
    },
    relax_column_count: true,
    skip_empty_lines: false,
  });
  // pipeline, not pipe: a file that stops arriving fails the import rather than leaving it waiting,
  // and the file is closed however reading ends (an error, a refusal, or the reader stopping early).
  pipeline(input, parser, () => {});
  let row = 1;
  try {
    for await (const record of parser as AsyncIterable<RawRow>) {
      if (headerError) throw headerError;
      row += 1;
      if (Object.values(record).every((v) => v.trim() === '')) continue;
      yield { row, raw: record };
    }
  } catch (err) {
    if (err instanceof ImportFileError) throw err;
    // The parser counts the records it read before the one it could not (the header is row 1); a
    // file that failed to arrive stops after the last row read.
    const read = (err as { records?: unknown }).records;
    const at = typeof read === 'number' ? read + 2 : row + 1;
    throw new ImportFileError(`not readable as CSV near row ${at}: ${(err as Error).message}`);
  }
  if (headerError) throw headerError;
  if (row === 1)
    throw new ImportFileError('the file is empty: it needs a header row and at least one row of data');
}

/** A JSON array of row objects; element 1 is row 1. */
async function* jsonRows(kind: EvidenceKindName, input: Readable): AsyncGenerator<SourceRow> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of input) {
    size += (chunk as Buffer).length;
    if (size > MAX_JSON_BYTES) {
      input.destroy();
      throw new ImportFileError(
        `JSON files may be at most ${MAX_JSON_BYTES / 1024 / 1024} MB; send a larger file as CSV`,
      );
    }
    chunks.push(chunk as Buffer);
  }
  let data: unknown;
  try {
    data = JSON.parse(
      Buffer.concat(chunks)
        .toString('utf8')
        .replace(/^\uFEFF/, ''),
    );
  } catch (err) {
    throw new ImportFileError(`not valid JSON: ${(err as Error).message}`);
  }
  if (!Array.isArray(data))
    throw new ImportFileError('a JSON file must hold an array of rows, e.g. [{"review_id": "PR-1", ...}]');
  const rows = data.map((item, i) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item))
      throw new ImportFileError(`row ${i + 1} is not an object of column names and values`);
    return Object.fromEntries(
      Object.entries(item as Record<string, unknown>).map(([k, v]) => [normaliseHeader(k), cell(v)]),
    ) as RawRow;
  });
  checkColumns(
    kind,
    rows.flatMap((r) => Object.keys(r)),
  );
  for (const [i, raw] of rows.entries()) yield { row: i + 1, raw };
}

/** The rows of a file, by its extension. */
export function readRows(kind: EvidenceKindName, name: string, input: Readable): AsyncGenerator<SourceRow> {
  if (/\.csv$/i.test(name)) return csvRows(kind, input);
  if (/\.json$/i.test(name)) return jsonRows(kind, input);
  input.destroy();
  throw new ImportFileError(`"${name}" is neither .csv nor .json`);
}

export interface ImportOptions {
  config: TrustConfig;
  repo: EvidenceRepository;
  /** The day of the import, in the trust's timezone: recorded when a recommendation status is first seen. */
  today: string;
  onProgress?: (rows: number) => void;
  /** The key staff addresses are hashed with; needed for a staff list, unused otherwise. */
  staffKey?: Buffer;
}

/**
 * Validates every row and upserts the good ones by natural key, a batch at a time, so memory stays
 * flat however long the file. Bad rows are returned with row, column and reason: never dropped
 * silently. When the same key appears twice in a file, the later row wins.
 */
export async function importRows(
  kind: EvidenceKindName,
  rows: AsyncIterable<SourceRow>,
  opts: ImportOptions,
): Promise<ImportSummary> {
  const schema = evidenceRowSchemas(opts.config, opts.staffKey)[kind];
  const summary: ImportSummary = { imported: 0, unchanged: 0, rejected: [] };
  const knownReviews = kind === 'recommendations' ? await opts.repo.reviewIds() : undefined;
  let batch: EvidenceByKind[EvidenceKindName][] = [];
  let batchKeys = new Set<string>();
  let seen = 0;
  const flush = async () => {
    if (!batch.length) return;
    const outcomes = await opts.repo.upsertMany(kind, batch as EvidenceByKind[typeof kind][], opts.today);
    for (const o of outcomes) summary[o] += 1;
    batch = [];
    batchKeys = new Set();
  };
  for await (const { row, raw } of rows) {
    seen += 1;
    if (seen % 1000 === 0) opts.onProgress?.(seen);
    const filled = Object.fromEntries(REQUIRED_COLUMNS[kind].map((c) => [c, raw[c] ?? ''])) as RawRow;
    const parsed = schema.safeParse({ ...raw, ...filled });
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        // Stryker disable next-line StringLiteral: every issue the row schemas raise names its column; one about the whole row would name none
        summary.rejected.push({ row, column: String(issue.path[0] ?? ''), reason: issue.message });
      continue;
    }
    const record = parsed.data as EvidenceByKind[EvidenceKindName];
    if (knownReviews && !knownReviews.has((record as EvidenceByKind['recommendations']).reviewId)) {
      summary.rejected.push({
        row,
        column: 'review_id',
        reason: `"${(record as EvidenceByKind['recommendations']).reviewId}" is not a known peer review; import its peer-review rows first`,
      });
      continue;
    }
    const key = (naturalKey[kind] as (r: typeof record) => string)(record);
    // A batch write may not hold one key twice: the earlier row goes first, so the later one wins.
    if (batchKeys.has(key)) await flush();
    batch.push(record);
    batchKeys.add(key);
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  opts.onProgress?.(seen);
  return summary;
}
