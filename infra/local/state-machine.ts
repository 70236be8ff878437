import './promise-with-resolvers';
import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { ExecutionError, StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import type { CycleStepName } from '../../shared/cycle/steps';
import { stepOfFunction } from './cycle-definition';

export type StepHandler = (event: unknown, context: Context) => Promise<Record<string, unknown>>;

/** A step's function returned: which step, in which state of the definition, and what it returned. */
export interface StepReport {
  step: CycleStepName;
  state: string;
  output: Record<string, unknown>;
}

/** A step's function threw: the definition's Retry and Catch decide what happens next. */
export interface FailedAttempt {
  step: CycleStepName;
  state: string;
  error: Error;
}

export interface LocalRun {
  input: Record<string, unknown>;
  /** What a step's Task invokes: the function's own handler, or a test's stand-in. */
  handlerFor: (step: CycleStepName) => Promise<StepHandler>;
  /** Steps the run stops before rather than invoke them: a preview tells no one and sends nothing. */
  stopBefore?: readonly CycleStepName[];
  onStep?: (r: StepReport) => void;
  onFailedAttempt?: (f: FailedAttempt) => void;
}

type State = StateMachineDefinition['States'][string];
type TaskState = Extract<State, { Type: 'Task' }>;

/** Node fires a timer set beyond 2^31-1 ms (24.8 days) at once, so no local timeout may be longer. */
const MAX_TIMER_SECONDS = Math.floor((2 ** 31 - 1) / 1000);
/** Retries and Wait states keep their place in a local run, but not their minutes. */
const LOCAL_PAUSE_MS = 100;
const LAMBDA_INVOKE = /^arn:aws:states:::lambda:invoke(\.waitForTaskToken)?$/;

/** A Task state as run here: the step whose function it invokes, and how Step Functions calls that function. */
interface TaskCall {
  step: CycleStepName;
  integration: 'function' | 'invoke' | 'callback';
}

function taskCall(name: string, state: TaskState): TaskCall {
  const integration = LAMBDA_INVOKE.exec(state.Resource);
  const parameters = state.Parameters as { FunctionName?: unknown } | undefined;
  const step = stepOfFunction(integration ? parameters?.FunctionName : state.Resource);
  if (!step)
    throw new Error(
      `state ${name} calls ${state.Resource}, which cannot run locally: only Lambda invocations of the cycle's functions can (pin anything else with an assertion in test/infra)`,
    );
  return { step, integration: !integration ? 'function' : integration[1] ? 'callback' : 'invoke' };
}

/**
 * The definition with what the library would do differently from Step Functions put right: a Task
 * with no TimeoutSeconds has no timeout in Step Functions, where the library would give it 60
 * seconds and then start a retry beside the attempt still running; and no timeout may overflow
 * Node's timers. Everything else runs as deployed.
 */
function forLocalRun(definition: StateMachineDefinition): StateMachineDefinition {
  const local = structuredClone(definition);
  for (const [name, state] of Object.entries(local.States)) {
    if (state.Type === 'Map' || state.Type === 'Parallel')
      throw new Error(`state ${name} is a ${state.Type}, which the local cycle runner does not run yet`);
    if (state.Type === 'Task' && state.TimeoutSecondsPath === undefined)
      state.TimeoutSeconds = Math.min(state.TimeoutSeconds ?? MAX_TIMER_SECONDS, MAX_TIMER_SECONDS);
  }
  if (local.TimeoutSeconds !== undefined)
    local.TimeoutSeconds = Math.min(local.TimeoutSeconds, MAX_TIMER_SECONDS);
  return local;
}

/**
 * Runs a state machine definition with aws-local-stepfunctions, each Task invoking its step's
 * handler in this process: the definition's own order, choices, retries and catches decide what
 * runs. A task-token state invokes its function with a token, as Step Functions does, and then the
 * run stops there, waiting: `continueAfterToken` is what SendTaskSuccess does. A failed run throws
 * the error it failed with, as the step threw it (or as a Fail state names it).
 */
export async function runDefinition(
  definition: StateMachineDefinition,
  run: LocalRun,
): Promise<StepReport[]> {
  const local = forLocalRun(definition);
  const reports: StepReport[] = [];
  let abort = () => {};
  const invoke = async (state: string, step: CycleStepName, event: unknown) => {
    try {
      const handler = await run.handlerFor(step);
      const output = await handler(event, { functionName: step, awsRequestId: randomUUID() } as Context);
      const report = { step, state, output };
      reports.push(report);
      run.onStep?.(report);
      return output;
    } catch (e) {
      run.onFailedAttempt?.({ step, state, error: e as Error });
      throw e;
    }
  };
  const tasks: Record<string, (input: unknown) => Promise<never>> = {};
  const retries: Record<string, number> = {};
  const waits: Record<string, number> = {};
  for (const [name, state] of Object.entries(local.States)) {
    if ('Retry' in state && state.Retry) retries[name] = LOCAL_PAUSE_MS;
    if (state.Type === 'Wait') waits[name] = LOCAL_PAUSE_MS;
    if (state.Type !== 'Task') continue;
    const call = taskCall(name, state);
    tasks[name] = async (input) => {
      const stop = run.stopBefore?.includes(call.step) ?? false;
      const event = call.integration === 'function' ? input : (input as { Payload?: unknown }).Payload;
      // Awaited even when nothing runs: the library may call this before run() has handed back abort.
      const output = await (stop ? Promise.resolve({}) : invoke(name, call.step, event));
      if (stop || call.integration === 'callback') abort();
      // lambda:invoke without payloadResponseOnly hands the state Lambda's response, Payload and all.
      return (call.integration === 'invoke' ? { Payload: output, StatusCode: 200 } : output) as never;
    };
  }
  // The library's own check of the definition costs half a second a run: CDK has built this one, and
  // test/infra/cycle-definition.test.ts passes what deploys through that check once.
  const machine = new StateMachine(local, { validationOptions: { noValidate: true } });
  const execution = machine.run(run.input as never, {
    overrides: {
      taskResourceLocalHandlers: tasks,
      retryIntervalOverrides: retries,
      waitTimeOverrides: waits,
    },
    context: { Task: { Token: `local-${randomUUID()}` } },
    noThrowOnAbort: true,
  });
  abort = execution.abort;
  try {
    await execution.result;
  } catch (e) {
    throw e instanceof ExecutionError && e.cause instanceof Error ? e.cause : e;
  }
  return reports;
}

/**
 * What SendTaskSuccess does to a run waiting in the definition's task-token state: the output becomes
 * the state's result and the run goes on from its Next. The waiting run ended with the process that
 * started it, so here a run of the same definition starts at that Next with that output.
 */
export async function continueAfterToken(
  definition: StateMachineDefinition,
  output: Record<string, unknown>,
  run: Omit<LocalRun, 'input'>,
): Promise<StepReport[]> {
  const waiting = Object.entries(definition.States).filter(
    (e): e is [string, TaskState] => e[1].Type === 'Task' && e[1].Resource.endsWith('.waitForTaskToken'),
  );
  if (waiting.length !== 1)
    throw new Error(
      `a local run resumes at the one task-token state of its definition; this has ${waiting.length}`,
    );
  const [name, state] = waiting[0]!;
  for (const field of ['ResultSelector', 'ResultPath', 'OutputPath'])
    if (field in state)
      throw new Error(
        `state ${name} shapes its result with ${field}, which a local resume does not apply: teach continueAfterToken it first`,
      );
  if (!('Next' in state)) return [];
  return runDefinition(startingAt(definition, state.Next), { ...run, input: output });
}

/** The definition from one of its states on: that state and every state reachable from it. */
function startingAt(definition: StateMachineDefinition, start: string): StateMachineDefinition {
  const states: StateMachineDefinition['States'] = {};
  const next = [start];
  for (let name = next.pop(); name !== undefined; name = next.pop()) {
    const state = definition.States[name];
    if (!state || states[name]) continue;
    states[name] = state;
    const s = state as {
      Next?: string;
      Default?: string;
      Choices?: { Next: string }[];
      Catch?: { Next: string }[];
    };
    next.push(
      ...[
        s.Next,
        s.Default,
        ...(s.Choices ?? []).map((c) => c.Next),
        ...(s.Catch ?? []).map((c) => c.Next),
      ].filter((n): n is string => n !== undefined),
    );
  }
  return { ...definition, StartAt: start, States: states };
}
