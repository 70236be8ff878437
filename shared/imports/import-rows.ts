import { parse as parseCsv } from 'csv-parse/sync';
import type { EvidenceKindName } from '../domain/evidence';
import type { TrustConfig } from '../schemas/config';
import { evidenceRowSchemas, REQUIRED_COLUMNS, type RawRow } from '../schemas/evidence';
import type { EvidenceRepository } from '../store/evidence';

export interface RejectedRow {
  row: number;
  column: string;
  reason: string;
}

export interface ImportSummary {
  imported: number;
  unchanged: number;
  rejected: RejectedRow[];
}

export class ImportFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportFileError';
  }
}

export interface ParsedFile {
  rows: RawRow[];
  /** The spreadsheet row number of rows[0]: 2 for CSV (the header is row 1), 1 for a JSON array. */
  firstRow: number;
}

const cell = (v: unknown): string =>
  v === null || v === undefined
    ? ''
    : Array.isArray(v)
      ? v.map(cell).join(';')
      : typeof v === 'object'
        ? JSON.stringify(v)
        : String(v);

/** Reads CSV as Excel writes it (BOM, CRLF, quoted fields) or a JSON array of rows. */
export function parseEvidenceFile(name: string, content: string): ParsedFile {
  if (/\.json$/i.test(name)) {
    let data: unknown;
    try {
      data = JSON.parse(content.replace(/^\uFEFF/, ''));
    } catch (err) {
      throw new ImportFileError(`${name} is not valid JSON: ${(err as Error).message}`);
    }
    if (!Array.isArray(data)) throw new ImportFileError(`${name} must hold a JSON array of rows`);
    const rows = data.map((row, i) => {
      if (row === null || typeof row !== 'object' || Array.isArray(row))
        throw new ImportFileError(`${name}: row ${i + 1} is not an object`);
      return Object.fromEntries(Object.entries(row).map(([k, v]) => [k.trim().toLowerCase(), cell(v)]));
    });
    return { rows, firstRow: 1 };
  }
  try {
    const rows = parseCsv(content, {
      bom: true,
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      skip_empty_lines: true,
      relax_column_count: true,
    }) as RawRow[];
    return { rows, firstRow: 2 };
  } catch (err) {
    throw new ImportFileError(`${name} is not readable CSV: ${(err as Error).message}`);
  }
}

/**
 * Validates every row and upserts the good ones by natural key. Bad rows are returned with their
 * spreadsheet row number, column and reason: never dropped silently.
 */
export async function importRows(
  kind: EvidenceKindName,
  file: ParsedFile,
  config: TrustConfig,
  repo: EvidenceRepository,
): Promise<ImportSummary> {
  const columns = new Set(file.rows.flatMap((r) => Object.keys(r)));
  const missing = REQUIRED_COLUMNS[kind].filter((c) => file.rows.length > 0 && !columns.has(c));
  if (missing.length)
    throw new ImportFileError(
      `missing required column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`,
    );
  const schema = evidenceRowSchemas(config)[kind];
  const summary: ImportSummary = { imported: 0, unchanged: 0, rejected: [] };
  for (const [i, raw] of file.rows.entries()) {
    const row = file.firstRow + i;
    const filled = Object.fromEntries(REQUIRED_COLUMNS[kind].map((c) => [c, raw[c] ?? ''])) as RawRow;
    const parsed = schema.safeParse({ ...raw, ...filled });
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        summary.rejected.push({ row, column: String(issue.path[0] ?? ''), reason: issue.message });
      continue;
    }
    // The schema's output type is the union over kinds; `kind` pins which one this is.
    const outcome = await repo.upsert(kind, parsed.data as never);
    summary[outcome] += 1;
  }
  return summary;
}
