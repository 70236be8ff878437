import type { TrustConfig, Cycle } from '../schemas/config';
import { configHash } from '../config/load-config';
import { ResponseAggregator } from '../domain/aggregate';
import { evaluate } from '../domain/rubric';
import type { Evaluation } from '../domain/evaluation';
import type { EvidenceRepository } from '../store/evidence';
import type { ResponseRepository } from '../store/responses';
import type { CycleRepository } from '../store/cycles';
import type { FormRepository } from '../store/forms';
import { effectiveAnonymity } from '../domain/forms';
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

/** Streams the cycle's responses through the aggregator, judges the cycle and stores the result. */
export async function evaluateCycle(cycleId: string, deps: EvaluateDeps): Promise<Evaluation> {
  const { cycle, previous } = findCycle(deps.config, cycleId);
  const aggregator = new ResponseAggregator(cycle.id);
  for await (const response of deps.responses.streamForCycle(cycle.id)) aggregator.add(response);
  const [evidence, previousEvaluation, forms] = await Promise.all([
    deps.evidence.loadAll(),
    previous ? deps.cycles.getEvaluation(previous.id) : Promise.resolve(undefined),
    deps.forms.getForCycle(cycle.id).then((f) => (f ? [f] : [])),
  ]);
  const evaluation = evaluate({
    config: deps.config,
    configHash: configHash(deps.config),
    cycle,
    evidence,
    responses: aggregator,
    previous: previousEvaluation,
    now: deps.now(),
    anonymity: effectiveAnonymity(deps.config.anonymity, forms, aggregator.responses > 0),
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
