// Rehearses the restore drill of docs/runbook.md on the emulators: an item deleted from the live table comes back exactly from a restored copy, and deleted report files come back rendered again, from evaluation.json or from the table's evaluation, with the manifest's sha256.
import { beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import {
  BatchWriteItemCommand,
  DeleteItemCommand,
  DynamoDBClient,
  GetItemCommand,
  ScanCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { bootstrapLocal } from '../../infra/local/bootstrap';
import { exitCodeFor } from '../../infra/cli/exit-codes';
import { restoreRequest, runRestore } from '../../infra/cli/restore-command';
import type { CliOptions } from '../../infra/cli/usage';
import { documentClient } from '../../shared/aws/dynamodb';
import { s3Client } from '../../shared/aws/s3';
import { ResponseRepository } from '../../shared/store/responses';
import { keys } from '../../shared/store/keys';
import type { Manifest } from '../../shared/schemas/manifest';
import { response, times } from '../support/builders';
import { EXAMPLE_CONFIG_PATH, exampleConfig } from '../support/fixtures';

// A table and bucket of this file's own: what is deleted and restored here is no other file's data.
const TABLE = 'pillar7-restore-drill';
const BUCKET = 'pillar7-restore-drill';
process.env.TABLE_NAME = TABLE;
process.env.BUCKET_NAME = BUCKET;
// DynamoDB Local has no point-in-time recovery (no restore-table-to-point-in-time), so a copy of the
// live table made before the loss stands in for the new table such a restore makes in the cloud.
const RESTORED = 'pillar7-restore-drill-restored';
const CYCLE = '2026-autumn';
const config = exampleConfig();
const db = new DynamoDBClient({});

type Item = Record<string, AttributeValue>;
const options = (patch: Partial<CliOptions>): CliOptions => ({
  once: false,
  demo: false,
  force: false,
  resend: false,
  json: false,
  check: false,
  aws: false,
  ...patch,
});
/** One `pillar7 restore ...` step, as the command runs it once it has its table and bucket. */
async function restore(sub: 'item' | 'report', arg: string | undefined, patch: Partial<CliOptions>) {
  const lines: string[] = [];
  const request = restoreRequest(sub, arg, options(patch), config, EXAMPLE_CONFIG_PATH);
  const code = await runRestore(request, config, { table: TABLE, bucket: BUCKET }, (l) => lines.push(l));
  return { code, out: lines.join('\n') };
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const reportKey = (file: string) => `reports/${CYCLE}/${file}`;
async function getObject(key: string): Promise<Buffer | undefined> {
  try {
    const out = await s3Client().send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    return Buffer.from(await out.Body!.transformToByteArray());
  } catch (e) {
    if ((e as Error).name === 'NoSuchKey') return undefined;
    throw e;
  }
}
const deleteObject = (key: string) => s3Client().send(new DeleteObjectCommand({ Bucket: BUCKET, Key: key }));

async function scanAll(table: string): Promise<Item[]> {
  const items: Item[] = [];
  let start: Item | undefined;
  do {
    const page = await db.send(new ScanCommand({ TableName: table, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

let manifest: Manifest;
let published: Map<string, Buffer>;

beforeAll(async () => {
  await bootstrapLocal(TABLE, BUCKET);
  const responses = new ResponseRepository(documentClient(), TABLE);
  for (const r of times(12, (i) =>
    response({
      cycleId: CYCLE,
      safety: 3 + (i % 3),
      influence: 4,
      comment: i < 2 ? `Peer review helped our team (${i}).` : undefined,
    }),
  ))
    await responses.add(r);
  const { runCycleLocally } = await import('../../infra/local/cycle-runner');
  await runCycleLocally(CYCLE);
  manifest = JSON.parse((await getObject(reportKey('manifest.json')))!.toString('utf8')) as Manifest;
  published = new Map();
  for (const f of manifest.files) published.set(f.key, (await getObject(f.key))!);
  // The stand-in for the point-in-time restore: every item as it stood before anything was lost.
  await bootstrapLocal(RESTORED, BUCKET);
  const items = await scanAll(TABLE);
  for (let i = 0; i < items.length; i += 25)
    await db.send(
      new BatchWriteItemCommand({
        RequestItems: { [RESTORED]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) },
      }),
    );
}, 120_000);

describe('the restore drill: a deleted item', () => {
  it('is listed as missing, comes back exactly as it was, and is not restored over itself', async () => {
    const pk = keys.responsesPartition(CYCLE);
    const lost = (await scanAll(TABLE)).find((i) => i.pk?.S === pk && i.sk?.S?.startsWith('RESPONSE#'))!;
    const key = { pk: lost.pk!, sk: lost.sk! };
    await db.send(new DeleteItemCommand({ TableName: TABLE, Key: key }));

    const listed = await restore('item', undefined, { fromTable: RESTORED, pk });
    expect(listed.out.split('\n').slice(0, 2)).toEqual([
      `1 item(s) of pk=${pk} are in ${RESTORED} but not in ${TABLE}:`,
      `  sk=${lost.sk!.S}`,
    ]);

    const restored = await restore('item', undefined, { fromTable: RESTORED, pk, sk: lost.sk!.S });
    expect(restored).toMatchObject({ code: 0 });
    const back = await db.send(new GetItemCommand({ TableName: TABLE, Key: key, ConsistentRead: true }));
    expect(back.Item).toEqual(lost);

    const again = await restore('item', undefined, { fromTable: RESTORED, pk, sk: lost.sk!.S }).catch(
      (e: unknown) => e,
    );
    const said: string[] = [];
    expect(exitCodeFor(again, (l) => said.push(l))).toBe(2);
    expect(said).toEqual([
      `pillar7: the live table ${TABLE} already has an item pk=${pk} sk=${lost.sk!.S}; nothing was overwritten`,
    ]);
  });
});

describe('the restore drill: a deleted report', () => {
  it('checks, writing nothing, then puts back report.pdf rendered again from evaluation.json, with the manifest sha256', async () => {
    await deleteObject(reportKey('report.pdf'));

    const checked = await restore('report', CYCLE, { check: true });
    expect(checked).toMatchObject({ code: 0 });
    expect(checked.out).toContain(`rendered again from reports/${CYCLE}/evaluation.json`);
    expect(checked.out).toMatch(
      /report\.pdf\s+in the bucket: missing; rendered again: matches; can be restored/,
    );
    expect(await getObject(reportKey('report.pdf'))).toBeUndefined();

    const restored = await restore('report', CYCLE, {});
    expect(restored).toMatchObject({ code: 0 });
    expect(restored.out).toMatch(/report\.pdf\s+in the bucket: missing; rendered again: matches; restored/);
    const pdf = (await getObject(reportKey('report.pdf')))!;
    expect(sha256(pdf)).toBe(manifest.files.find((f) => f.key === reportKey('report.pdf'))!.sha256);
    expect(pdf.equals(published.get(reportKey('report.pdf'))!)).toBe(true);
  });

  it("renders from the table's evaluation when evaluation.json is lost too, as after its versions expired", async () => {
    await deleteObject(reportKey('report.html'));
    await deleteObject(reportKey('evaluation.json'));

    const restored = await restore('report', CYCLE, {});

    expect(restored).toMatchObject({ code: 0 });
    expect(restored.out).toContain(`rendered again from the table's evaluation`);
    expect(restored.out).toContain(
      `Every file of reports/${CYCLE}/ matches its manifest sha256 (2 restored).`,
    );
    for (const f of manifest.files) expect(sha256((await getObject(f.key))!)).toBe(f.sha256);
  });

  it('leaves a file that differs from the manifest as it is, and fails (exit 1) saying so', async () => {
    const html = reportKey('report.html');
    await s3Client().send(new PutObjectCommand({ Bucket: BUCKET, Key: html, Body: 'not the report' }));

    const r = await restore('report', CYCLE, {});

    expect(r).toMatchObject({ code: 1 });
    expect(r.out).toMatch(/report\.html\s+in the bucket: DIFFERS from the manifest; rendered again: matches/);
    expect((await getObject(html))!.toString()).toBe('not the report');
    await s3Client().send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: html,
        Body: published.get(html),
        ContentType: 'text/html',
      }),
    );
  });
});
