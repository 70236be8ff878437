// Proves the QA lead's workflow on the emulators: a draft waits and the board gets nothing; held comments block approval until decided; approval sends once; a resend needs confirming and says what changed.
import { beforeAll, describe, expect, it } from 'vitest';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import type { Context } from 'aws-lambda';
import { bootstrapLocal } from '../../infra/local/bootstrap';
import { LOCAL_NAMES } from '../../infra/local/environment';
import { documentClient } from '../../shared/aws/dynamodb';
import { s3Client } from '../../shared/aws/s3';
import { ResponseRepository } from '../../shared/store/responses';
import { response, times } from '../support/builders';
import { isBoardMail, sentMails } from '../support/ses-outbox';

// A table of this file's own: the cycle's state here must not meet another file's runs.
const TABLE = 'pillar7-approval';
process.env.TABLE_NAME = TABLE;
const CYCLE = '2026-autumn';
const QA_LEAD = 'qa.lead@riverbend-trust.example';

// The SES emulator is shared by every file of the run: count this file's board e-mails only.
let earlierBoardMails = 0;
const boardMails = async () => (await sentMails()).filter(isBoardMail(CYCLE)).slice(earlierBoardMails);
const qaMails = async () => (await sentMails()).filter((m) => m.destination.to.join(',').includes(QA_LEAD));
const reportHtml = async () =>
  await (
    await s3Client().send(
      new GetObjectCommand({ Bucket: LOCAL_NAMES.bucket, Key: `reports/${CYCLE}/report.html` }),
    )
  ).Body!.transformToString('utf8');

const load = async () => {
  const runner = await import('../../infra/local/cycle-runner');
  const approval = await import('../../shared/cycle/approval');
  const { cycleDeps } = await import('../../shared/cycle/deps');
  const deps = cycleDeps({ TABLE_NAME: TABLE, BUCKET_NAME: LOCAL_NAMES.bucket });
  return { ...runner, ...approval, deps };
};

beforeAll(async () => {
  earlierBoardMails = (await sentMails()).filter(isBoardMail(CYCLE)).length;
  await bootstrapLocal(TABLE, LOCAL_NAMES.bucket);
  const repo = new ResponseRepository(documentClient(), TABLE);
  for (const r of times(12, (i) =>
    response({
      cycleId: CYCLE,
      safety: 4,
      influence: 4,
      comment:
        i === 0 ? 'Mrs Smith in Year 4 is great.' : i === 1 ? 'Peer review helped us a lot.' : undefined,
    }),
  ))
    await repo.add(r);
});

