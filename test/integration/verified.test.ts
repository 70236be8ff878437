// Proves verified access on the emulators: one token per member of staff per cycle, blind-signed so issuance and spending share nothing, certifying division and role.
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootstrapLocal } from '../../infra/local/bootstrap';
import { LOCAL_NAMES } from '../../infra/local/environment';
import { documentClient } from '../../shared/aws/dynamodb';
import { staffEmailHash } from '../../shared/domain/staff';
import { TokenInvalidError, TokenSpentError } from '../../shared/errors';
import {
  accessFor,
  issueToken,
  LINK_EMAILS_PER_DAY,
  requestLink,
  type VerifiedDeps,
} from '../../shared/feedback/verified';
import { verifiedDeps } from '../../shared/feedback/verified-deps';
import { publicDefinition } from '../../shared/feedback/public-definition';
import { submitResponse } from '../../shared/feedback/submit';
import { EvidenceRepository } from '../../shared/store/evidence';
import { FormRepository } from '../../shared/store/forms';
import { FilePrivateKeyStore } from '../../shared/store/private-keys';
import { SigningKeyRepository } from '../../shared/store/signing-keys';
import { openForm } from '../support/builders';
import { partitionItems, responseItems } from '../support/table';
import { blindToken, importGroupKey } from '../support/blind-client';

const table = LOCAL_NAMES.table;
const cycleId = 'it-verified';
const form = openForm(cycleId, { access: 'verified' });
const outbox: { to: string; subject: string; text: string }[] = [];
let deps: VerifiedDeps;

const STAFF = [
  { email: 'jo.bloggs@oak.example', division: 'oak-primary', role: 'delivery' as const },
  { email: 'sam.head@oak.example', division: 'oak-primary', role: 'leadership' as const },
  { email: 'pat.often@oak.example', division: 'oak-primary', role: 'delivery' as const },
];

beforeAll(async () => {
  await bootstrapLocal(table, LOCAL_NAMES.bucket);
  const db = documentClient();
  await new FormRepository(db, table).create(form);
  const staffKey = new SigningKeyRepository(db, table, 'staff-email');
  const key = await staffKey.get();
  await new EvidenceRepository(db, table).upsertMany(
    'staff',
    STAFF.map((s) => ({ emailHash: staffEmailHash(key, s.email), division: s.division, role: s.role })),
    '2026-11-26',
  );
  // The same deps the functions build, with a private-key folder of this test's own.
  deps = verifiedDeps(table, {
    store: new FilePrivateKeyStore(mkdtempSync(join(tmpdir(), 'keys-'))),
    sendLink: async (m) => void outbox.push(m),
  });
});

/** What the page behind the link does: fetch the group key, blind a random token, unblind the signature. */
async function tokenFor(link: string) {
  const group = await accessFor(form.formId, link, deps);
  const client = await blindToken(await importGroupKey(group.publicKey));
  const blindedMessage = client.blinded.toString('base64url');
  const { blindSignature } = await issueToken(form.formId, { link, blindedMessage }, deps);
  const signature = await client.finish(Buffer.from(blindSignature, 'base64url'));
  return {
    group,
    blindedMessage,
    token: client.token.toString('base64url'),
    signature: signature.toString('base64url'),
  };
}

const linkIn = (mail: { text: string }) => /\/v#([A-Za-z0-9_-]{43})/.exec(mail.text)?.[1];
const items = (pk: string) => partitionItems(pk, table);

