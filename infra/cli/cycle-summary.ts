import type { Evaluation } from '../../shared/domain/evaluation';
import { PILLARS } from '../../shared/domain/pillars';
import { RATING_LABEL, TREND_LABEL } from '../../shared/report/labels';

/** The evaluation as a person at a terminal wants to read it: headline first, one line per criterion. */
export function describeEvaluation(e: Evaluation, out: (line: string) => void): void {
  out(`${e.trustName}: cycle ${e.cycleId} (${e.cycleStart} to ${e.cycleEnd})`);
  out(
    `Overall: ${RATING_LABEL[e.overall.rating]} (${e.overall.rating}), ${TREND_LABEL[e.overall.trend]}` +
      (e.overall.greyCount ? `; ${e.overall.greyCount} criteria without enough evidence` : ''),
  );
  for (const c of e.criteria)
    out(`  ${c.id} ${RATING_LABEL[c.rating].padEnd(19)} ${TREND_LABEL[c.trend].padEnd(16)} ${c.reasoning}`);
  const disagree = e.triangulation.filter((t) => t.sourcesDisagree);
  if (disagree.length)
    out(
      `Sources disagree on: ${disagree.map((t) => `${PILLARS[t.pillar].label} (practitioners ${t.practitionerMean!.toFixed(1)}, peer review ${t.peerScaled!.toFixed(1)})`).join('; ')}`,
    );
  const p = e.practitioners;
  out(
    `Practitioners: ${p.responses ?? `fewer than ${e.anonymity.k}`} responses${p.participation !== null ? ` (${Math.round(p.participation * 100)}% of staff)` : ''}; ${p.commentsTotal ?? 0} comments.`,
  );
  out(`Rubric ${e.rubricVersion}, config ${e.configHash}, evaluated ${e.evaluatedAt}.`);
}
