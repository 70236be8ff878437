/**
 * The cycle's steps, declared once (SPEC section 7): one function each, run in the order the state
 * machine's definition (infra/cdk/cycle-definition.ts) gives, in the cloud and, through that same
 * definition, locally. `request-approval` runs only under manual approval; the final publish and the
 * e-mail then wait for a QA lead.
 */
export const CYCLE_STEPS = ['gather', 'evaluate', 'publish', 'request-approval', 'notify'] as const;
export type CycleStepName = (typeof CYCLE_STEPS)[number];

/** Every function the pipeline deploys: the steps, and the one that opens a cycle's form. */
export const PIPELINE_FUNCTIONS = [...CYCLE_STEPS, 'open-form'] as const;
export type PipelineFunctionName = (typeof PIPELINE_FUNCTIONS)[number];
