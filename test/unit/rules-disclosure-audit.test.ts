// Pins what the publish step does when the disclosure audit (SPEC section 3) finds a leak or cannot run: what is merged or withheld, in what order, and what the report and the audit record say.
import { describe, expect, it } from 'vitest';
import type { IntervalSolver, LinearModel } from '../../shared/disclosure/linear-model';
import type { PublishedPractitioners } from '../../shared/disclosure/facts';
import {
  publishPractitionerStatistics,
  type DisclosureSettings,
} from '../../shared/disclosure/publish-statistics';
import { highsSolver } from '../../shared/disclosure/solver';
import type { StoredResponse } from '../../shared/schemas/response';
import { aggregate, publishedOnly, response, times } from '../support/builders';

const people = (n: number, patch: Partial<StoredResponse>) => times(n, () => response(patch));
const settings = (divisions: string[], patch: Partial<DisclosureSettings> = {}): DisclosureSettings => ({
  k: 5,
  commentThreshold: 10,
  divisions,
  formClosed: true,
  ...patch,
});
const publish = (
  rs: StoredResponse[],
  s: DisclosureSettings,
  options: { earlier?: PublishedPractitioners[]; solver?: (m: LinearModel) => Promise<IntervalSolver> } = {},
) => publishPractitionerStatistics(aggregate(rs), s, { solver: highsSolver, ...options });
const byAudit = (what: string) =>
  `${what} is withheld: checked together with every other figure, it would narrow down how a group of fewer than 5 practitioners answered.`;
const NO_SAFETY =
  'Fewer than 5 practitioners answered on feeling safe to give honest feedback, so its average is not reported.';
const NO_INFLUENCE =
  'Fewer than 5 practitioners answered on feedback leading to change, so its average is not reported.';
const NO_ROLES = 'Responses are not broken down by role: no grouping gives every group at least 5 responses.';
const NO_DIVISIONS =
  'Responses are not broken down by division: no grouping gives every group at least 5 responses.';

describe('while the form is open no practitioner figure is published, and the audit needs no solver', () => {
  it('publishes nothing from 12 responses of an open form, and records one round in the time it took', async () => {
    const rs = [...people(6, { division: 'ash', safety: 4 }), ...people(6, { division: 'oak', safety: 2 })];
    const started = performance.now();
    const p = await publish(rs, settings(['ash', 'oak'], { formClosed: false }));
    const elapsed = performance.now() - started;
    expect(p).toMatchObject({ computed: false, responses: null, means: {}, byDivision: [], byRole: [] });
    expect(p.withheld).toEqual([
      'The practitioner form is still open, so no practitioner figure is reported yet: they are worked out once, from the responses of the closed form.',
    ]);
    // Sets: 7 non-empty sets of the 3 roles, each with ash, oak, undisclosed and all divisions: 28.
    expect(p.audit).toMatchObject({ solver: 'none needed', setsChecked: 28, rounds: 1, withheldByAudit: 0 });
    expect(p.audit!.milliseconds).toBeGreaterThanOrEqual(0);
    expect(p.audit!.milliseconds).toBeLessThanOrEqual(Math.ceil(elapsed));
  });
});

describe('a leaked answer sum withholds that question’s average where it is shown, and nothing else', () => {
  it('withholds safety by division when ash’s 6 all answered 5, keeping influence by division', async () => {
    // Ash: 4 delivery and 2 leaders, all safety 5: a mean of 5.0 for ash pins the leaders' sum at 10.
    // Influence at ash is 3 from everyone (18): the leaders' sum could be 2 to 10, the range itself.
    // Role: 14 delivery, 2 leaders, so no breakdown. Oak: 10, safety and influence 1 to 5 twice.
    const rs = [
      ...people(4, { division: 'ash', role: 'delivery', safety: 5, influence: 3 }),
      ...people(2, { division: 'ash', role: 'leadership', safety: 5, influence: 3 }),
      ...times(10, (i) => response({ division: 'oak', safety: 1 + (i % 5), influence: 1 + ((i + 1) % 5) })),
    ];
    const p = await publish(rs, settings(['ash', 'oak']));
    // Trust: safety (30 + 30) / 16 = 3.75, influence (18 + 30) / 16 = 3.
    expect(p.means).toEqual({ safety: 3.75, influence: 3 });
    expect(p.byDivision.map((g) => [g.group, g.count, g.safetyMean, g.influenceMean])).toEqual([
      ['ash', 6, null, 3],
      ['oak', 10, null, 3],
    ]);
    expect(p.withheld).toEqual([
      NO_ROLES,
      byAudit('The average for feeling safe to give honest feedback by division'),
    ]);
    expect(p.audit).toMatchObject({ rounds: 2, withheldByAudit: 1 });
  }, 60_000);

  it('withholds the trust-wide safety mean when all 5 answered 5 and no breakdown shows it, keeping influence', async () => {
    // Ash 2 and oak 3: no breakdown. Influence 1 to 5: any two could have given 2 to 10 of the 15.
    const rs = times(5, (i) => response({ division: i < 2 ? 'ash' : 'oak', safety: 5, influence: i + 1 }));
    const p = await publish(rs, settings(['ash', 'oak']));
    expect(p.responses).toBe(5);
    expect(p.means).toEqual({ influence: 3 });
    expect(p.withheld).toEqual([
      NO_DIVISIONS,
      NO_ROLES,
      byAudit('The trust-wide average for feeling safe to give honest feedback'),
    ]);
  }, 60_000);
});