describe('manual approval', () => {
  it('publishes a draft, tells the QA lead, and sends the board nothing', async () => {
    const { runCycleLocally } = await load();
    const before = (await qaMails()).length;
    const steps = await runCycleLocally(CYCLE);
    expect(steps.map((s) => s.step)).toEqual(['gather', 'evaluate', 'publish', 'request-approval']);
    expect(steps[3]!.output).toMatchObject({ requested: true, held: 1 });
    expect(await boardMails()).toHaveLength(0);
    const told = (await qaMails()).slice(before);
    expect(told).toHaveLength(1);
    expect(told[0]!.subject).toBe(
      `Riverbend Learning Trust: the draft report of ${CYCLE} is ready to review`,
    );
    expect(told[0]!.body.text).toContain('1 comment is held for you to moderate');
    const html = await reportHtml();
    expect(html).toContain('DRAFT for the quality assurance lead');
    expect(html).not.toContain('Mrs Smith');
    expect(html).toContain('1 comment is held back');
  });

  it('says when the deployed run has stopped waiting: after board.approvalTimeoutDays, not before', async () => {
    const { deps, reviewOf } = await load();
    const days = deps.config.board.approvalTimeoutDays;
    const at = (d: number) => ({ ...deps, now: () => new Date(Date.now() + d * 86_400_000) });
    expect((await reviewOf(CYCLE, at(0))).lapsed).toBe(false);
    expect((await reviewOf(CYCLE, at(days - 1))).lapsed).toBe(false);
    expect((await reviewOf(CYCLE, at(days + 1))).lapsed).toBe(true);
    expect(await boardMails()).toHaveLength(0);
  });

  it('refuses the final report and the e-mail while the draft is unapproved, and approval while a comment is held', async () => {
    const { deps, approveCycle } = await load();
    const publish = (await import('../../functions/publish/handler')).handler as unknown as (
      e: unknown,
      c: Context,
    ) => Promise<unknown>;
    const notify = (await import('../../functions/notify/handler')).handler as unknown as (
      e: unknown,
      c: Context,
    ) => Promise<unknown>;
    await expect(publish({ cycleId: CYCLE, stage: 'final' }, {} as Context)).rejects.toThrow(
      /not been approved/,
    );
    await expect(notify({ cycleId: CYCLE }, {} as Context)).rejects.toThrow(/not been approved/);
    await expect(notify({ cycleId: CYCLE, force: true }, {} as Context)).rejects.toThrow(/not been approved/);
    await expect(approveCycle(CYCLE, { by: QA_LEAD }, deps)).rejects.toThrow(
      '1 comment is still held for moderation: keep, redact or withhold it first',
    );
    expect(await boardMails()).toHaveLength(0);
  });

  it('sends the approved report once, with the decisions and the commentary, however often it is approved', async () => {
    const { deps, reviewOf, decideComment, approveCycle, resumeAfterApproval, runCycleLocally } =
      await load();
    const held = (await reviewOf(CYCLE, deps)).comments.find((c) => c.flags.length)!;
    await expect(
      decideComment(CYCLE, { commentId: held.id, action: 'redact', span: 'Mr Jones' }, QA_LEAD, deps),
    ).rejects.toMatchObject({ issues: [{ path: 'span', message: '"Mr Jones" is not in the comment' }] });
    await decideComment(CYCLE, { commentId: held.id, action: 'redact', span: 'Mrs Smith' }, QA_LEAD, deps);
    await approveCycle(CYCLE, { by: QA_LEAD, commentary: 'We will <b>act</b> on workload.' }, deps);
    const steps = await resumeAfterApproval({ cycleId: CYCLE, resend: false });
    expect(steps.map((s) => s.step)).toEqual(['publish', 'notify']);
    expect(steps[1]!.output).toMatchObject({ sent: true });
    const [mail] = await boardMails();
    expect(mail!.body.text).toContain('From the quality assurance lead:\nWe will <b>act</b> on workload.');
    const html = await reportHtml();
    expect(html).not.toContain('DRAFT for the quality assurance lead');
    expect(html).toContain('[removed] in Year 4 is great.');
    expect(html).toContain('We will &lt;b&gt;act&lt;/b&gt; on workload.');
    const run = (await reviewOf(CYCLE, deps)).run;
    expect(run).toMatchObject({
      approvedBy: QA_LEAD,
      emailSentTo: ['board@riverbend-trust.example', 'chair@riverbend-trust.example'],
    });

    // A second approval of the same draft is refused; a re-run without --force sends nothing again.
    await expect(approveCycle(CYCLE, { by: QA_LEAD, resend: true }, deps)).rejects.toThrow(
      /^this draft was approved and sent to the board on .*make a new draft/,
    );
    const qaBefore = (await qaMails()).length;
    const again = await runCycleLocally(CYCLE);
    expect(again.map((s) => s.step)).toEqual(['gather', 'evaluate', 'publish', 'notify']);
    expect(again.at(-1)!.output).toMatchObject({ sent: false });
    expect(await boardMails()).toHaveLength(1);
    expect(await qaMails()).toHaveLength(qaBefore);
  });

  it('makes a new draft on a forced re-run, and resends only when confirmed, saying what changed', async () => {
    const { deps, reviewOf, approveCycle, resumeAfterApproval, runCycleLocally } = await load();
    await new ResponseRepository(documentClient(), TABLE).add(
      response({ cycleId: CYCLE, safety: 1, influence: 1 }),
    );
    await runCycleLocally(CYCLE, true);
    expect((await reviewOf(CYCLE, deps)).state).toBe('draft');
    await expect(approveCycle(CYCLE, { by: QA_LEAD }, deps)).rejects.toThrow(
      /^the board was sent this cycle's report on \d{4}-\d{2}-\d{2}; to send it again, confirm the resend\. Changes since: .*practitioner responses: 12 to /,
    );
    expect(await boardMails()).toHaveLength(1);
    // Two QA leads approving at the same moment: one approval wins, so one resume, one e-mail.
    const both = await Promise.allSettled([
      approveCycle(CYCLE, { by: QA_LEAD, resend: true }, deps),
      approveCycle(CYCLE, { by: 'deputy@riverbend-trust.example', resend: true }, deps),
    ]);
    expect(both.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    await resumeAfterApproval({ cycleId: CYCLE, resend: true });
    expect(await boardMails()).toHaveLength(2);
    expect((await reviewOf(CYCLE, deps)).state).toBe('sent');
  });
});

describe('names from the staff list', () => {
  it('holds a comment that names someone on the staff list, though only keyed hashes of names are stored', async () => {
    const { deps, nameScreening } = await load();
    const { importRows, readRows } = await import('../../shared/imports/import-rows');
    const { Readable } = await import('node:stream');
    const { moderate } = await import('../../shared/domain/moderation');
    const csv = 'email,division,role,name\nada@riverbend-trust.example,oak-primary,delivery,Ada Okonkwo\n';
    const summary = await importRows('staff', readRows('staff', 'staff.csv', Readable.from([csv])), {
      config: deps.config,
      repo: deps.evidence,
      today: '2026-09-01',
      staffKey: await deps.staffKey(),
    });
    expect(summary).toMatchObject({ imported: 1, rejected: [] });
    const stored = JSON.stringify(await deps.evidence.list('staff'));
    expect(stored).not.toMatch(/okonkwo|ada@/i);
    const screening = await nameScreening(deps);
    const out = moderate(
      CYCLE,
      ['Thanks to Okonkwo for the CPD.', 'The CPD was useful.'],
      new Map(),
      screening,
    );
    expect(out.comments.map((c) => c.flags)).toEqual([['name'], []]);
    expect(out.counts.held).toBe(1);
  });
});
