/**
 * The cycle's steps, declared once (SPEC section 7): one function each, run in the order the state
 * machine's definition (infra/cdk/cycle-definition.ts) gives, in the cloud and, through that same
 * definition, locally. `request-approval` runs only under manual approval; the final publish and the
 * e-mail then wait for a QA lead. The description and memory are the deployed function's:
 * gathering, evaluating and rendering the PDF want the CPU that comes with more memory.
 */
export const CYCLE_STEPS = [
  { name: 'gather', description: 'Imports the evidence files in the inbox', memorySize: 1024 },
  { name: 'evaluate', description: 'Judges a cycle against the pillar-7 criteria', memorySize: 1024 },
  { name: 'publish', description: "Writes a cycle's report files to S3", memorySize: 1024 },
  {
    name: 'request-approval',
    description: 'Tells the QA leads a draft report waits for their approval',
    memorySize: 256,
  },
  { name: 'notify', description: 'Emails the board, once per cycle', memorySize: 512 },
] as const;
export type CycleStepName = (typeof CYCLE_STEPS)[number]['name'];
export const CYCLE_STEP_NAMES: readonly CycleStepName[] = CYCLE_STEPS.map((s) => s.name);

/** One value per step, made by `make`: a record every step is in. */
export const perStep = <T>(make: (step: CycleStepName) => T): Record<CycleStepName, T> =>
  Object.fromEntries(CYCLE_STEP_NAMES.map((s) => [s, make(s)])) as Record<CycleStepName, T>;

/** Every function the pipeline deploys: the steps, and the one that opens a cycle's form. */
export const PIPELINE_FUNCTIONS = [...CYCLE_STEPS.map((s) => s.name), 'open-form'] as const;
export type PipelineFunctionName = (typeof PIPELINE_FUNCTIONS)[number];

interface CycleState {
  /** The step whose function the state runs. */
  step: CycleStepName;
  /** The report publish writes there: a draft for the QA lead, or the final one for the board. */
  stage?: 'draft' | 'final';
  /** How the state reads to a person following a run. */
  reads: string;
}

/**
 * The state machine's task states, by the name each has there: the step it runs, with what input,
 * and how a person following a run reads it. Publish runs as `Publish` under automatic approval,
 * and as `PublishDraft` and `PublishFinal` around the wait for a QA lead under manual approval.
 */
export const CYCLE_STATES = {
  Gather: { step: 'gather', reads: 'gather' },
  Evaluate: { step: 'evaluate', reads: 'evaluate' },
  Publish: { step: 'publish', stage: 'final', reads: 'publish' },
  PublishDraft: { step: 'publish', stage: 'draft', reads: 'publish (draft)' },
  AwaitApproval: { step: 'request-approval', reads: 'waiting for a QA lead' },
  PublishFinal: { step: 'publish', stage: 'final', reads: 'publish (final)' },
  Notify: { step: 'notify', reads: 'notify' },
} as const satisfies Record<string, CycleState>;
export type CycleStateName = keyof typeof CYCLE_STATES;

/** The task state of this name, or undefined for a state that runs no step (a choice, a failure). */
export function cycleState(name: string): CycleState | undefined {
  return Object.hasOwn(CYCLE_STATES, name) ? CYCLE_STATES[name as CycleStateName] : undefined;
}
