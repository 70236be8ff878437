import type { TrustConfig, Cycle } from '../schemas/config';
import { configHash } from '../config/load-config';
import { ResponseAggregator } from '../domain/aggregate';
import { evaluate, overHeadcount } from '../domain/rubric';
import type { Evaluation } from '../domain/evaluation';
import type { EvidenceRepository } from '../store/evidence';
import type { ResponseRepository } from '../store/responses';
import type { CycleRepository } from '../store/cycles';
import type { FormRepository } from '../store/forms';
import type { PrivateKeyRetirement } from '../store/private-keys';
import { accessOf, effectiveAnonymity, formState } from '../domain/forms';
import { dayIn } from '../domain/anonymity';
import { publishPractitionerStatistics } from '../disclosure/publish-statistics';
import { publishedFiguresOf, type PublishedPractitioners } from '../disclosure/facts';
import { highsSolver } from '../disclosure/solver';
import { reuseDelivered } from './delivered';
import { UnknownCycleError } from '../errors';
import { log } from '../log';

export function findCycle(config: TrustConfig, cycleId: string): { cycle: Cycle; previous?: Cycle } {
  const sorted = [...config.cycles].sort((a, b) => a.start.localeCompare(b.start));
  const i = sorted.findIndex((c) => c.id === cycleId);
  if (i < 0) throw new UnknownCycleError(cycleId, config.cycles);
  return { cycle: sorted[i]!, previous: sorted[i - 1] };
}

export interface EvaluateDeps {
  config: TrustConfig;
  evidence: EvidenceRepository;
  responses: ResponseRepository;
  cycles: CycleRepository;
  forms: FormRepository;
  /** Where the verified form's private group keys are kept, to retire a cycle's once its form is final. */
  privateKeys: PrivateKeyRetirement;
  now: () => Date;
}

/**
 * Streams the cycle's responses through the aggregator, lets shared/disclosure decide what may be
 * published (figures only from a closed form, audited together with any published before for this
 * cycle), judges the cycle and stores the result. Once figures are computed from a verified form, it
 * takes no more answers, so the cycle's private group keys are deleted: no token will be signed for
 * it again, and checking one needs the public halves alone, which stay.
 */
export async function evaluateCycle(cycleId: string, deps: EvaluateDeps): Promise<Evaluation> {
  const { cycle, previous } = findCycle(deps.config, cycleId);
  const aggregator = new ResponseAggregator(cycle.id);
  for await (const response of deps.responses.streamForCycle(cycle.id)) aggregator.add(response);
  const [evidence, previousEvaluation, form, earlier] = await Promise.all([
    deps.evidence.loadAll(),
    previous ? deps.cycles.getEvaluation(previous.id) : Promise.resolve(undefined),
    deps.forms.getForCycle(cycle.id),
    deps.cycles.getEvaluationRecord(cycle.id),
  ]);
  const now = deps.now();
  const anonymity = effectiveAnonymity(deps.config.anonymity, form ? [form] : [], aggregator.responses > 0);
  // Every publication of this cycle's figures so far, not only the latest: a run that withheld
  // everything must not make the next one forget what the one before it published.
  const publications = publicationsOf(earlier);
  const practitioners = await publishPractitionerStatistics(
    aggregator,
    {
      k: anonymity.k,
      commentThreshold: anonymity.commentThreshold,
      divisions: deps.config.divisions.map((d) => d.id),
      formClosed: !form || formState(form, dayIn(deps.config.timezone, now)) === 'closed',
      headcount: evidence.headcount,
    },
    { solver: highsSolver, earlier: publications },
  );
  if (practitioners.computed && form && !form.figuresComputed) await deps.forms.markFiguresComputed(form);
  // After the mark, never before: a form that could still be extended would need its keys. On every
  // run after it too, so a run that stopped between the two still deletes them.
  if (form && (form.figuresComputed || practitioners.computed) && accessOf(form) === 'verified') {
    const retired = await deps.privateKeys.deleteCycle(cycle.id);
    if (retired) log.info('retired private group keys', { cycleId: cycle.id, retired });
  }
  const evaluation = evaluate({
    config: deps.config,
    configHash: configHash(deps.config),
    cycle,
    evidence,
    practitioners,
    previous: previousEvaluation,
    now,
    anonymity,
    overHeadcount: overHeadcount(aggregator.countsByDivision(), evidence.headcount),
    access: form ? accessOf(form) : deps.config.form.access,
  });
  const figures = publishedFiguresOf(evaluation);
  const mine = figures && { ...figures, headcount: evidence.headcount };
  const seen = new Set(publications.map((p) => JSON.stringify(p)));
  await deps.cycles.saveEvaluation(
    evaluation,
    mine && !seen.has(JSON.stringify(mine)) ? [...publications, mine] : publications,
  );
  return evaluation;
}

/** The figures published for the cycle so far, from the stored record (or its one evaluation). */
function publicationsOf(
  record: { evaluation: Evaluation; publications: unknown[] } | undefined,
): PublishedPractitioners[] {
  if (!record) return [];
  if (record.publications.length) return record.publications as PublishedPractitioners[];
  const only = publishedFiguresOf(record.evaluation);
  return only ? [only] : [];
}

/** The step as the state machine runs it: judges the cycle, or reuses the delivered judgement. */
export async function evaluateStep(
  cycleId: string,
  force: boolean,
  deps: EvaluateDeps,
): Promise<{ evaluation: Evaluation; reused: boolean }> {
  const run = await deps.cycles.getRun(cycleId);
  const stored = reuseDelivered(run, force) ? await deps.cycles.getEvaluation(cycleId) : undefined;
  if (stored) return { evaluation: stored, reused: true };
  return { evaluation: await evaluateCycle(cycleId, deps), reused: false };
}
