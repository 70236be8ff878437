// Proves the evaluate step deletes a verified form's private group keys once figures are computed from it (and never sooner, nor for an open form), keeping the public halves, and that a re-run or a retry after a failure is safe.
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootstrapLocal } from '../../infra/local/bootstrap';
import { documentClient } from '../../shared/aws/dynamodb';
import { evaluateStep, type EvaluateDeps } from '../../shared/cycle/evaluate';
import type { Form } from '../../shared/domain/forms';
import { CycleRepository } from '../../shared/store/cycles';
import { EvidenceRepository } from '../../shared/store/evidence';
import { FormRepository } from '../../shared/store/forms';
import { GroupKeyRepository } from '../../shared/store/group-keys';
import { FilePrivateKeyStore, privateKeyName } from '../../shared/store/private-keys';
import { ResponseRepository } from '../../shared/store/responses';
import { openForm, response, times } from '../support/builders';
import { exampleConfig } from '../support/fixtures';

// Its own table, so the keys and forms here are only this file's.
const TABLE = 'retire-group-keys';
const db = documentClient();
const base = exampleConfig();
// Cycles of this file's own; each form is open through June 2026.
const config = {
  ...base,
  cycles: [
    ...base.cycles,
    ...['keys-verified', 'keys-open', 'keys-few', 'keys-retry', 'keys-kept'].map((id) => ({
      id,
      start: '2026-05-01',
      end: '2026-06-30',
    })),
  ],
};
const WHILE_OPEN = new Date('2026-06-15T12:00:00Z');
const AFTER_CLOSE = new Date('2026-07-02T12:00:00Z');
const GROUPS = ['oak-primary|delivery', 'oak-primary|leadership'];

const keyDir = mkdtempSync(join(tmpdir(), 'retire-keys-'));
const store = new FilePrivateKeyStore(keyDir);
const groupKeys = new GroupKeyRepository(db, TABLE, store);
const forms = new FormRepository(db, TABLE);
/** Each cycle deleteCycle was asked for, with how many keys it deleted. */
const retired: [string, number][] = [];

function deps(now: Date, privateKeys: EvaluateDeps['privateKeys'] = store): EvaluateDeps {
  return {
    config,
    evidence: new EvidenceRepository(db, TABLE),
    responses: new ResponseRepository(db, TABLE),
    cycles: new CycleRepository(db, TABLE),
    forms,
    privateKeys: {
      deleteCycle: async (cycleId) => {
        const n = await privateKeys.deleteCycle(cycleId);
        retired.push([cycleId, n]);
        return n;
      },
    },
    now: () => now,
  };
}

/** The cycle's form, its keys made as issue-token makes them, and `answers` responses to it. */
async function cycleWith(cycleId: string, access: Form['access'], answers: number): Promise<Form> {
  const form = openForm(cycleId, { access, opensOn: '2026-05-01', closesOn: '2026-06-30' });
  await forms.create(form);
  for (const group of GROUPS) await groupKeys.ensure(cycleId, group);
  const responses = new ResponseRepository(db, TABLE);
  for (const r of times(answers, () =>
    response({ cycleId, safety: 4, influence: 3, ratings: { vision: 4 } }),
  ))
    await responses.add(r);
  return form;
}

const privateKeysOf = (cycleId: string) =>
  readdirSync(keyDir).filter((f) => f.startsWith(encodeURIComponent(`${cycleId}/`)));

beforeAll(async () => {
  await bootstrapLocal(TABLE, TABLE);
});

describe('retiring private group keys when a verified form is final', () => {
  it('keeps them while the form is open: figures are not computed, and tokens are still signed', async () => {
    await cycleWith('keys-verified', 'verified', 6);

    await evaluateStep('keys-verified', true, deps(WHILE_OPEN));

    expect((await forms.getForCycle('keys-verified'))!.figuresComputed).toBeUndefined();
    expect(privateKeysOf('keys-verified')).toHaveLength(2);
    expect(retired.filter(([c]) => c === 'keys-verified')).toEqual([]);
  });

  it("deletes every private key of the cycle once figures are computed, and keeps the public halves and every other cycle's keys", async () => {
    await cycleWith('keys-kept', 'verified', 6);
    // A private key whose kid lost ensure's conditional put: stored, but named by no public key.
    await store.put(privateKeyName('keys-verified', GROUPS[0]!, 'lost-the-race'), 'orphan');
    expect(privateKeysOf('keys-verified')).toHaveLength(3);

    await evaluateStep('keys-verified', true, deps(AFTER_CLOSE));

    expect((await forms.getForCycle('keys-verified'))!.figuresComputed).toBe(true);
    expect(privateKeysOf('keys-verified')).toEqual([]);
    expect(retired).toContainEqual(['keys-verified', 3]);
    expect((await groupKeys.publicKeys('keys-verified')).map((k) => k.group).sort()).toEqual(GROUPS);
    expect(privateKeysOf('keys-kept')).toHaveLength(2);
  });

  it('succeeds on a re-run, finding nothing left to delete', async () => {
    await expect(evaluateStep('keys-verified', true, deps(AFTER_CLOSE))).resolves.toMatchObject({
      reused: false,
    });

    expect(retired.at(-1)).toEqual(['keys-verified', 0]);
    expect(await groupKeys.publicKeys('keys-verified')).toHaveLength(2);
  });

  it('keeps them when a closed form has too few responses for figures: it may still be extended, and sign again', async () => {
    await cycleWith('keys-few', 'verified', 2);

    await evaluateStep('keys-few', true, deps(AFTER_CLOSE));

    expect((await forms.getForCycle('keys-few'))!.figuresComputed).toBeUndefined();
    expect(privateKeysOf('keys-few')).toHaveLength(2);
    expect(retired.filter(([c]) => c === 'keys-few')).toEqual([]);
  });

  it('deletes nothing for an open-access form, which signs no tokens', async () => {
    await cycleWith('keys-open', 'open', 6);

    await evaluateStep('keys-open', true, deps(AFTER_CLOSE));

    expect((await forms.getForCycle('keys-open'))!.figuresComputed).toBe(true);
    expect(retired.filter(([c]) => c === 'keys-open')).toEqual([]);
    expect(privateKeysOf('keys-open')).toHaveLength(2);
  });

  it('deletes them on the retry of a run that failed after marking the figures computed', async () => {
    await cycleWith('keys-retry', 'verified', 6);
    const failing = {
      deleteCycle: () => Promise.reject(new Error('Secrets Manager is unavailable')),
    };

    await expect(evaluateStep('keys-retry', true, deps(AFTER_CLOSE, failing))).rejects.toThrow(/unavailable/);
    expect((await forms.getForCycle('keys-retry'))!.figuresComputed).toBe(true);
    expect(privateKeysOf('keys-retry')).toHaveLength(2);

    await evaluateStep('keys-retry', true, deps(AFTER_CLOSE));

    expect(privateKeysOf('keys-retry')).toEqual([]);
    expect(retired).toContainEqual(['keys-retry', 2]);
  });
});
