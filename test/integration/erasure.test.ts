// Proves `comments erase` on the emulators: after a sent report showed a comment, its text is in no DynamoDB item, evaluation.json, report.html or report.pdf, the manifest is true to the new files, the figures are unchanged (a forced re-run too), the erasure is recorded and shown by cycle status, a repeat or an unknown id changes nothing, and a copy restored from a backup is erased again.
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { DeleteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { bootstrapLocal } from '../../infra/local/bootstrap';
import { LOCAL_NAMES } from '../../infra/local/environment';
import { documentClient } from '../../shared/aws/dynamodb';
import { s3Client } from '../../shared/aws/s3';
import { Retention } from '../../shared/domain/retention';
import type { Evaluation } from '../../shared/domain/evaluation';
import { ResponseRepository } from '../../shared/store/responses';
import { keys } from '../../shared/store/keys';
import { response, times } from '../support/builders';
import { tableItems } from '../support/table';
import { isBoardMail, sentMails } from '../support/ses-outbox';

// A table of this file's own: the cycle's state here must not meet another file's runs.
const TABLE = 'pillar7-erasure';
process.env.TABLE_NAME = TABLE;
const CYCLE = '2026-autumn';
const QA_LEAD = 'qa.lead@riverbend-trust.example';
const BUCKET = LOCAL_NAMES.bucket;
// Long enough to be stored deflated, so the erasure must find it in its compressed form too.
const NAME = 'Quarrington';
const TARGET = `${NAME} never reads the notes we send after each review. `.repeat(10).trim();
const PHRASE = 'never reads the notes';

const boardMails = async () => (await sentMails()).filter(isBoardMail(CYCLE)).length;

const object = async (name: string) =>
  Buffer.from(
    await (
      await s3Client().send(new GetObjectCommand({ Bucket: BUCKET, Key: `reports/${CYCLE}/${name}` }))
    ).Body!.transformToByteArray(),
  );
const pdfText = async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'pillar7-erasure-')), 'report.pdf');
  writeFileSync(file, await object('report.pdf'));
  return spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
};
const evaluationJson = async () =>
  JSON.parse((await object('evaluation.json')).toString('utf8')) as Evaluation;

/** Every item of the table as text, binary attributes inflated where they are deflated text. */
async function tableText(): Promise<string> {
  const text = (v: unknown): string => {
    if (v instanceof Uint8Array) {
      try {
        return inflateRawSync(v).toString('utf8');
      } catch {
        return Buffer.from(v).toString('utf8');
      }
    }
    if (Array.isArray(v)) return v.map(text).join(' ');
    if (v && typeof v === 'object') return Object.values(v).map(text).join(' ');
    return String(v);
  };
  return (await tableItems(TABLE)).map(text).join('\n');
}

const load = async () => {
  const runner = await import('../../infra/local/cycle-runner');
  const approval = await import('../../shared/cycle/approval');
  const { cycleDeps } = await import('../../shared/cycle/deps');
  const erase = await import('../../infra/cli/erase-command');
  const { eraseComment } = await import('../../shared/cycle/erase-comment');
  const { statusCommand } = await import('../../infra/cli/run-report');
  const deps = cycleDeps({ TABLE_NAME: TABLE, BUCKET_NAME: BUCKET });
  const erasureDeps = erase.erasureDeps(deps.config, { table: TABLE, bucket: BUCKET }, false);
  return { ...runner, ...approval, ...erase, eraseComment, statusCommand, deps, erasureDeps };
};

let id: string;
let restoreTarget: () => Promise<void>;
let before: { evaluation: Evaluation; mails: number };

