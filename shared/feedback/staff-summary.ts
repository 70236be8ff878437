import { html } from '../report/escape';
import { ukDate } from '../domain/dates';
import { PILLARS } from '../domain/pillars';
import { approvalStands } from '../domain/cycle-state';
import type { Evaluation } from '../domain/evaluation';
import type { TrustConfig } from '../schemas/config';
import type { CycleRepository } from '../store/cycles';
import { pageShell } from './form-page';

/**
 * "You said, we did" for staff: once a cycle's report has gone to the board, the form's own link
 * shows what came of the feedback. Only figures the report already published (each one audited
 * for anonymity, SPEC section 3) and only at trust level: never a school, a role or a comment.
 */
export interface StaffSummary {
  trust: string;
  cycleId: string;
  closedOn: string;
  responses: number | null;
  safetyMean: number | null;
  influenceMean: number | null;
  /** The share who agreed (4 or 5) with each statement, where the report published it. */
  agreed: Partial<Record<string, number>>;
  pillars: { key: string; label: string; mean: number }[];
  changes: { date: string; description: string; pillar: string }[];
  /** The next cycle's first day, if the config has one. */
  nextOpens?: string;
  k: number;
}

export function staffSummaryOf(e: Evaluation, config: TrustConfig, closedOn: string): StaffSummary {
  const next = [...config.cycles]
    .sort((a, b) => a.start.localeCompare(b.start))
    .find((c) => c.start > e.cycleEnd);
  return {
    trust: e.trustName,
    cycleId: e.cycleId,
    closedOn,
    responses: e.practitioners.responses,
    safetyMean: e.practitioners.safetyMean,
    influenceMean: e.practitioners.influenceMean,
    agreed: Object.fromEntries((e.practitioners.answerBands ?? []).map((b) => [b.question, b.agree])),
    pillars: e.triangulation
      .filter((t) => t.practitionerMean !== null)
      .map((t) => ({
        key: t.pillar,
        label: `${PILLARS[t.pillar].number}. ${PILLARS[t.pillar].label}`,
        mean: t.practitionerMean!,
      })),
    changes: e.changesFromFeedback.map((c) => ({
      date: c.date,
      description: c.description,
      pillar: PILLARS[c.pillar].label,
    })),
    ...(next ? { nextOpens: next.start } : {}),
    k: e.anonymity.k,
  };
}

/** The staff summary for a cycle, but only once its report has been sent to the board. */
export async function sentSummary(
  cycleId: string,
  closedOn: string,
  deps: { config: TrustConfig; cycles: Pick<CycleRepository, 'getRun' | 'getEvaluation'> },
): Promise<StaffSummary | undefined> {
  const run = await deps.cycles.getRun(cycleId);
  const manual = deps.config.board.approval === 'manual';
  if (!run.emailSentAt || (manual && !approvalStands(run))) return undefined;
  const e = await deps.cycles.getEvaluation(cycleId);
  return e ? staffSummaryOf(e, deps.config, closedOn) : undefined;
}

export function renderStaffSummary(s: StaffSummary): string {
  const mean = (x: number, question: string) => {
    const agreed = s.agreed[question];
    return `${x.toFixed(1)} out of 5${agreed === undefined ? '' : ` (${Math.round(agreed * 100)}% agreed)`}`;
  };
  return pageShell(
    `What came of your feedback - ${s.trust}`,
    html`<h1>What came of your feedback</h1>
<p>This form closed on ${ukDate(s.closedOn)}, and the trust board has had the report. Here is what staff said across ${s.trust}, and what has changed.</p>
<section aria-labelledby="said"><h2 id="said">You said</h2>
${
  s.responses === null
    ? html`<p>Fewer than ${s.k} people answered, so no result is shown: any figure could show how individuals answered.</p>`
    : html`<p>${s.responses} members of staff answered. Results are for the whole trust; none is shown for fewer than ${s.k} people.</p>
<ul>
${s.safetyMean !== null ? html`<li>Feeling safe to give honest feedback: ${mean(s.safetyMean, 'safety')}</li>` : ''}
${s.influenceMean !== null ? html`<li>Feedback leading to change: ${mean(s.influenceMean, 'influence')}</li>` : ''}
${s.pillars.map((p) => html`<li>${p.label}: ${mean(p.mean, p.key)}</li>`)}
</ul>`
}
</section>
<section aria-labelledby="did"><h2 id="did">We did</h2>
${
  s.changes.length
    ? html`<ul>${s.changes.map((c) => html`<li>${ukDate(c.date)}: ${c.description} (${c.pillar})</li>`)}</ul>`
    : html`<p>No change to the improvement model this cycle is recorded as coming from staff feedback yet.</p>`
}
</section>
<section aria-labelledby="next"><h2 id="next">What next</h2>
<p>${s.nextOpens ? `The next feedback form opens on ${ukDate(s.nextOpens)}.` : 'The next feedback form will be shared when the next cycle starts.'} Thank you for taking part.</p>
</section>`,
  );
}
