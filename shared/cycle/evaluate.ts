import type { TrustConfig, Cycle } from '../schemas/config';
import { configHash } from '../config/load-config';
import { ResponseAggregator } from '../domain/aggregate';
import { evaluate } from '../domain/rubric';
import type { Evaluation } from '../domain/evaluation';
import type { EvidenceRepository } from '../store/evidence';
import type { ResponseRepository } from '../store/responses';
import type { CycleRepository } from '../store/cycles';
import type { FormRepository } from '../store/forms';
import { effectiveAnonymity, formState } from '../domain/forms';
import { dayIn } from '../domain/anonymity';
import { publishPractitionerStatistics, publishedFiguresOf } from '../disclosure/publish-statistics';
import { highsSolver } from '../disclosure/solver';
import { reuseDelivered } from './delivered';

export class UnknownCycleError extends Error {
  constructor(cycleId: string, config: TrustConfig) {
    super(
      `cycle "${cycleId}" is not in the trust config (known: ${config.cycles.map((c) => c.id).join(', ')})`,
    );
    this.name = 'UnknownCycleError';
  }
}

export function findCycle(config: TrustConfig, cycleId: string): { cycle: Cycle; previous?: Cycle } {
  const sorted = [...config.cycles].sort((a, b) => a.start.localeCompare(b.start));
  const i = sorted.findIndex((c) => c.id === cycleId);
  if (i < 0) throw new UnknownCycleError(cycleId, config);
  return { cycle: sorted[i]!, previous: sorted[i - 1] };
}

export interface EvaluateDeps {
  config: TrustConfig;
  evidence: EvidenceRepository;
  responses: ResponseRepository;
  cycles: CycleRepository;
  forms: FormRepository;
  now: () => Date;
}

/**
 * Streams the cycle's responses through the aggregator, lets shared/disclosure decide what may be
 * published (figures only from a closed form, audited together with any published before for this
 * cycle), judges the cycle and stores the result.
 */
export async function evaluateCycle(cycleId: string, deps: EvaluateDeps): Promise<Evaluation> {
  const { cycle, previous } = findCycle(deps.config, cycleId);
  const aggregator = new ResponseAggregator(cycle.id);
  for await (const response of deps.responses.streamForCycle(cycle.id)) aggregator.add(response);
  const [evidence, previousEvaluation, form, earlier] = await Promise.all([
    deps.evidence.loadAll(),
    previous ? deps.cycles.getEvaluation(previous.id) : Promise.resolve(undefined),
    deps.forms.getForCycle(cycle.id),
    deps.cycles.getEvaluation(cycle.id),
  ]);
  const now = deps.now();
  const anonymity = effectiveAnonymity(deps.config.anonymity, form ? [form] : [], aggregator.responses > 0);
  const earlierFigures = earlier ? publishedFiguresOf(earlier) : undefined;
  const practitioners = await publishPractitionerStatistics(
    aggregator,
    {
      k: anonymity.k,
      commentThreshold: anonymity.commentThreshold,
      divisions: deps.config.divisions.map((d) => d.id),
      formClosed: !form || formState(form, dayIn(deps.config.timezone, now)) === 'closed',
    },
    { solver: highsSolver, earlier: earlierFigures ? [earlierFigures] : [] },
  );
  if (practitioners.computed && form && !form.figuresComputed) await deps.forms.markFiguresComputed(form);
  const evaluation = evaluate({
    config: deps.config,
    configHash: configHash(deps.config),
    cycle,
    evidence,
    practitioners,
    previous: previousEvaluation,
    now,
    anonymity,
  });
  await deps.cycles.saveEvaluation(evaluation);
  return evaluation;
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
