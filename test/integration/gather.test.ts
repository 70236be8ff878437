// Proves the gatherer moves every inbox file to processed/ or quarantine/ with nothing lost, keeps each file's import result, imports an upload as it lands, re-imports change nothing, and a failure part-way is finished by the next run.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { bootstrapLocal } from '../../infra/local/bootstrap';
import { LOCAL_NAMES } from '../../infra/local/environment';
import { s3Client } from '../../shared/aws/s3';
import { documentClient } from '../../shared/aws/dynamodb';
import { gatherInbox, gatherUploaded, type GatherDeps } from '../../shared/cycle/gather';
import { handler as gatherHandler } from '../../functions/gather/handler';
import { EvidenceRepository } from '../../shared/store/evidence';
import { SigningKeyRepository } from '../../shared/store/signing-keys';
import { staffEmailHash } from '../../shared/domain/staff';
import { exampleConfig } from '../support/fixtures';
import { clearPrefixes } from '../support/s3';
import { partitionItems } from '../support/table';

const bucket = LOCAL_NAMES.bucket;
const fixture = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../../events/imports/${name}`, import.meta.url)));
const put = (key: string, body: Buffer | string) =>
  s3Client().send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
const list = async (prefix: string) =>
  ((await s3Client().send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }))).Contents ?? [])
    .map((o) => o.Key!)
    .sort();
const read = async (key: string) =>
  JSON.parse(
    await (
      await s3Client().send(new GetObjectCommand({ Bucket: bucket, Key: key }))
    ).Body!.transformToString(),
  ) as Record<string, unknown>;
const count = async (kind: string) => (await partitionItems(`EVIDENCE#${kind}`)).length;

function deps(repo = new EvidenceRepository(documentClient(), LOCAL_NAMES.table)): GatherDeps {
  return {
    s3: s3Client(),
    bucket,
    evidence: repo,
    config: exampleConfig(),
    today: () => '2026-06-01',
    staffKey: () => new SigningKeyRepository(documentClient(), LOCAL_NAMES.table, 'staff-email').get(),
  };
}

beforeAll(async () => {
  await bootstrapLocal(LOCAL_NAMES.table, bucket);
});
beforeEach(async () => {
  await clearPrefixes(bucket, ['inbox/', 'processed/', 'quarantine/', 'imports/']);
});

