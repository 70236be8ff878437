import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { TrustConfig } from '../../shared/schemas/config';
import { documentClient } from '../../shared/aws/dynamodb';
import { s3Client } from '../../shared/aws/s3';
import { CycleRepository } from '../../shared/store/cycles';
import { ModerationRepository } from '../../shared/store/moderation';
import { SigningKeyRepository } from '../../shared/store/signing-keys';
import { staffNameTest } from '../../shared/store/staff-names';
import { missingItems, restoreItem, type ItemRestore } from '../../shared/ops/restore-item';
import { restoreReport, type FileCheck, type ReportCheck } from '../../shared/ops/restore-report';
import { knownCycle, UsageError, type CliOptions } from './usage';

/** `pillar7 restore item|report`, as read from the command line: the steps of docs/runbook.md's restore drill. */
export type RestoreRequest =
  | { what: 'item'; fromTable: string; pk: string; sk?: string }
  | { what: 'report'; cycleId: string; check: boolean };

/** What a restore acts on: the live table and bucket (the local ones, or the deployed stack's outputs). */
export interface RestoreTarget {
  table: string;
  bucket: string;
}

/** Checks the arguments before anything starts or connects, so bad usage costs nothing (exit 2). */
export function restoreRequest(
  sub: string | undefined,
  arg: string | undefined,
  values: CliOptions,
  config: TrustConfig,
  configPath: string,
): RestoreRequest {
  if (sub === 'item') {
    const { fromTable } = values;
    if (arg)
      throw new UsageError(`restore item takes no argument ("${arg}"): name the item with --pk and --sk`);
    if (!fromTable || !values.pk)
      throw new UsageError(
        'restore item needs --from-table TABLE (the table a point-in-time restore made) and --pk PK, and --sk SK to copy one item',
      );
    if (values.check)
      throw new UsageError('--check applies to restore report; restore item without --sk only lists');
    return { what: 'item', fromTable, pk: values.pk, ...(values.sk ? { sk: values.sk } : {}) };
  }
  if (sub === 'report') {
    if (values.fromTable || values.pk || values.sk)
      throw new UsageError('--from-table, --pk and --sk apply to restore item');
    const cycleId = knownCycle(config, configPath, arg, 'restore report needs a CYCLE_ID');
    return { what: 'report', cycleId, check: values.check };
  }
  throw new UsageError('restore needs what to restore: restore item ... or restore report CYCLE_ID');
}

/** Runs a checked restore request against the target; the exit code: 0 done, 1 not everything could be. */
export async function runRestore(
  request: RestoreRequest,
  config: TrustConfig,
  target: RestoreTarget,
  out: (l: string) => void,
): Promise<number> {
  if (request.what === 'item') {
    const db = new DynamoDBClient({});
    try {
      const t: ItemRestore = {
        db,
        fromTable: request.fromTable,
        liveTable: target.table,
        now: () => new Date(),
      };
      if (request.sk === undefined) return listMissing(request.pk, t, out);
      const { attributes } = await restoreItem(request.pk, request.sk, t);
      out(
        `Restored pk=${request.pk} sk=${request.sk} (${attributes} attributes, exactly as stored) from ${request.fromTable} into ${target.table}.`,
      );
      return 0;
    } finally {
      db.destroy();
    }
  }
  const db = documentClient();
  const check = await restoreReport(
    request.cycleId,
    {
      config,
      s3: s3Client(),
      bucket: target.bucket,
      cycles: new CycleRepository(db, target.table),
      moderation: new ModerationRepository(db, target.table),
      staffNames: () =>
        staffNameTest(db, target.table, new SigningKeyRepository(db, target.table, 'staff-email')),
    },
    { write: !request.check },
  );
  describeCheck(check, request.check, out);
  return check.whole ? 0 : 1;
}

async function listMissing(pk: string, t: ItemRestore, out: (l: string) => void): Promise<number> {
  const missing = await missingItems(pk, t);
  if (!missing.length) {
    out(`${t.liveTable} lacks no item of pk=${pk} that ${t.fromTable} has.`);
    return 0;
  }
  out(`${missing.length} item(s) of pk=${pk} are in ${t.fromTable} but not in ${t.liveTable}:`);
  for (const m of missing)
    out(`  sk=${m.sk}${m.expiredOn ? `  (its retention ended on ${m.expiredOn}: not restorable)` : ''}`);
  out(`Copy one back with: pillar7 restore item --from-table ${t.fromTable} --pk '${pk}' --sk 'SK'`);
  return 0;
}

const STORED: Record<FileCheck['stored'], string> = {
  matches: 'matches the manifest',
  missing: 'missing',
  differs: 'DIFFERS from the manifest',
};

function describeCheck(check: ReportCheck, checkOnly: boolean, out: (l: string) => void): void {
  const folder = check.manifestKey.replace(/manifest\.json$/, '');
  out(
    `Cycle ${check.cycleId}: rendered again from ${check.source === 'table' ? `the table's evaluation (${folder}evaluation.json is lost)` : `${folder}evaluation.json`}, checked against ${check.manifestKey}`,
  );
  const width = Math.max(...check.files.map((f) => f.key.length - folder.length));
  for (const f of check.files) {
    const name = f.key.slice(folder.length).padEnd(width);
    const again = f.rerendered ? 'matches' : 'DIFFERS';
    const done = f.restored
      ? '; restored'
      : checkOnly && f.stored === 'missing' && f.rerendered
        ? '; can be restored'
        : '';
    out(`  ${name}  in the bucket: ${STORED[f.stored]}; rendered again: ${again}${done}`);
  }
  const restored = check.files.filter((f) => f.restored).length;
  const restorable = check.files.filter((f) => f.stored === 'missing' && f.rerendered).length;
  if (check.whole && checkOnly)
    out(
      restorable
        ? `${restorable} file(s) can be put back: pillar7 restore report ${check.cycleId} (without --check) writes them.`
        : `Every file of ${folder} matches its manifest sha256; nothing to restore.`,
    );
  else if (check.whole)
    out(`Every file of ${folder} matches its manifest sha256${restored ? ` (${restored} restored)` : ''}.`);
  else {
    out(
      `Not every file of ${folder} matches its manifest, and this cannot put back the rest: restore a file that differs, or does not render the same, from its S3 versions (docs/runbook.md).`,
    );
    if (check.configChanged)
      out(
        `The config given is not the one cycle ${check.cycleId} was evaluated with (its configHash differs): pass that config with --config, as names, thresholds and the marking change what is rendered.`,
      );
  }
}