beforeAll(async () => {
  await bootstrapLocal(TABLE, BUCKET);
  const repo = new ResponseRepository(documentClient(), TABLE);
  const comments = [TARGET, 'Peer review helped us a lot.', 'The termly reviews are useful.'];
  const all = times(12, (i) =>
    response({ cycleId: CYCLE, safety: 2 + (i % 3), influence: 4, comment: comments[i] }),
  );
  for (const r of all) await repo.add(r);
  // What copying the response back from a table restored to a time before the erasure does.
  restoreTarget = async () => {
    await documentClient().send(
      new DeleteCommand({ TableName: TABLE, Key: keys.response(CYCLE, all[0]!.responseId) }),
    );
    await repo.add(all[0]!);
  };
  // The report goes to the board showing the comment, the QA lead having taken the name out of it.
  const { deps, runCycleLocally, reviewOf, decideComment, approveCycle, resumeAfterApproval } = await load();
  await runCycleLocally(CYCLE);
  id = (await reviewOf(CYCLE, deps)).comments.find((c) => c.text === TARGET)!.id;
  await decideComment(CYCLE, { commentId: id, action: 'redact', span: NAME }, QA_LEAD, deps);
  await approveCycle(CYCLE, { by: QA_LEAD, commentary: 'Workload comes first.' }, deps);
  await resumeAfterApproval({ cycleId: CYCLE, resend: false });
  before = { evaluation: await evaluationJson(), mails: await boardMails() };
});