describe('a leaked count merges the smallest group shown; where that leaves one group the breakdown goes', () => {
  it('withholds the breakdown by division when elm (3 of 3 staff) and hazel (4 of 4) reported together as 7 pin both', async () => {
    // Division: undisclosed 6 and combined elm + hazel 7. Merging undisclosed, the only group shown,
    // leaves one group. All 13 are delivery, so there is no breakdown by role to merge first.
    const rs = [
      ...people(3, { division: 'elm' }),
      ...people(4, { division: 'hazel' }),
      ...people(6, { division: 'undisclosed' }),
    ];
    const headcount = [
      { division: 'elm', role: 'delivery', count: 3 },
      { division: 'hazel', role: 'delivery', count: 4 },
    ];
    const p = await publish(rs, settings(['elm', 'hazel'], { headcount }));
    expect(p.responses).toBe(13);
    expect(p.byDivision).toEqual([]);
    expect(p.withheld).toEqual([NO_SAFETY, NO_INFLUENCE, NO_ROLES, byAudit('The breakdown by division')]);
    expect(p.audit).toMatchObject({ rounds: 2, withheldByAudit: 1 });
  }, 60_000);

  it('with no breakdown left to merge, withholds the number of comments first, then every figure', async () => {
    // Elm 3 of 3 staff, hazel 4 of 4, and 4 who gave no school (fewer than k, as the grouping rule
    // tells): 11 = 3 + 4 + 4 pins all three. Without the comment count, 11 still pins them.
    const rs = [
      ...people(3, { division: 'elm' }),
      ...people(4, { division: 'hazel' }),
      ...people(4, { division: 'undisclosed' }),
    ];
    const headcount = [
      { division: 'elm', role: 'delivery', count: 3 },
      { division: 'hazel', role: 'delivery', count: 4 },
    ];
    const p = await publish(rs, settings(['elm', 'hazel'], { headcount }));
    expect(p).toMatchObject({ computed: false, responses: null, commentsTotal: null });
    expect(p.withheld).toEqual([
      NO_SAFETY,
      NO_INFLUENCE,
      NO_DIVISIONS,
      NO_ROLES,
      byAudit('The number of comments'),
      byAudit('Every practitioner figure'),
    ]);
    expect(p.audit).toMatchObject({ rounds: 3, withheldByAudit: 2 });
  }, 60_000);
});

describe('the publish step fails closed when even withholding everything cannot be proven safe', () => {
  it('publishes nothing when "fewer than 5 responded" pins a school over its headcount: 4 from ash, 3 staff', async () => {
    // The report would say a school has more responses than staff: ash has 4 or more, and at most 4 responded.
    const headcount = [{ division: 'ash', role: 'delivery', count: 3 }];
    await expect(publish(people(4, { division: 'ash' }), settings(['ash'], { headcount }))).rejects.toThrow(
      'the disclosure audit could not prove even the statement that too few responded safe to publish; nothing is published',
    );
  }, 60_000);

  it('publishes nothing more when figures already published narrow a small group whatever is withheld now', async () => {
    // Published before: 5 responded, safety 5.0. Ash's 2 answered 5 each, whatever this run shows.
    const rs = times(5, (i) => response({ division: i < 2 ? 'ash' : 'oak', safety: 5 }));
    await expect(
      publish(rs, settings(['ash', 'oak']), { earlier: [publishedOnly({ responses: 5, safetyMean: 5 })] }),
    ).rejects.toThrow(/already published for this cycle/);
  }, 60_000);
});

describe('a re-run whose responses differ from those first published publishes no new practitioner figure', () => {
  it('withholds everything, saying why, when 12 were published and 10 are there now', async () => {
    const rs = [...people(5, { division: 'ash', safety: 4 }), ...people(5, { division: 'oak', safety: 3 })];
    const p = await publish(rs, settings(['ash', 'oak']), { earlier: [publishedOnly({ responses: 12 })] });
    expect(p).toMatchObject({ computed: false, responses: null, means: {}, byDivision: [] });
    expect(p.withheld).toEqual([
      'The responses behind this cycle have changed since its figures were first published, so no new practitioner figure is published: set beside the first, it would show the change.',
    ]);
    // The count of 12 contradicts the 10 before any solver is asked; withholding all leaves nothing to check.
    expect(p.audit).toMatchObject({
      solver: 'none needed',
      rounds: 2,
      withheldByAudit: 0,
      earlierPublications: 1,
    });
  }, 60_000);

  it('is not mistaken for an audit that cannot run: a solver that fails stops the re-run with its error', async () => {
    const rs = [...people(2, { division: 'ash', safety: 4 }), ...people(8, { division: 'oak', safety: 3 })];
    const broken = async (): Promise<IntervalSolver> => {
      throw new Error('solver unavailable');
    };
    await expect(
      publish(rs, settings(['ash', 'oak']), { earlier: [publishedOnly({ responses: 10 })], solver: broken }),
    ).rejects.toThrow('solver unavailable');
  }, 60_000);
});