describe('verified access', () => {
  it('sends a one-time link only to an address on the staff list, saying the same to anyone', async () => {
    await requestLink(form, ' Jo.Bloggs@OAK.example ', 'https://form.example', deps);
    await requestLink(form, 'stranger@elsewhere.example', 'https://form.example', deps);
    expect(outbox.map((m) => m.to)).toEqual(['jo.bloggs@oak.example']);
    expect(outbox[0]!.text).toContain(`https://form.example/f/${form.formId}/v#`);
    await expect(requestLink(form, 'not an address', 'https://form.example', deps)).rejects.toMatchObject({
      issues: [{ path: 'email' }],
    });
  });

  it('sends one person at most five link e-mails a day, however often their address is entered', async () => {
    const before = outbox.length;
    for (let i = 0; i < 8; i++)
      await requestLink(form, 'pat.often@oak.example', 'https://form.example', deps);
    expect(outbox.slice(before).map((m) => m.to)).toEqual(
      Array(LINK_EMAILS_PER_DAY).fill('pat.often@oak.example'),
    );
    // The count is kept by day, by keyed hash: no address and no time of day.
    const counts = await items(`ASKED#${form.formId}`);
    expect(counts.map((c) => c.asked)).toContain(LINK_EMAILS_PER_DAY);
    for (const c of counts) {
      expect(String(c.sk)).toMatch(/^\d{4}-\d{2}-\d{2}#[A-Za-z0-9_-]+$/);
      expect(JSON.stringify(c)).not.toContain('oak.example');
      expect(c.expiresAt % 86_400).toBe(0);
    }
  });

  it('signs one token per member of staff per cycle; the response is stored once, with the certified group', async () => {
    const link = linkIn(outbox[0]!)!;
    const t = await tokenFor(link);
    expect(t.group).toMatchObject({
      division: 'oak-primary',
      role: 'delivery',
      divisionName: 'Oak Primary School',
    });

    // The link was used up, and a second link for the same person gives no second token.
    await expect(accessFor(form.formId, link, deps)).rejects.toThrow(TokenInvalidError);
    outbox.length = 0;
    await requestLink(form, 'jo.bloggs@oak.example', 'https://form.example', deps);
    expect(outbox[0]!.text).toContain('already had its one link');

    const answers = { safety: 4, influence: 3, division: 'oak-primary', role: 'delivery' };
    await submitResponse(form.formId, { ...answers, token: t.token, signature: t.signature }, deps);
    await expect(
      submitResponse(form.formId, { ...answers, token: t.token, signature: t.signature }, deps),
    ).rejects.toThrow(TokenSpentError);
    const stored = await responseItems(cycleId, table);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ division: 'oak-primary', role: 'delivery', safety: 4 });

    // Issuance and spending share no value: the issued record is the person (by keyed hash) and the
    // cycle; the spent record is a keyed hash of the token; neither holds the blinded value or time.
    const issued = await items(`ISSUED#${cycleId}`);
    const spent = (await items(`SPENT#${form.formId}`)).filter((i) => i.type === 'spent-token');
    expect(issued).toHaveLength(1);
    expect(spent).toHaveLength(1);
    const fields = (item: Record<string, unknown>) => Object.keys(item).filter((k) => k !== 'expiresAt');
    expect(fields(issued[0]!).sort()).toEqual(['pk', 'sk', 'type']);
    expect(fields(spent[0]!).sort()).toEqual(['pk', 'sk', 'type']);
    // The expiry is the form's own, the same for every record of the form (here none: the test's
    // cycle is not in the config, so its form is kept too): it says nothing about when, or whose.
    // The one value per record is the key, and the two keys share nothing.
    const [formItem] = await items(`FORM#${form.formId}`);
    expect(issued[0]!.expiresAt).toBe(formItem!.expiresAt);
    expect(spent[0]!.expiresAt).toBe(formItem!.expiresAt);
    const issuedKey = String(issued[0]!.sk);
    const spentKey = String(spent[0]!.sk);
    expect(issuedKey.includes(spentKey.slice(0, 8)) || spentKey.includes(issuedKey.slice(0, 8))).toBe(false);
    for (const record of [...issued, ...spent, ...stored]) {
      const text = JSON.stringify(record);
      for (const trace of [t.blindedMessage.slice(0, 40), t.token.slice(0, 40), t.signature.slice(0, 40)])
        expect(text).not.toContain(trace);
    }
  });

  it('gives no render token in the public definition of a verified form: its responses need a blind-signed one', async () => {
    const definition = await publicDefinition(form.formId, deps);
    expect(definition.formId).toBe(form.formId);
    expect(definition).not.toHaveProperty('token');
  });

  it('refuses a token claiming another group, a forged signature, and a missing one', async () => {
    outbox.length = 0;
    await requestLink(form, 'sam.head@oak.example', 'https://form.example', deps);
    const t = await tokenFor(linkIn(outbox[0]!)!);
    expect(t.group.role).toBe('leadership');
    // A head claiming to be a delivery practitioner: the token verifies only under leadership's key.
    await expect(
      submitResponse(
        form.formId,
        { safety: 2, division: 'oak-primary', role: 'delivery', token: t.token, signature: t.signature },
        deps,
      ),
    ).rejects.toThrow(TokenInvalidError);
    const forged = Buffer.from(t.signature, 'base64url');
    forged[5] = forged[5]! ^ 1;
    await expect(
      submitResponse(
        form.formId,
        {
          safety: 2,
          division: 'oak-primary',
          role: 'leadership',
          token: t.token,
          signature: forged.toString('base64url'),
        },
        deps,
      ),
    ).rejects.toThrow(TokenInvalidError);
    await expect(
      submitResponse(form.formId, { safety: 2, division: 'oak-primary', role: 'leadership' }, deps),
    ).rejects.toThrow(TokenInvalidError);
    // The real one still works, once.
    await submitResponse(
      form.formId,
      { safety: 2, division: 'oak-primary', role: 'leadership', token: t.token, signature: t.signature },
      deps,
    );
  });
});
