// Proves the report and email carry hostile practitioner text inertly, and that a cycle emails the board exactly once through failures, re-runs and a concurrent run.
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../../shared/store/keys';
import { bootstrapLocal } from '../../infra/local/bootstrap';
import { LOCAL_NAMES } from '../../infra/local/environment';
import { runCycleLocally } from '../../infra/local/cycle-runner';
import { documentClient } from '../../shared/aws/dynamodb';
import { s3Client } from '../../shared/aws/s3';
import { ResponseRepository } from '../../shared/store/responses';
import { response, times } from '../support/builders';
import { errors, withFault } from '../support/faults';
import { useAutomaticApproval } from '../support/approval-mode';
import { sentMails } from '../support/ses-outbox';

// How the board e-mail goes out (once, through faults) is tested for a trust that sends without a draft.
useAutomaticApproval();

const HOSTILE =
  '<script>alert("board")</script> <img src=x onerror=alert(1)> Fine.\r\nBcc: attacker\r\nSubject: forged';
const mailsFor = async (cycleId: string) =>
  (await sentMails()).filter((m) => m.subject.endsWith(` for ${cycleId}`));
/** Forgets that the cycle's email went out (its run record), so the next run sets out to send it. */
const forgetDelivery = (cycleId: string) =>
  documentClient().send(new DeleteCommand({ TableName: LOCAL_NAMES.table, Key: keys.cycleRun(cycleId) }));
const object = async (key: string) =>
  Buffer.from(
    await (
      await s3Client().send(new GetObjectCommand({ Bucket: LOCAL_NAMES.bucket, Key: key }))
    ).Body!.transformToByteArray(),
  );

beforeAll(async () => {
  await bootstrapLocal(LOCAL_NAMES.table, LOCAL_NAMES.bucket);
  // 2026-spring gets twelve responses, one of them hostile, so comments are shown.
  const repo = new ResponseRepository(documentClient(), LOCAL_NAMES.table);
  for (const r of times(12, (i) =>
    response({
      cycleId: '2026-spring',
      safety: 4,
      influence: 4,
      comment: i === 3 ? HOSTILE : `Comment ${i}`,
    }),
  ))
    await repo.add(r);
});

describe('hostile practitioner text', () => {
  it('is inert in the HTML report, the PDF and the email', async () => {
    await runCycleLocally('2026-spring', true);

    const html = (await object('reports/2026-spring/report.html')).toString('utf8');
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;alert(&quot;board&quot;)&lt;/script&gt;');

    const dir = mkdtempSync(join(tmpdir(), 'pillar7-pdf-'));
    writeFileSync(join(dir, 'r.pdf'), await object('reports/2026-spring/report.pdf'));
    const text = spawnSync('pdftotext', ['-layout', join(dir, 'r.pdf'), '-'], { encoding: 'utf8' }).stdout;
    expect(text).toContain('<script>alert("board")</script>');
    // The first page answers what the judgement is, how to read it, and what the board is asked.
    const first = spawnSync('pdftotext', ['-f', '1', '-l', '1', join(dir, 'r.pdf'), '-'], {
      encoding: 'utf8',
    }).stdout.replace(/\s+/g, ' ');
    for (const part of [
      'Overall judgement',
      'What the ratings mean',
      'The overall judgement is the lowest rating among the criteria with enough evidence to judge.',
    ])
      expect(first).toContain(part);
    // One count of recommendations, as QA3 counts them, and each one's owner.
    expect(text.replace(/\s+/g, ' ')).toMatch(
      /fell due by the end of the cycle \(\d{1,2} \w+ \d{4}\), and \d+ of those are closed/,
    );
    expect(text).not.toContain('docs/rubric.md');
    for (const part of [
      'Summary for the board',
      'The five criteria',
      'Trends across cycles',
      'Recommendations ledger',
      'You said, we did',
      'Questions for the board',
      'Method and anonymity',
      "Forum Strategy's seven pillars",
      'Page 1 of',
    ])
      expect(text).toContain(part);

    const [mail] = await mailsFor('2026-spring');
    expect(mail!.subject).toMatch(
      /^Riverbend Learning Trust: the improvement model is judged (Secure|Developing|Concern|Not enough evidence) for 2026-spring$/,
    );
    expect(mail!.destination).toEqual({
      to: ['board@riverbend-trust.example, chair@riverbend-trust.example'],
      cc: [],
      bcc: [],
    });
    expect(JSON.stringify(mail)).not.toContain('Bcc: attacker');
    expect(mail!.attachments.map((a) => a.filename)).toEqual(['board-report-2026-spring.pdf']);
    expect(mail!.body.text).toContain('Overall judgement:');
    expect(mail!.body.text).not.toContain('<script>');
  }, 60_000);
});

describe('exactly one email per cycle', () => {
  it('after a failure between storing the report and sending, a re-run sends exactly one', async () => {
    await expect(
      withFault(
        's3',
        s3Client(),
        {
          action: 's3:PutObject',
          when: (input) => String(input.Key).endsWith('manifest.json'),
          error: errors.injected,
          times: Infinity,
          layer: 'caller',
        },
        () => runCycleLocally('2026-summer'),
      ),
    ).rejects.toThrow('injected');
    expect(await mailsFor('2026-summer')).toHaveLength(0);
    await runCycleLocally('2026-summer');
    await runCycleLocally('2026-summer');
    expect(await mailsFor('2026-summer')).toHaveLength(1);
  }, 60_000);

  it('after SES refuses the send, a re-run sends exactly one', async () => {
    const { sesClient } = await import('../../shared/aws/ses');
    const before = (await mailsFor('2026-spring')).length;
    await expect(
      withFault(
        'ses',
        sesClient(),
        { action: 'ses:SendRawEmail', error: errors.injected, times: Infinity, layer: 'caller' },
        () => runCycleLocally('2026-spring', true),
      ),
    ).rejects.toThrow('injected');
    expect(await mailsFor('2026-spring')).toHaveLength(before);
    await runCycleLocally('2026-spring');
    expect(await mailsFor('2026-spring')).toHaveLength(before + 1);
  }, 60_000);

  it('after a failure once SES has the email (recording it fails), a re-run sends nothing more', async () => {
    await forgetDelivery('2026-spring');
    const before = (await mailsFor('2026-spring')).length;
    // Only the update that records the sent email fails; the claim before it goes through.
    const { fired } = await withFault(
      'dynamodb',
      documentClient(),
      {
        action: 'dynamodb:UpdateItem',
        when: (input) => JSON.stringify(input.ExpressionAttributeNames ?? {}).includes('emailMessageId'),
        error: errors.injected,
        times: 1,
        layer: 'caller',
      },
      () => runCycleLocally('2026-spring'),
    );
    expect(fired).toBe(1);
    expect(await mailsFor('2026-spring')).toHaveLength(before + 1);
    await runCycleLocally('2026-spring');
    await runCycleLocally('2026-spring');
    expect(await mailsFor('2026-spring')).toHaveLength(before + 1);
  }, 60_000);

  it('two runs of the same cycle at once send one email between them', async () => {
    // Both runs set out to send the cycle's first email.
    await forgetDelivery('2026-spring');
    const before = (await mailsFor('2026-spring')).length;
    const both = await Promise.allSettled([runCycleLocally('2026-spring'), runCycleLocally('2026-spring')]);
    const sent = both.filter(
      (b) => b.status === 'fulfilled' && (b.value.at(-1)!.output as { sent: boolean }).sent,
    ).length;
    expect(sent).toBe(1);
    expect(await mailsFor('2026-spring')).toHaveLength(before + 1);
  }, 60_000);
});