describe('gathering the inbox', () => {
  it('moves each file to processed/, writes the rejected rows to quarantine/, and refuses a file in no kind folder', async () => {
    await put('inbox/peer-reviews/peer-reviews.excel.csv', fixture('peer-reviews.excel.csv'));
    await put('inbox/recommendations/recs.csv', fixture('recommendations.csv'));
    await put('inbox/headcount/missing.csv', fixture('peer-reviews.missing-column.csv'));
    await put('inbox/stray.csv', 'a,b\n1,2\n');

    const results = await gatherInbox(deps());

    expect(results.map((r) => r.key)).toEqual([
      'inbox/peer-reviews/peer-reviews.excel.csv',
      'inbox/recommendations/recs.csv',
      'inbox/headcount/missing.csv',
      'inbox/stray.csv',
    ]);
    expect(await list('inbox/')).toEqual([]);
    expect(await list('processed/')).toEqual([
      'processed/headcount/missing.csv',
      'processed/peer-reviews/peer-reviews.excel.csv',
      'processed/recommendations/recs.csv',
      'processed/stray.csv',
    ]);
    expect(await list('quarantine/')).toEqual([
      'quarantine/headcount/missing.csv.errors.json',
      'quarantine/peer-reviews/peer-reviews.excel.csv.errors.json',
      'quarantine/recommendations/recs.csv.errors.json',
      'quarantine/stray.csv.errors.json',
    ]);
    const peer = await read('quarantine/peer-reviews/peer-reviews.excel.csv.errors.json');
    expect(peer).toMatchObject({
      file: 'inbox/peer-reviews/peer-reviews.excel.csv',
      imported: 4,
      rejected: [{ row: 5, column: 'date' }, { row: 6 }, { row: 7 }, { row: 8 }],
    });
    expect(await read('quarantine/headcount/missing.csv.errors.json')).toMatchObject({
      error: 'missing required columns: role, count',
    });
    expect(String((await read('quarantine/stray.csv.errors.json')).error)).toMatch(
      /^files go in a folder named after their kind/,
    );
    // Recommendations citing PR-2026-10 and PR-2026-12 resolve: the peer reviews were gathered first.
    expect(results[1]!.summary).toMatchObject({
      imported: 2,
      rejected: [{ row: 3 }, { row: 4 }, { row: 6 }],
    });
  });

  it('changes nothing when the same files arrive again', async () => {
    await put('inbox/peer-reviews/again.csv', fixture('peer-reviews.excel.csv'));
    await gatherInbox(deps());
    await put('inbox/peer-reviews/again.csv', fixture('peer-reviews.excel.csv'));
    const [second] = await gatherInbox(deps());
    expect(second!.summary).toMatchObject({ imported: 0, unchanged: 4 });
  });

  it('leaves a file in the inbox when a write fails part-way, and the next run finishes it without duplicates', async () => {
    const rows = Array.from(
      { length: 250 },
      (_, i) => `PR-F${String(i).padStart(3, '0')},2026-02-01,trust,vision,3,external`,
    );
    await put(
      'inbox/peer-reviews/big.csv',
      `review_id,date,division,pillar,rating,reviewer_type\n${rows.join('\n')}\n`,
    );
    const failing = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
      marshallOptions: { removeUndefinedValues: true },
    });
    let writes = 0;
    failing.middlewareStack.add(
      (next, context) => async (args) => {
        if (/BatchWrite/.test(String(context.commandName)) && ++writes === 5)
          throw Object.assign(new Error('injected: service unavailable'), { name: 'ServiceUnavailable' });
        return next(args);
      },
      { step: 'initialize', name: 'injectFailure' },
    );
    const before = await count('peer-reviews');

    await expect(gatherInbox(deps(new EvidenceRepository(failing, LOCAL_NAMES.table)))).rejects.toThrow(
      'injected',
    );
    expect(await list('inbox/')).toEqual(['inbox/peer-reviews/big.csv']);
    expect(await count('peer-reviews')).toBe(before + 100); // four batches of 25 landed before the fifth failed

    const [rerun] = await gatherInbox(deps());
    expect(rerun!.summary).toEqual({ imported: 150, unchanged: 100, rejected: [] });
    expect(await count('peer-reviews')).toBe(before + 250);
    expect(await list('inbox/')).toEqual([]);
    expect(await list('processed/')).toEqual(['processed/peer-reviews/big.csv']);
  });

  it('stores a staff list as keyed hashes of the addresses with division and role, never an address', async () => {
    await put(
      'inbox/staff/staff.csv',
      'email,division,role\r\nJo.Bloggs@Oak-Primary.example ,oak-primary,delivery\r\nsam@ash.example,ash-primary,leadership\r\nnot-an-address,ash-primary,delivery\r\n',
    );
    const [result] = await gatherInbox(deps());
    expect(result).toMatchObject({ summary: { rejected: [{ row: 4, column: 'email' }] } });
    const items = await partitionItems('EVIDENCE#staff');
    const key = await new SigningKeyRepository(documentClient(), LOCAL_NAMES.table, 'staff-email').get();
    // Matched however the address is typed: case and spaces do not make a second member.
    // (Other files of the suite add their own staff to the shared table: these two must be among them.)
    expect(items.map((i) => [i.record.emailHash, i.record.division, i.record.role])).toEqual(
      expect.arrayContaining([
        [staffEmailHash(key, 'jo.bloggs@oak-primary.example'), 'oak-primary', 'delivery'],
        [staffEmailHash(key, 'SAM@ash.example'), 'ash-primary', 'leadership'],
      ]),
    );
    expect(result).toMatchObject({ summary: { imported: 2 } });
    const stored = JSON.stringify(items).toLowerCase();
    for (const trace of ['bloggs', 'sam@', 'ash.example', 'oak-primary.example'])
      expect(stored).not.toContain(trace);
  });

  it("imports a file the moment it lands (the bucket's notification), keeps its result, and a later run finds nothing left", async () => {
    const key = 'inbox/peer-reviews/20261127T100000Z-autumn reviews.csv';
    await put(key, fixture('peer-reviews.excel.csv'));
    // The event as S3 sends it: the key URL-encoded, a space as '+'.
    const encoded = encodeURIComponent(key).replace(/%2F/g, '/').replace(/%20/g, '+');
    const out = await gatherHandler(
      { Records: [{ s3: { bucket: { name: bucket }, object: { key: encoded } } }] },
      {} as never,
    );
    expect(out).toMatchObject({ files: 1, rejected: 4 });
    const result = await read('imports/peer-reviews/20261127T100000Z-autumn reviews.csv.json');
    expect(result).toMatchObject({ file: key, kind: 'peer-reviews' });
    // Earlier tests may have stored these rows already: then they are unchanged, not imported twice.
    expect(Number(result.imported) + Number(result.unchanged)).toBe(4);
    expect((result.rejected as { row: number }[]).map((r) => r.row)).toEqual([5, 6, 7, 8]);
    expect(await list('inbox/')).toEqual([]);
    expect(await list('processed/')).toEqual(['processed/peer-reviews/20261127T100000Z-autumn reviews.csv']);
    // The same notification again (S3 delivers at least once), and the day's run: the file is gone, nothing repeats.
    expect(await gatherUploaded([key], deps())).toEqual([]);
    expect(await gatherInbox(deps())).toEqual([]);
    expect(await count('peer-reviews')).toBeGreaterThanOrEqual(4);
  });

  it('keeps a result for every file a run gathers, refused ones included', async () => {
    await put('inbox/kpis/good.csv', 'objective_id,cycle_id,actual\nobj-attendance,2026-autumn,95\n');
    await put('inbox/kpis/broken.csv', 'objective,cycle\nx,y\n');
    await gatherInbox(deps());
    expect(await list('imports/')).toEqual(['imports/kpis/broken.csv.json', 'imports/kpis/good.csv.json']);
    expect(await read('imports/kpis/good.csv.json')).toMatchObject({ imported: 1, rejected: [] });
    expect(await read('imports/kpis/broken.csv.json')).toMatchObject({
      imported: 0,
      error: expect.stringMatching(/missing required columns: objective_id, cycle_id, actual/),
    });
  });
});
