// Proves the state machine's retry policy follows the error taxonomy: every error it names is a class of shared/errors (or the service's own), and no caller or final error a step throws is ever retried.
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '../../infra/cdk/app';
import * as taxonomy from '../../shared/errors';
import { Pillar7Error } from '../../shared/errors';
import { CYCLE_STEP_ERRORS } from '../../shared/errors/retry-policy';
import { EXAMPLE_CONFIG_PATH, exampleConfigText } from '../support/fixtures';
import { stateMachineDefinition, type Retrier, type StateDefinition } from '../support/state-machine';

/** The states of the cycle's state machine for a config file, synthesized without bundling the functions. */
function statesOf(configPath: string): [string, StateDefinition][] {
  const app = buildApp({
    configPath,
    stage: 'dev',
    outdir: mkdtempSync(join(tmpdir(), 'pillar7-retry-')),
    context: { 'aws:cdk:bundling-stacks': [] },
  });
  return Object.entries(
    stateMachineDefinition(Template.fromStack(app.node.findChild('pillar7-dev') as Stack)).States,
  );
}

function automaticApprovalConfig(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'pillar7-automatic-')), 'automatic.yaml');
  writeFileSync(path, exampleConfigText().replace('approval: manual', 'approval: automatic'));
  return path;
}

/** The errors Step Functions and Lambda name themselves (developer guide: "Error names"). */
const SERVICE_ERRORS = new Set([
  'States.ALL',
  'States.TaskFailed',
  'States.Timeout',
  'States.HeartbeatTimeout',
  'States.Permissions',
  'States.Runtime',
  'States.ResultPathMatchFailure',
  'States.ParameterPathFailure',
  'States.IntrinsicFailure',
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
  'Lambda.ClientExecutionTimeoutException',
  'Lambda.Unknown',
]);

/** Every class of the taxonomy, by its class name (what a rename changes). */
const CLASSES = Object.values(taxonomy).filter(
  (v): v is typeof Pillar7Error => typeof v === 'function' && v.prototype instanceof Pillar7Error,
);
const CLASS_NAMES = new Set(CLASSES.map((c) => c.name));

/** Whether a retrier applies to a function error of this name (States.TaskFailed: all but a timeout). */
const matches = (r: Retrier, name: string) =>
  r.ErrorEquals.some((e) => e === name || e === 'States.ALL' || e === 'States.TaskFailed');

/** How many times Step Functions retries this error in a state: the first retrier that matches decides. */
function retriesOf(state: StateDefinition, name: string): number {
  const first = (state.Retry ?? []).find((r) => matches(r, name));
  // A retrier without MaxAttempts retries 3 times (the Amazon States Language default).
  return first ? (first.MaxAttempts ?? 3) : 0;
}

describe.each([
  ['manual approval', EXAMPLE_CONFIG_PATH],
  ['automatic approval', automaticApprovalConfig()],
])('the cycle state machine under %s', (_label, configPath) => {
  let states: [string, StateDefinition][];
  beforeAll(() => {
    states = statesOf(configPath);
  });

  it('names in Retry and Catch only errors of the taxonomy, or of Step Functions and Lambda themselves', () => {
    const named = states.flatMap(([, s]) =>
      [...(s.Retry ?? []), ...(s.Catch ?? [])].flatMap((r) => r.ErrorEquals),
    );
    expect(named.length).toBeGreaterThan(0);
    const unknown = named.filter((name) => !SERVICE_ERRORS.has(name) && !CLASS_NAMES.has(name));
    expect(unknown).toEqual([]);
  });

  it('retries no caller or final error a step throws, in any step', () => {
    const tasks = states.filter(([, s]) => s.Type === 'Task');
    expect(tasks.map(([name]) => name)).toEqual(expect.arrayContaining(['Gather', 'Evaluate', 'Notify']));
    const retried = tasks.flatMap(([state, definition]) =>
      CYCLE_STEP_ERRORS.filter((e) => e.kind !== 'retryable' && retriesOf(definition, e.name) > 0).map(
        (e) => `${state}: ${e.name}`,
      ),
    );
    expect(retried).toEqual([]);
  });
});

describe('reading the retry policy', () => {
  const task = (Retry: Retrier[]): StateDefinition => ({ Type: 'Task', Retry });

  it('sees an error retried through States.ALL when no earlier retrier stops it', () => {
    expect(retriesOf(task([{ ErrorEquals: ['States.ALL'], MaxAttempts: 4 }]), 'NoDraftError')).toBe(4);
    expect(retriesOf(task([{ ErrorEquals: ['States.TaskFailed'] }]), 'NoDraftError')).toBe(3);
    expect(
      retriesOf(
        task([
          { ErrorEquals: ['States.ALL'], MaxAttempts: 4 },
          { ErrorEquals: ['NoDraftError'], MaxAttempts: 0 },
        ]),
        'NoDraftError',
      ),
    ).toBe(4);
  });

  it('sees an error not retried when the first retrier that matches allows no attempt, or none matches', () => {
    expect(
      retriesOf(
        task([
          { ErrorEquals: ['NoDraftError'], MaxAttempts: 0 },
          { ErrorEquals: ['States.ALL'], MaxAttempts: 4 },
        ]),
        'NoDraftError',
      ),
    ).toBe(0);
    expect(
      retriesOf(task([{ ErrorEquals: ['Lambda.ServiceException'], MaxAttempts: 4 }]), 'NoDraftError'),
    ).toBe(0);
  });
});
