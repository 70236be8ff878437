import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { documentClient } from '../../shared/aws/dynamodb';
import { blindSign, generateGroupKey, verifyToken } from '../../shared/feedback/blind-tokens';
import { accessFor, issueToken, requestLink } from '../../shared/feedback/verified';
import { verifiedDeps } from '../../shared/feedback/verified-deps';
import { issueRenderToken } from '../../shared/feedback/render-token';
import { submitResponse } from '../../shared/feedback/submit';
import { staffEmailHash } from '../../shared/domain/staff';
import { EvidenceRepository } from '../../shared/store/evidence';
import { FilePrivateKeyStore } from '../../shared/store/private-keys';
import { SigningKeyRepository } from '../../shared/store/signing-keys';
import { LOCAL_NAMES } from '../../infra/local/environment';
import { openForm } from '../support/builders';
import { blindToken, importGroupKey } from '../support/blind-client';
import type { BenchRow } from './report';
import { meterWrites } from './write-units';

const ms = (f: number) => `${f.toFixed(2)} ms`;
async function timeEach(n: number, f: () => unknown | Promise<unknown>): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < n; i++) await f();
  return (performance.now() - start) / n;
}

/**
 * What verified access costs against the open link: the server's signing and verifying per
 * response, the browser's blinding (the same library the page runs), and the write units of every
 * write each path makes for one response, as DynamoDB Local reports them.
 */
export async function benchVerified(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const keys = generateGroupKey();
  const publicKey = await importGroupKey(keys.publicKey);
  const client = await blindToken(publicKey);
  const signAt = await timeEach(50, () => blindSign(keys, client.blinded));
  const signature = await client.finish(blindSign(keys, client.blinded));
  const verifyAt = await timeEach(200, () => verifyToken(keys.publicKey, client.token, signature));
  const clientAt = await timeEach(10, async () => {
    const c = await blindToken(publicKey);
    await c.finish(blindSign(keys, c.blinded));
  });
  const keyAt = await timeEach(3, () => generateGroupKey());
  rows.push(
    {
      figure: 'verified: blind-sign one token (server, once per member of staff)',
      value: ms(signAt),
      budget: 'info',
      pass: null,
    },
    {
      figure: 'verified: verify one token (server, once per response)',
      value: ms(verifyAt),
      budget: 'info',
      pass: null,
    },
    {
      figure: 'verified: blind, then unblind and check, in the page (the browser library, on Node)',
      value: ms(clientAt),
      budget: 'info',
      pass: null,
    },
    {
      figure: 'verified: make one group key (RSA-2048, once per school and role per cycle)',
      value: ms(keyAt),
      budget: 'info',
      pass: null,
    },
  );

  // Write units, both paths, on DynamoDB Local.
  const db = documentClient();
  const table = LOCAL_NAMES.table;
  const meter = meterWrites(db, 'verifiedWriteUnits');
  try {
    const staffKey = new SigningKeyRepository(db, table, 'staff-email');
    const mail: string[] = [];
    // The deps the functions build, with a private-key folder of the bench's own.
    const deps = verifiedDeps(table, {
      store: new FilePrivateKeyStore(mkdtempSync(join(tmpdir(), 'bench-keys-'))),
      sendLink: async (m) => void mail.push(m.text),
    });
    const answers = {
      safety: 4,
      influence: 3,
      ratings: { vision: 4 },
      comment: 'Peer review visits have sharpened how we plan.',
    };
    const verified = openForm('bench-verified', { access: 'verified' });
    const open = openForm('bench-open');
    await deps.forms.create(verified);
    await deps.forms.create(open);
    await new EvidenceRepository(db, table).upsertMany(
      'staff',
      [
        {
          emailHash: staffEmailHash(await staffKey.get(), 'bench@oak.example'),
          division: 'oak-primary',
          role: 'delivery',
        },
      ],
      '2026-11-26',
    );
    await deps.signingKey.get();
    // Make the group key first, so the figures are of a response, not of a key's first use.
    await deps.groupKeys.ensure(verified.cycleId, 'oak-primary|delivery');

    meter.reset();
    await submitResponse(
      open.formId,
      { ...answers, token: issueRenderToken(await deps.signingKey.get(), open.formId, Date.now() - 10_000) },
      deps,
    );
    const open1 = meter.read();

    meter.reset();
    await requestLink(verified, 'bench@oak.example', 'https://bench.example', deps);
    const link = /\/v#([A-Za-z0-9_-]{43})/.exec(mail[0]!)![1]!;
    const group = await accessFor(verified.formId, link, deps);
    const page = await blindToken(await importGroupKey(group.publicKey));
    const { blindSignature } = await issueToken(
      verified.formId,
      { link, blindedMessage: page.blinded.toString('base64url') },
      deps,
    );
    const sig = await page.finish(Buffer.from(blindSignature, 'base64url'));
    const issue = meter.read();
    meter.reset();
    await submitResponse(
      verified.formId,
      {
        ...answers,
        division: 'oak-primary',
        role: 'delivery',
        token: page.token.toString('base64url'),
        signature: sig.toString('base64url'),
      },
      deps,
    );
    const verified1 = meter.read();
    rows.push(
      ...[
        ['open', open1],
        ['verified', verified1],
      ].map(([path, m]) => {
        const { units, writes } = m as { units: number; writes: string[] };
        return {
          figure: `${String(path)}: write units of one response (${writes.join(', ')})`,
          value: `${units} WCU`,
          budget: '<= 2 WCU',
          pass: units > 0 && units <= 2,
        };
      }),
      {
        figure: `verified: extra write units to get the token, once per member of staff (${issue.writes.join(', ')})`,
        value: `${issue.units} WCU`,
        budget: 'info',
        pass: null,
      },
    );
  } finally {
    meter.remove();
  }
  return rows;
}
