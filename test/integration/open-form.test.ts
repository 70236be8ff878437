// Proves opening a cycle's form on DynamoDB Local makes one unguessable link per cycle, and moves its closing date on request.
import { beforeAll, describe, expect, it } from 'vitest';
import { bootstrapLocal } from '../../infra/local/bootstrap';
import { LOCAL_NAMES } from '../../infra/local/environment';
import { documentClient } from '../../shared/aws/dynamodb';
import { FormRepository } from '../../shared/store/forms';
import { openFormForCycle } from '../../shared/feedback/open-form';
import { ValidationError } from '../../shared/errors';
import { exampleConfig } from '../support/fixtures';

const config = exampleConfig();
const deps = () => ({
  config,
  forms: new FormRepository(documentClient(), LOCAL_NAMES.table),
  now: () => new Date('2026-04-21T09:00:00Z'),
});

beforeAll(async () => {
  await bootstrapLocal(LOCAL_NAMES.table, LOCAL_NAMES.bucket);
});

describe('opening a form for a cycle', () => {
  it('creates it once, with the cycle dates and the anonymity settings in force, and returns it again after', async () => {
    const first = await openFormForCycle('2026-summer', undefined, deps());
    expect(first.created).toBe(true);
    expect(first.form).toMatchObject({
      cycleId: '2026-summer',
      opensOn: '2026-04-20',
      closesOn: '2026-07-22',
      anonymity: { k: 5, commentThreshold: 10 },
    });
    const again = await Promise.all([
      openFormForCycle('2026-summer', undefined, deps()),
      openFormForCycle('2026-summer', undefined, deps()),
    ]);
    expect(again.map((a) => [a.created, a.form.formId])).toEqual([
      [false, first.form.formId],
      [false, first.form.formId],
    ]);
    expect(await deps().forms.get(first.form.formId)).toEqual(first.form);
  });

  it('makes one form when two callers open the same cycle at once', async () => {
    // A cycle of this test's own, so no other file's form for it can exist.
    const race = {
      ...config,
      cycles: [...config.cycles, { id: 'open-form-race', start: '2026-05-01', end: '2026-06-30' }],
    };
    const both = await Promise.all([
      openFormForCycle('open-form-race', undefined, { ...deps(), config: race }),
      openFormForCycle('open-form-race', undefined, { ...deps(), config: race }),
    ]);
    expect(both.map((b) => b.created).sort()).toEqual([false, true]);
    expect(both[0]!.form.formId).toBe(both[1]!.form.formId);
  });

  it('moves the closing date of the open form when asked, in either date format', async () => {
    const moved = await openFormForCycle('2026-summer', '31/07/2026', deps());
    expect(moved).toMatchObject({ created: false, form: { closesOn: '2026-07-31' } });
    expect((await deps().forms.get(moved.form.formId))!.closesOn).toBe('2026-07-31');
    expect((await deps().forms.getForCycle('2026-summer'))!.closesOn).toBe('2026-07-31');
  });

  it('refuses an unknown cycle, an impossible or past closing date, and changes nothing', async () => {
    const reasons = async (cycleId: string, closes?: string) => {
      try {
        await openFormForCycle(cycleId, closes, deps());
      } catch (err) {
        if (err instanceof ValidationError) return err.issues.map((i) => `${i.path}: ${i.message}`);
        throw err;
      }
      return [];
    };
    // A cycle that has ended gets no form that would be closed already, unless given a later closing day.
    expect(await reasons('2026-spring')).toEqual([
      'cycleId: 2026-spring ended on 2026-04-02, so a form opened now would already be closed; to collect responses late, give a closing date of today or later (--closes)',
    ]);
    expect(await deps().forms.getForCycle('2026-spring')).toBeUndefined();
    expect(await reasons('2031-x')).toEqual([
      expect.stringMatching(/^cycleId: "2031-x" is not a cycle in the trust config/),
    ]);
    expect(await reasons('2026-summer', '30/02/2026')).toEqual([
      'closes: "30/02/2026" is not a real date as YYYY-MM-DD or DD/MM/YYYY',
    ]);
    expect(await reasons('2026-summer', '2026-04-01')).toEqual([
      'closes: 2026-04-01 is in the past; a form must close today or later',
    ]);
    expect((await deps().forms.getForCycle('2026-summer'))!.closesOn).toBe('2026-07-31');
  });
});
