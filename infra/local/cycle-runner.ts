import type { Context } from 'aws-lambda';
import { loadStepHandler, type CycleFunctionName } from './handlers';

const STEPS: CycleFunctionName[] = ['gather', 'evaluate', 'publish', 'notify'];

export interface StepReport {
  step: CycleFunctionName;
  output: Record<string, unknown>;
}

/**
 * Runs a cycle's steps in order, handing each the same input the state machine gives it in the cloud.
 * Every step is safe to repeat, so a failed run is resumed simply by running it again.
 */
export async function runCycleLocally(
  cycleId: string,
  force = false,
  onStep?: (r: StepReport) => void,
): Promise<StepReport[]> {
  const reports: StepReport[] = [];
  for (const step of STEPS) {
    const handler = await loadStepHandler(step);
    const output = await handler({ cycleId, force }, {
      functionName: step,
      awsRequestId: crypto.randomUUID(),
    } as Context);
    const report = { step, output };
    reports.push(report);
    onStep?.(report);
  }
  return reports;
}
