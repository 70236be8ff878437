// Proves, with an audit written independently of shared/disclosure (HiGHS on CPLEX LP text, over the figures as evaluation.json prints them), that nothing published narrows a small group.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import loadHighs from 'highs';
import { publishPractitionerStatistics } from '../../shared/disclosure/publish-statistics';
import { highsSolver } from '../../shared/disclosure/solver';
import { evaluate } from '../../shared/domain/rubric';
import type { Evaluation } from '../../shared/domain/evaluation';
import type { StoredResponse } from '../../shared/schemas/response';
import { aggregate, emptyEvidence } from '../support/builders';
import { exampleConfig } from '../support/fixtures';

const ROLES = ['delivery', 'leadership', 'undisclosed'] as const;
const K = 5;

interface Published {
  count: number;
  divisions: string[];
  roles: string[];
  safety: number | null;
  influence: number | null;
}

/** What a reader of evaluation.json sees about groups: every published count and rounded mean. */
function readGroups(e: Evaluation, divisions: string[]): Published[] {
  const p = e.practitioners;
  const out: Published[] = [];
  if (p.responses !== null)
    out.push({
      count: p.responses,
      divisions,
      roles: [...ROLES],
      safety: p.safetyMean,
      influence: p.influenceMean,
    });
  for (const g of p.byDivision)
    out.push({
      count: g.count,
      divisions: g.members,
      roles: [...ROLES],
      safety: g.safetyMean,
      influence: g.influenceMean,
    });
  for (const g of p.byRole)
    out.push({
      count: g.count,
      divisions,
      roles: g.members,
      safety: g.safetyMean,
      influence: g.influenceMean,
    });
  return out;
}

type Highs = Awaited<ReturnType<typeof loadHighs>>;

/** The reader's integer program, written from scratch as LP text. */
function lpText(
  groups: Published[],
  divisions: string[],
  objective: string,
  sense: 'Maximize' | 'Minimize',
  extra: string[],
): string {
  const cells = divisions.flatMap((d, i) => ROLES.map((_, j) => `${i}_${j}`));
  const rows: string[] = [];
  for (const c of cells) {
    for (const q of ['s', 'i']) {
      rows.push(`a${q}${c} - n${c} <= 0`, `t${q}${c} - a${q}${c} >= 0`, `t${q}${c} - 5 a${q}${c} <= 0`);
    }
  }
  const cellsOf = (g: Published) =>
    g.divisions
      .flatMap((d) => g.roles.map((r) => `${divisions.indexOf(d)}_${ROLES.indexOf(r as never)}`))
      .filter((c) => !c.startsWith('-1'));
  for (const g of groups) {
    const cs = cellsOf(g);
    rows.push(`${cs.map((c) => `n${c}`).join(' + ')} = ${g.count}`);
    for (const [q, m] of [
      ['s', g.safety],
      ['i', g.influence],
    ] as const) {
      if (m === null) continue;
      // A mean printed as m (one decimal) is within m ± 0.05 of the true sum / answers.
      const lo = Math.round(m * 10) * 2 - 1;
      const hi = Math.round(m * 10) * 2 + 1;
      rows.push(
        `${cs
          .map((c) => `20 t${q}${c} - ${lo} a${q}${c}`)
          .join(' + ')
          .replace(/\+ -/g, '-')} >= 0`,
      );
      rows.push(
        `${cs
          .map((c) => `20 t${q}${c} - ${hi} a${q}${c}`)
          .join(' + ')
          .replace(/\+ -/g, '-')} <= 0`,
      );
      rows.push(`${cs.map((c) => `a${q}${c}`).join(' + ')} >= ${K}`);
    }
  }
  rows.push(...extra);
  const vars = cells.flatMap((c) => [`n${c}`, `as${c}`, `ts${c}`, `ai${c}`, `ti${c}`]);
  return `${sense}\n obj: ${objective}\nSubject To\n${rows.map((r, i) => ` c${i}: ${r}`).join('\n')}\nBounds\n${vars.map((v) => ` 0 <= ${v} <= 100000`).join('\n')}\nGenerals\n ${vars.join(' ')}\nEnd`;
}

function solve(h: Highs, lp: string): number {
  const r = h.solve(lp, { output_flag: false });
  if (r.Status !== 'Optimal') throw new Error(`independent audit: ${r.Status}`);
  return Math.round(r.ObjectiveValue);
}

