// Proves many simultaneous submissions to one form are each stored once per token, and two simultaneous runs of that cycle make one report and one email.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Server } from 'node:http';
import { createHash } from 'node:crypto';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { bootstrapLocal } from '../../infra/local/bootstrap';
import { freePort } from '../../infra/local/emulators';
import { startHttpAdapter } from '../../infra/local/http-adapter';
import { loadHttpHandler } from '../../infra/local/handlers';
import { documentClient } from '../../shared/aws/dynamodb';
import { s3Client } from '../../shared/aws/s3';
import { cycleDeps } from '../../shared/cycle/deps';
import { FormRepository } from '../../shared/store/forms';
import { openForm } from '../support/builders';
import { exampleConfig } from '../support/fixtures';
import { runCycleWithRetries } from '../support/cycle';
import { useAutomaticApproval } from '../support/approval-mode';
import { clearSentMails, sentMails } from '../support/ses-outbox';

// How the board e-mail goes out (once, through faults) is tested for a trust that sends without a draft.
useAutomaticApproval();

// Its own table and bucket, so the counts below are only what this file stored.
const names = { TABLE_NAME: 'concurrency', BUCKET_NAME: 'concurrency' };
// A cycle no other file mails about: the SES emulator's outbox is shared by every file.
const CYCLE = '2027-spring';
const SUBMISSIONS = 300;
const TOKENS = 150;
const form = openForm(CYCLE);
const divisions = exampleConfig().divisions.map((d) => d.id);
let server: Server;
let base: string;

beforeAll(async () => {
  process.env.TABLE_NAME = names.TABLE_NAME;
  process.env.BUCKET_NAME = names.BUCKET_NAME;
  await bootstrapLocal(names.TABLE_NAME, names.BUCKET_NAME);
  await new FormRepository(documentClient(), names.TABLE_NAME).create(form);
  const port = await freePort();
  server = await startHttpAdapter(port, loadHttpHandler);
  base = `http://127.0.0.1:${port}`;
  await clearSentMails();
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
});

describe('at the same moment', () => {
  it(`stores ${SUBMISSIONS} simultaneous submissions carrying ${TOKENS} tokens once per token, each exactly once`, async () => {
    // Each token is sent twice, all at the same moment: one of the two is stored, the other refused.
    vi.useFakeTimers({ toFake: ['Date'] });
    const issuedAt = Date.now();
    vi.setSystemTime(issuedAt);
    const tokens = await Promise.all(
      Array.from(
        { length: TOKENS },
        async () =>
          ((await (await fetch(`${base}/api/forms/${form.formId}`)).json()) as { token: string }).token,
      ),
    );
    vi.setSystemTime(issuedAt + 4_000);
    const answers = Array.from({ length: SUBMISSIONS }, (_, i) => ({
      ratings: { vision: 1 + (i % 5) },
      safety: 1 + ((i * 7) % 5),
      influence: 1 + ((i * 3) % 5),
      role: i % 2 ? 'delivery' : 'leadership',
      division: divisions[i % divisions.length],
      token: tokens[i % TOKENS],
    }));
    const results = await Promise.all(
      answers.map(async (a) => {
        const res = await fetch(`${base}/api/forms/${form.formId}/responses`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(a),
        });
        return {
          status: res.status,
          error: res.status === 201 ? undefined : ((await res.json()) as { error: string }).error,
          token: a.token,
        };
      }),
    );
    vi.useRealTimers();
    expect(results.filter((r) => r.status === 201)).toHaveLength(TOKENS);
    expect(results.filter((r) => r.status !== 201).map((r) => [r.status, r.error])).toEqual(
      Array.from({ length: SUBMISSIONS - TOKENS }, () => [403, 'token_spent']),
    );
    // Exactly one success per token.
    expect(new Set(results.filter((r) => r.status === 201).map((r) => r.token)).size).toBe(TOKENS);

    const stored = [];
    for await (const r of cycleDeps(names).responses.streamForCycle(CYCLE)) stored.push(r);
    expect(stored).toHaveLength(TOKENS);
    expect(new Set(stored.map((r) => r.responseId)).size).toBe(TOKENS);
  });

  it('runs the cycle twice at once, as the state machine would: one judgement of every response, a report that matches its manifest, one email', async () => {
    // Figures come only from a closed form: close it before the runs.
    await new FormRepository(documentClient(), names.TABLE_NAME).setClosesOn(form, '2020-01-02');
    const runs = await Promise.all([
      runCycleWithRetries(CYCLE, cycleDeps(names)),
      runCycleWithRetries(CYCLE, cycleDeps(names)),
    ]);

    expect(runs.filter((r) => r.notified.sent)).toHaveLength(1);
    const mails = await sentMails();
    expect(mails).toHaveLength(1);

    const read = async (key: string) =>
      Buffer.from(
        await (
          await s3Client().send(new GetObjectCommand({ Bucket: names.BUCKET_NAME, Key: key }))
        ).Body!.transformToByteArray(),
      );
    const listed =
      (await s3Client().send(new ListObjectsV2Command({ Bucket: names.BUCKET_NAME, Prefix: 'reports/' })))
        .Contents ?? [];
    expect(listed.map((o) => o.Key).sort()).toEqual(
      ['evaluation.json', 'manifest.json', 'report.html', 'report.pdf'].map((f) => `reports/${CYCLE}/${f}`),
    );
    const manifest = JSON.parse((await read(`reports/${CYCLE}/manifest.json`)).toString()) as {
      files: { key: string; sha256: string }[];
    };
    for (const f of manifest.files)
      expect(
        createHash('sha256')
          .update(await read(f.key))
          .digest('hex'),
      ).toBe(f.sha256);
    const evaluation = JSON.parse((await read(`reports/${CYCLE}/evaluation.json`)).toString()) as {
      practitioners: { responses: number };
    };
    expect(evaluation.practitioners.responses).toBe(TOKENS);
  });
});