describe('pillar7 comments erase', () => {
  it('starts from a sent report that shows the comment, and a table that holds it', async () => {
    expect((await object('report.html')).toString()).toContain(`[removed] ${PHRASE}`);
    expect(await pdfText()).toContain(PHRASE);
    expect(await tableText()).toContain(NAME);
    expect(before.mails).toBeGreaterThan(0);
  });

  it('erases the text from the table and every report file, and tells the QA lead to tell the board', async () => {
    const { eraseCommand, erasureDeps } = await load();
    const out: string[] = [];

    await eraseCommand(CYCLE, { comment: id, reason: 'it names a member of staff' }, erasureDeps, (l) =>
      out.push(l),
    );

    const table = await tableText();
    expect(table).not.toMatch(new RegExp(`${NAME}|${PHRASE}`, 'i'));
    for (const file of ['report.html', 'evaluation.json'])
      expect((await object(file)).toString('utf8')).not.toMatch(new RegExp(`${NAME}|${PHRASE}`, 'i'));
    const pdf = await pdfText();
    expect(pdf).not.toMatch(new RegExp(`${NAME}|${PHRASE}`, 'i'));
    expect(pdf).toContain('Peer review helped us a lot.');
    expect(pdf).toContain('1 comment was erased to protect someone');
    const printed = out.join('\n');
    expect(printed).not.toMatch(new RegExp(`${NAME}|${PHRASE}`, 'i'));
    expect(printed).toMatch(/The board was e-mailed this cycle's report on \d{4}-\d{2}-\d{2}/);
    expect(printed).toContain('the report showed this comment');
    expect(printed).toContain('The QA lead should tell the board that the pack was reissued');
    expect(await boardMails()).toBe(before.mails);
  });

  it('leaves a manifest whose sha256s are those of the files now in S3', async () => {
    const manifest = JSON.parse((await object('manifest.json')).toString('utf8')) as {
      files: { key: string; sha256: string; bytes: number }[];
    };
    expect(manifest.files.map((f) => f.key)).toEqual(
      ['report.html', 'report.pdf', 'evaluation.json'].map((n) => `reports/${CYCLE}/${n}`),
    );
    for (const f of manifest.files) {
      const body = await object(f.key.split('/').at(-1)!);
      expect({ sha256: createHash('sha256').update(body).digest('hex'), bytes: body.length }).toEqual({
        sha256: f.sha256,
        bytes: f.bytes,
      });
    }
  });

  it('changes no figure: the same evaluation, less the comment, still the final report as sent', async () => {
    const { deps, reviewOf } = await load();
    const after = await evaluationJson();
    const without = (e: Evaluation) => {
      const { comments: _c, ...practitioners } = e.practitioners;
      const { moderation: _m, ...review } = e.review!;
      return { ...e, practitioners, review };
    };
    expect(without(after)).toEqual(without(before.evaluation));
    expect(after.practitioners.commentsTotal).toBe(3);
    expect(after.practitioners.comments).toHaveLength(2);
    expect(after.review).toMatchObject({
      status: 'approved',
      commentary: 'Workload comes first.',
      moderation: { held: 0, withheld: 0, redacted: 0, erased: 1 },
    });
    expect((await reviewOf(CYCLE, deps)).state).toBe('sent');
  });

  it('records who erased which comment, when and why, kept as long as the cycle and its report', async () => {
    const { deps, statusCommand } = await load();
    const [erasure, ...others] = await deps.moderation.erasures(CYCLE);
    expect(others).toHaveLength(0);
    expect(erasure).toMatchObject({
      commentId: id,
      by: expect.stringMatching(/^cli:/),
      reason: 'it names a member of staff',
      responses: 1,
      inReport: true,
      finishedAt: expect.stringMatching(/^\d{4}-/),
    });
    const item = (
      await documentClient().send(new GetCommand({ TableName: TABLE, Key: keys.erasure(CYCLE, id) }))
    ).Item!;
    expect(item.expiresAt).toBe(Retention.of(deps.config).erasures(CYCLE));
    const out: string[] = [];
    await statusCommand(CYCLE, deps, (l) => out.push(l));
    expect(out.join('\n')).toContain(`Erased: comment ${id}, `);
    expect(out.join('\n')).toContain('(reason: it names a member of staff)');
  });

  it('refuses a second erasure and an unknown id, changing nothing', async () => {
    const { eraseComment, erasureDeps } = await load();
    const table = await tableText();
    const manifest = (await object('manifest.json')).toString();

    await expect(eraseComment(CYCLE, { commentId: id, by: 'cli:test' }, erasureDeps)).rejects.toThrow(
      new RegExp(`^comment ${id} of cycle ${CYCLE} was already erased, on \\d{4}-\\d{2}-\\d{2} by cli:`),
    );
    await expect(
      eraseComment(CYCLE, { commentId: 'not-a-comment', by: 'cli:test' }, erasureDeps),
    ).rejects.toMatchObject({
      name: 'ErasureRefusedError',
      message: `cycle ${CYCLE} has no comment not-a-comment: pillar7 cycle comments ${CYCLE} lists its comments with their ids`,
    });

    expect(await tableText()).toBe(table);
    expect((await object('manifest.json')).toString()).toBe(manifest);
  });

  it('erases it again when a copy comes back from a backup, though it was erased before', async () => {
    const { eraseCommand, erasureDeps } = await load();
    await restoreTarget();
    expect(await tableText()).toContain(NAME);
    const out: string[] = [];

    const again = await eraseCommand(CYCLE, { comment: id }, erasureDeps, (l) => out.push(l));

    expect(again.repeated).toBe('found-again');
    expect(out[0]).toContain('a copy of its text was found again, and erased again');
    expect(await tableText()).not.toMatch(new RegExp(`${NAME}|${PHRASE}`, 'i'));
    expect(await pdfText()).not.toMatch(new RegExp(`${NAME}|${PHRASE}`, 'i'));
  });

  it('keeps it erased and the figures the same when the cycle is judged again', async () => {
    const { runCycleLocally } = await load();
    await runCycleLocally(CYCLE, true);
    const again = await evaluationJson();
    expect(again.practitioners.commentsTotal).toBe(3);
    expect(again.practitioners.responses).toBe(before.evaluation.practitioners.responses);
    expect(again.practitioners.safetyMean).toBe(before.evaluation.practitioners.safetyMean);
    expect(again.practitioners.comments).toEqual(
      expect.arrayContaining(['Peer review helped us a lot.', 'The termly reviews are useful.']),
    );
    expect(JSON.stringify(again)).not.toMatch(new RegExp(`${NAME}|${PHRASE}`, 'i'));
    expect(await tableText()).not.toMatch(new RegExp(`${NAME}|${PHRASE}`, 'i'));
  });
});
