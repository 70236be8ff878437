import { createHash } from 'node:crypto';
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { configHash } from '../config/load-config';
import { currentStage, renderCycle, reviewedEvaluation, type PublishDeps } from '../cycle/publish';
import type { Evaluation } from '../domain/evaluation';
import { evaluationSchema } from '../schemas/evaluation';
import { manifestSchema, type Manifest } from '../schemas/manifest';
import { objectKeys } from '../store/keys';
import { RestoreRefusedError } from '../errors';

/**
 * Putting back a cycle's report files once their S3 versions are gone: the files are rendered again
 * by the publish code from the evaluation, and a file is written back only when its sha256 is the
 * one the published manifest records, so a restored report is the report that was published.
 */
export type ReportRestoreDeps = Pick<
  PublishDeps,
  'config' | 's3' | 'bucket' | 'cycles' | 'moderation' | 'staffNames'
>;

/** Where a published file stands in the bucket, against the manifest's sha256. */
export type StoredState = 'matches' | 'missing' | 'differs';

export interface FileCheck {
  key: string;
  stored: StoredState;
  /** The file rendered again has the manifest's sha256. */
  rerendered: boolean;
  /** Written back by this restore. */
  restored: boolean;
}

export interface ReportCheck {
  cycleId: string;
  manifestKey: string;
  /** What was rendered again: the published evaluation.json, or the table's evaluation when that file is lost too. */
  source: 'evaluation.json' | 'table';
  files: FileCheck[];
  /** Every file in the bucket matches the manifest now (checking only: would, once restored). */
  whole: boolean;
  /** The config given is not the one the cycle was evaluated with: a likely reason for a re-render to differ. */
  configChanged: boolean;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function readObject(s3: S3Client, bucket: string, key: string): Promise<Buffer | undefined> {
  try {
    const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return Buffer.from(await out.Body!.transformToByteArray());
  } catch (e) {
    if ((e as Error).name === 'NoSuchKey') return undefined;
    throw e;
  }
}

async function readManifest(cycleId: string, key: string, deps: ReportRestoreDeps): Promise<Manifest> {
  const body = await readObject(deps.s3, deps.bucket, key);
  if (!body)
    throw new RestoreRefusedError(
      `there is no s3://${deps.bucket}/${key}: cycle ${cycleId} has no published report, or its manifest was lost too. A lost manifest comes back from its S3 versions (docs/runbook.md), never from a re-render: it is what a re-render is checked against`,
    );
  let parsed;
  try {
    parsed = manifestSchema.safeParse(JSON.parse(body.toString('utf8')));
  } catch {
    parsed = undefined;
  }
  const prefix = `reports/${cycleId}/`;
  if (
    !parsed?.success ||
    parsed.data.cycleId !== cycleId ||
    parsed.data.files.some((f) => !f.key.startsWith(prefix))
  )
    throw new RestoreRefusedError(
      `s3://${deps.bucket}/${key} is not a manifest of cycle ${cycleId} as publish writes it; restore it from its S3 versions first`,
    );
  return parsed.data;
}

/**
 * The evaluation the report was rendered from: the published evaluation.json while it is intact,
 * else the table's evaluation (kept longer than the files' old versions), reviewed as the publish
 * step reviews it, provided it is still the one the manifest was made from.
 */
async function evaluationToRender(
  manifest: Manifest,
  stored: Map<string, Buffer | undefined>,
  deps: ReportRestoreDeps,
): Promise<{ evaluation: Evaluation; source: ReportCheck['source'] }> {
  const { cycleId } = manifest;
  const jsonKey = objectKeys.report(cycleId, 'evaluation.json');
  const published = stored.get(jsonKey);
  if (published && sha256(published) === manifest.files.find((f) => f.key === jsonKey)?.sha256)
    return {
      evaluation: evaluationSchema.parse(JSON.parse(published.toString('utf8'))),
      source: 'evaluation.json',
    };
  const evaluation = await deps.cycles.getEvaluation(cycleId);
  if (!evaluation)
    throw new RestoreRefusedError(
      `${jsonKey} is lost and the table holds no evaluation of cycle ${cycleId} (its retention may have ended), so there is nothing to render the report from; restore evaluation.json from its S3 versions, or the table's EVALUATION item with pillar7 restore item`,
    );
  if (evaluation.evaluatedAt !== manifest.evaluatedAt)
    throw new RestoreRefusedError(
      `the table's evaluation of cycle ${cycleId} is from ${evaluation.evaluatedAt} and the manifest's from ${manifest.evaluatedAt}: the cycle was judged again after this report was published, so the table cannot render it again. Restore the files from their S3 versions, or run the cycle to publish a new report`,
    );
  const run = await deps.cycles.getRun(cycleId);
  const reviewed = await reviewedEvaluation(evaluation, run, currentStage(run, deps.config), deps);
  return { evaluation: reviewed.evaluation, source: 'table' };
}

/**
 * Renders the cycle's report again and compares each file with the published manifest. With
 * `write`, puts back each missing file whose rendering matches the manifest; it never replaces a
 * file that is there (one that differs is reported, and its own versions are the way back).
 */
export async function restoreReport(
  cycleId: string,
  deps: ReportRestoreDeps,
  { write }: { write: boolean },
): Promise<ReportCheck> {
  const manifestKey = objectKeys.report(cycleId, 'manifest.json');
  const manifest = await readManifest(cycleId, manifestKey, deps);
  const stored = new Map(
    await Promise.all(
      manifest.files.map(async (f) => [f.key, await readObject(deps.s3, deps.bucket, f.key)] as const),
    ),
  );
  const { evaluation, source } = await evaluationToRender(manifest, stored, deps);
  const rendered = new Map((await renderCycle(evaluation, deps)).files.map((f) => [f.key, f.body]));
  const files: FileCheck[] = [];
  for (const f of manifest.files) {
    const body = stored.get(f.key);
    const state: StoredState = !body ? 'missing' : sha256(body) === f.sha256 ? 'matches' : 'differs';
    const again = rendered.get(f.key);
    const rerendered = again !== undefined && sha256(again) === f.sha256;
    const restore = write && state === 'missing' && rerendered;
    if (restore)
      await deps.s3.send(
        new PutObjectCommand({
          Bucket: deps.bucket,
          Key: f.key,
          Body: again,
          ContentType: f.contentType,
          ServerSideEncryption: 'AES256',
          // Written only where nothing is: a file put back meanwhile by other means is left as it is.
          IfNoneMatch: '*',
        }),
      );
    files.push({ key: f.key, stored: state, rerendered, restored: restore });
  }
  const whole = files.every(
    (f) => f.stored === 'matches' || f.restored || (!write && f.stored === 'missing' && f.rerendered),
  );
  return {
    cycleId,
    manifestKey,
    source,
    files,
    whole,
    configChanged: configHash(deps.config) !== evaluation.configHash,
  };
}
