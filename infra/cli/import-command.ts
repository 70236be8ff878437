import { randomBytes } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { Transform } from 'node:stream';
import { EVIDENCE_KINDS, type EvidenceKindName } from '../../shared/domain/evidence';
import { dayIn } from '../../shared/domain/anonymity';
import { importRows, readRows, type ImportSummary } from '../../shared/imports/import-rows';
import { ImportFileError } from '../../shared/errors';
import { summaryWords } from '../../shared/imports/summary';
import type { TrustConfig } from '../../shared/schemas/config';
import { documentClient } from '../../shared/aws/dynamodb';
import { SigningKeyRepository } from '../../shared/store/signing-keys';
import { EvidenceRepository } from '../../shared/store/evidence';
import { LOCAL_NAMES } from '../local/environment';
import { progressBar } from './progress';
import { UsageError } from './usage';
import { Retention } from '../../shared/domain/retention';

export function parseKind(kind: string | undefined): EvidenceKindName | undefined {
  return (EVIDENCE_KINDS as readonly string[]).includes(kind ?? '') ? (kind as EvidenceKindName) : undefined;
}

/**
 * `pillar7 import FILE --kind KIND`: streams the file into the given repository (the local table,
 * or with --aws the deployed one in dry-run mode) with a progress bar, and returns the summary.
 */
export async function importFile(
  file: string,
  kind: EvidenceKindName,
  config: TrustConfig,
  repo: EvidenceRepository = new EvidenceRepository(documentClient(), LOCAL_NAMES.table, {
    retention: Retention.of(config),
  }),
  /** The table whose staff key hashes a staff list's addresses: the deployed one with --aws. */
  keyTable: string = LOCAL_NAMES.table,
  /** A check only (--aws, before upload): the key is read, never made; gather makes it on import. */
  dryRun = false,
): Promise<ImportSummary> {
  const bar = progressBar(statSync(file).size);
  let bytes = 0;
  let rows = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      bar.update(bytes, `${rows.toLocaleString('en-GB')} rows`);
      done(null, chunk);
    },
  });
  const input = createReadStream(file).pipe(counter);
  try {
    return await importRows(kind, readRows(kind, basename(file), input), {
      config,
      repo,
      today: dayIn(config.timezone, new Date()),
      staffKey: kind === 'staff' ? await staffKey(keyTable, dryRun) : undefined,
      onProgress: (n) => {
        rows = n;
        bar.update(bytes, `${rows.toLocaleString('en-GB')} rows`);
      },
    });
  } finally {
    bar.end();
  }
}

/**
 * The key staff addresses are hashed with. A check reads it without making it: where none exists yet
 * (no staff list imported), a throwaway key serves, as every row is then new whatever its hash.
 */
async function staffKey(table: string, dryRun: boolean): Promise<Buffer> {
  const keys = new SigningKeyRepository(documentClient(), table, 'staff-email');
  if (!dryRun) return keys.get();
  return (await keys.find()) ?? randomBytes(32);
}

export function describeSummary(file: string, s: ImportSummary, out: (l: string) => void): void {
  out(`${file}: ${summaryWords(s)}`);
  const shown = s.rejected.slice(0, 20);
  for (const r of shown) out(`  row ${r.row}, ${r.column || '(row)'}: ${r.reason}`);
  if (s.rejected.length > shown.length)
    out(`  …and ${s.rejected.length - shown.length} more (--json lists every one).`);
}

/** A file that cannot be imported at all: its reason, in the --json shape too; exit 2. */
export function refusedFile(
  e: unknown,
  file: string,
  json: boolean,
  out: (l: string) => void,
  err: (l: string) => void,
): number {
  if (!(e instanceof ImportFileError)) throw e;
  if (json)
    out(JSON.stringify({ imported: 0, unchanged: 0, rejected: [{ row: 0, column: '', reason: e.message }] }));
  err(`${file} was not imported: ${e.message}`);
  return 2;
}

/** The FILE and --kind of an import, checked before anything is touched. */
export function importArgs(file: string | undefined, kindOption: string | undefined) {
  if (!file) throw new UsageError('import needs a FILE');
  const kind = parseKind(kindOption);
  if (!kind)
    throw new UsageError(
      `--kind must be one of ${EVIDENCE_KINDS.join(', ')}${kindOption ? `, not "${kindOption}"` : ''}`,
    );
  if (!existsSync(file)) throw new UsageError(`cannot open ${file}: no such file`);
  return { file, kind };
}