/** Every cell, division and role with 1 to k-1 respondents: its count must not be pinned, its safety sum not narrowed. */
function independentAudit(
  h: Highs,
  groups: Published[],
  divisions: string[],
  responses: StoredResponse[],
): string[] {
  if (!groups.length) return [];
  const leaks: string[] = [];
  const sets: { label: string; d: number[]; r: number[] }[] = [];
  divisions.forEach((_, i) => {
    sets.push({ label: `division ${divisions[i]}`, d: [i], r: [0, 1, 2] });
    ROLES.forEach((role, j) => sets.push({ label: `${divisions[i]} × ${role}`, d: [i], r: [j] }));
  });
  ROLES.forEach((role, j) => sets.push({ label: `role ${role}`, d: divisions.map((_, i) => i), r: [j] }));
  for (const s of sets) {
    const members = responses.filter(
      (x) => s.d.includes(divisions.indexOf(x.division)) && s.r.includes(ROLES.indexOf(x.role)),
    );
    if (members.length < 1 || members.length >= K) continue;
    const cells = s.d.flatMap((i) => s.r.map((j) => `${i}_${j}`));
    const n = cells.map((c) => `n${c}`).join(' + ');
    if (
      solve(h, lpText(groups, divisions, n, 'Maximize', [])) ===
      solve(h, lpText(groups, divisions, n, 'Minimize', []))
    )
      leaks.push(`count of ${s.label}`);
    const answered = members.filter((x) => x.safety !== undefined).length;
    if (answered === 0) continue;
    const given = [`${cells.map((c) => `as${c}`).join(' + ')} = ${answered}`];
    const t = cells.map((c) => `ts${c}`).join(' + ');
    const width =
      solve(h, lpText(groups, divisions, t, 'Maximize', given)) -
      solve(h, lpText(groups, divisions, t, 'Minimize', given));
    if (width < 2 * answered) leaks.push(`safety of ${s.label}`);
  }
  return leaks;
}

const config = exampleConfig();

async function published(divisions: string[], responses: StoredResponse[]): Promise<Evaluation> {
  const cfg = { ...config, divisions: divisions.map((id) => ({ id, name: id })) };
  const practitioners = await publishPractitionerStatistics(
    aggregate(responses),
    { k: K, commentThreshold: 10, divisions, formClosed: true },
    { solver: highsSolver },
  );
  return evaluate({
    config: cfg,
    configHash: 'h',
    cycle: cfg.cycles[2]!,
    evidence: emptyEvidence(),
    practitioners,
    now: new Date('2026-12-19T00:00:00Z'),
  });
}

const trust = fc.integer({ min: 1, max: 4 }).chain((d) =>
  fc.record({
    divisions: fc.constant(Array.from({ length: d }, (_, i) => `div-${i}`)),
    responses: fc.array(
      fc.record({
        division: fc.oneof(
          { weight: 8, arbitrary: fc.integer({ min: 0, max: d - 1 }).map((i) => `div-${i}`) },
          { weight: 1, arbitrary: fc.constant('undisclosed') },
        ),
        role: fc.oneof(
          { weight: 6, arbitrary: fc.constant('delivery' as const) },
          { weight: 2, arbitrary: fc.constant('leadership' as const) },
          { weight: 1, arbitrary: fc.constant('undisclosed' as const) },
        ),
        safety: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined, freq: 8 }),
        influence: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined, freq: 3 }),
      }),
      { minLength: 0, maxLength: 45 },
    ),
  }),
);

describe('an independent audit of what is published', () => {
  it('finds no small group narrowed in random trusts, this cycle and the next', async () => {
    const h = await loadHighs();
    await fc.assert(
      fc.asyncProperty(trust, trust, async (a, b) => {
        for (const t of [a, b]) {
          const rs = t.responses.map(
            (r, i) => ({ ...r, responseId: `r${i}`, cycleId: 'c', ratings: {} }) as StoredResponse,
          );
          const e = await published(t.divisions, rs);
          expect(
            independentAudit(
              h,
              readGroups(e, [...t.divisions, 'undisclosed']),
              [...t.divisions, 'undisclosed'],
              rs,
            ),
          ).toEqual([]);
        }
      }),
      { numRuns: 6, seed: 2026 },
    );
  }, 240_000);

  it('can fail: it finds the leak in the old output shape, where a division was printed beside its role cells', async () => {
    const h = await loadHighs();
    const divisions = ['alder', 'ash', 'undisclosed'];
    const rs = [
      ...Array.from({ length: 14 }, () => ({ division: 'alder', role: 'delivery' as const, safety: 4 })),
      { division: 'alder', role: 'leadership' as const, safety: 5 },
      { division: 'alder', role: 'undisclosed' as const, safety: 5 },
      ...Array.from({ length: 20 }, () => ({ division: 'ash', role: 'delivery' as const, safety: 3 })),
    ].map((r, i) => ({ ...r, responseId: `r${i}`, cycleId: 'c', ratings: {} }) as StoredResponse);
    const old: Published[] = [
      { count: 16, divisions: ['alder'], roles: [...ROLES], safety: 4.1, influence: null },
      { count: 14, divisions: ['alder'], roles: ['delivery'], safety: 4.0, influence: null },
      { count: 20, divisions: ['ash'], roles: [...ROLES], safety: 3.0, influence: null },
      { count: 36, divisions, roles: [...ROLES], safety: 3.5, influence: null },
    ];
    expect(independentAudit(h, old, divisions, rs)).toEqual(
      expect.arrayContaining(['safety of alder × leadership']),
    );
  }, 60_000);
});
