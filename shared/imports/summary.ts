export interface RejectedRow {
  /** The row as a spreadsheet shows it: the header is row 1, the first data row is row 2. */
  row: number;
  column: string;
  reason: string;
}

export interface ImportSummary {
  imported: number;
  unchanged: number;
  rejected: RejectedRow[];
}

/** A summary in words, as the CLI prints it and the console shows it: rows rejected, not problems found. */
export function summaryWords(s: ImportSummary): string {
  const rows = new Set(s.rejected.map((r) => r.row)).size;
  const problems = s.rejected.length > rows ? ` (${s.rejected.length} problems)` : '';
  return `${s.imported} imported, ${s.unchanged} unchanged, ${rows} row${rows === 1 ? '' : 's'} rejected${problems}.`;
}
