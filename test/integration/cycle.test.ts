// Proves a cycle runs end to end on the emulators (inbox to report to one email) and is safe to re-run.
import { beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { bootstrapLocal } from '../../infra/local/bootstrap';
import { LOCAL_NAMES } from '../../infra/local/environment';
import { runCycleLocally } from '../../infra/local/cycle-runner';
import { s3Client } from '../../shared/aws/s3';
import { clearPrefixes, putDemoInbox } from '../support/s3';
import { documentClient } from '../../shared/aws/dynamodb';
import { FormRepository } from '../../shared/store/forms';
import { ResponseRepository } from '../../shared/store/responses';
import { DeleteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { CycleRepository } from '../../shared/store/cycles';
import { recordResponse } from '../../shared/feedback/submit';
import { FormClosedError } from '../../shared/errors';
import { exampleConfig } from '../support/fixtures';
import { openForm } from '../support/builders';
import { useAutomaticApproval } from '../support/approval-mode';
import { clearSentMails, sentMails } from '../support/ses-outbox';

// How the board e-mail goes out (once, through faults) is tested for a trust that sends without a draft.
useAutomaticApproval();

const keysUnder = async (prefix: string) =>
  (
    (await s3Client().send(new ListObjectsV2Command({ Bucket: LOCAL_NAMES.bucket, Prefix: prefix })))
      .Contents ?? []
  ).map((o) => o.Key);

beforeAll(async () => {
  await bootstrapLocal(LOCAL_NAMES.table, LOCAL_NAMES.bucket);
  await clearPrefixes(LOCAL_NAMES.bucket, ['inbox/', 'processed/', 'quarantine/']);
  await clearSentMails();
  await putDemoInbox(LOCAL_NAMES.bucket);
});

describe('a cycle on the emulators', () => {
  it('gathers the inbox, publishes the report and evaluation to S3 and emails the board once', async () => {
    const steps = await runCycleLocally('2026-autumn');

    expect(steps.map((s) => s.step)).toEqual(['gather', 'evaluate', 'publish', 'notify']);
    expect(steps[0]!.output).toMatchObject({ files: 6, rejected: 0 });
    expect(await keysUnder('inbox/')).toEqual([]);
    expect(await keysUnder('processed/')).toHaveLength(6);
    expect(await keysUnder('reports/2026-autumn/')).toEqual([
      'reports/2026-autumn/evaluation.json',
      'reports/2026-autumn/manifest.json',
      'reports/2026-autumn/report.html',
      'reports/2026-autumn/report.pdf',
    ]);
    const report = await s3Client().send(
      new GetObjectCommand({ Bucket: LOCAL_NAMES.bucket, Key: 'reports/2026-autumn/report.html' }),
    );
    expect(report.ContentType).toBe('text/html; charset=utf-8');
    const html = await report.Body!.transformToString();
    expect(html).toContain('Riverbend Learning Trust');
    // Evidence in words, never the import's ids (other suites may have imported more reviews first).
    expect(html).toMatch(/Peer review of the whole trust on \d{1,2} \w+ 2026/);
    expect(html).not.toContain('PR-2026-03');

    const mails = await sentMails();
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toMatch(
      /^Riverbend Learning Trust: the improvement model is judged \w[\w ]* for 2026-autumn$/,
    );
    expect(mails[0]!.destination.to.join(', ')).toBe(
      'board@riverbend-trust.example, chair@riverbend-trust.example',
    );
    expect(mails[0]!.attachments.map((a) => a.filename)).toEqual(['board-report-2026-autumn.pdf']);
    const attached = Buffer.from(mails[0]!.attachments[0]!.content, 'base64');
    const stored = await s3Client().send(
      new GetObjectCommand({ Bucket: LOCAL_NAMES.bucket, Key: 'reports/2026-autumn/report.pdf' }),
    );
    expect(stored.ContentType).toBe('application/pdf');
    expect(attached.equals(Buffer.from(await stored.Body!.transformToByteArray()))).toBe(true);
    const manifest = JSON.parse(
      await (
        await s3Client().send(
          new GetObjectCommand({ Bucket: LOCAL_NAMES.bucket, Key: 'reports/2026-autumn/manifest.json' }),
        )
      ).Body!.transformToString(),
    ) as { files: { key: string; sha256: string }[] };
    expect(manifest.files.find((f) => f.key.endsWith('report.pdf'))!.sha256).toBe(
      createHash('sha256').update(attached).digest('hex'),
    );
  });

  it('sends nothing the second time, and exactly one more email when forced', async () => {
    const again = await runCycleLocally('2026-autumn');
    expect(again.at(-1)!.output).toMatchObject({ sent: false });
    expect(await sentMails()).toHaveLength(1);

    const forced = await runCycleLocally('2026-autumn', true);
    expect(forced.at(-1)!.output).toMatchObject({ sent: true });
    expect(await sentMails()).toHaveLength(2);
  });
});

describe('differencing a cycle by one more response', () => {
  it('refuses the response once the form has closed, refuses to reopen it, a forced re-run publishes the same figures, and after an erasure no re-run publishes any', async () => {
    const config = exampleConfig();
    const db = documentClient();
    const forms = new FormRepository(db, LOCAL_NAMES.table);
    const responses = new ResponseRepository(db, LOCAL_NAMES.table);
    const form = openForm('2027-summer', { opensOn: '2026-01-01', closesOn: '2026-11-01' });
    await forms.create(form);
    const deps = (day: string) => ({ config, forms, responses, now: () => new Date(`${day}T12:00:00Z`) });
    for (let i = 0; i < 40; i++)
      await recordResponse(
        form.formId,
        {
          safety: 1 + (i % 5),
          influence: 1 + ((i * 3) % 5),
          role: i % 4 ? 'delivery' : 'leadership',
          division: config.divisions[i % 3]!.id,
        },
        deps('2026-10-01'),
      );
    await runCycleLocally('2027-summer', true);
    const cycles = new CycleRepository(db, LOCAL_NAMES.table);
    const first = (await cycles.getEvaluation('2027-summer'))!;
    expect(first.practitioners.responses).toBe(40);
    expect(first.disclosureAudit).not.toBeNull();

    // One more person tries to answer, and the QA lead tries to reopen the form for them.
    await expect(
      recordResponse(form.formId, { safety: 5, influence: 5 }, deps('2026-11-26')),
    ).rejects.toThrow(FormClosedError);
    await expect(forms.setClosesOn((await forms.getForCycle('2027-summer'))!, '2099-12-31')).rejects.toThrow(
      /ConditionalCheckFailed|conditional/i,
    );

    await runCycleLocally('2027-summer', true);
    const second = (await cycles.getEvaluation('2027-summer'))!;
    expect(second.practitioners).toEqual(first.practitioners);
    expect(second.triangulation).toEqual(first.triangulation);

    // One response is erased after publication (say, on request). A forced re-run then publishes no
    // practitioner figure, since set beside the first it would give that person's answers; nor does
    // the forced re-run after that, which must still weigh the first publication, not only the last.
    const stored = await db.send(
      new QueryCommand({
        TableName: LOCAL_NAMES.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :r)',
        ExpressionAttributeValues: { ':pk': 'RESPONSES#2027-summer', ':r': 'RESPONSE#' },
        Limit: 1,
      }),
    );
    const [erased] = stored.Items!;
    await db.send(
      new DeleteCommand({ TableName: LOCAL_NAMES.table, Key: { pk: erased!.pk, sk: erased!.sk } }),
    );
    for (let run = 0; run < 2; run++) {
      await runCycleLocally('2027-summer', true);
      const after = (await cycles.getEvaluation('2027-summer'))!;
      expect(after.practitioners.responses).toBeNull();
      expect(after.practitioners.byDivision).toEqual([]);
      expect(after.triangulation.every((t) => t.practitionerMean === null)).toBe(true);
      expect(after.practitioners.withheld.join(' ')).toContain(
        'have changed since its figures were first published',
      );
    }
  });
});
