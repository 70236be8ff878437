// Proves the laptop runs the cycle's state machine as it deploys: the local runner's definition is the deployed template's, state for state, under either approval mode, and the library accepts it; the approval wait, which no local run sits through, is pinned here.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CfnElement, Stack } from 'aws-cdk-lib';
import { CfnStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import '../../infra/local/promise-with-resolvers';
import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { buildApp } from '../../infra/cdk/app';
import { Pillar7Function } from '../../infra/cdk/constructs/pillar7-function';
import { localFunctionArn, renderCycleDefinition } from '../../infra/local/cycle-definition';
import { CYCLE_STEP_NAMES, type CycleStepName } from '../../shared/cycle/steps';
import { exampleConfig, exampleConfigText } from '../support/fixtures';

/** The deployed stack's cycle definition, each function's ARN written as the local definition writes it. */
function deployedDefinition(approval: 'manual' | 'automatic'): StateMachineDefinition {
  const dir = mkdtempSync(join(tmpdir(), 'pillar7-definition-'));
  const configPath = join(dir, 'trust.yaml');
  writeFileSync(configPath, exampleConfigText().replace('approval: manual', `approval: ${approval}`));
  // The state machine alone is asked about: its functions need not be bundled.
  const app = buildApp({ configPath, stage: 'dev', outdir: dir, context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = app.node.findChild('pillar7-dev') as Stack;
  const constructs = stack.node.findAll();
  const stepOf = new Map(
    constructs
      .filter((c): c is Pillar7Function => c instanceof Pillar7Function)
      .map((f) => [stack.getLogicalId(f.fn.node.defaultChild as CfnElement), f.name]),
  );
  const machines = constructs.filter((c): c is CfnStateMachine => c instanceof CfnStateMachine);
  expect(machines).toHaveLength(1);
  const part = (p: unknown): string => {
    if (typeof p === 'string') return p;
    const ref = p as { Ref?: string; 'Fn::GetAtt'?: [string, string] };
    if (ref.Ref === 'AWS::Partition') return 'aws';
    const step = ref['Fn::GetAtt']?.[1] === 'Arn' ? stepOf.get(ref['Fn::GetAtt'][0]) : undefined;
    if (step && (CYCLE_STEP_NAMES as readonly string[]).includes(step))
      return localFunctionArn(step as CycleStepName);
    throw new Error(`unexpected reference in the deployed definition: ${JSON.stringify(p)}`);
  };
  const body = stack.resolve(machines[0]!.definitionString) as { 'Fn::Join': [string, unknown[]] };
  return JSON.parse(body['Fn::Join'][1].map(part).join(body['Fn::Join'][0])) as StateMachineDefinition;
}

describe("the cycle's definition on the laptop", () => {
  it.each(['manual', 'automatic'] as const)(
    'is the deployed one, state for state, under %s approval, and aws-local-stepfunctions accepts it',
    (approval) => {
      const local = renderCycleDefinition({ ...exampleConfig().board, approval });
      expect(local).toEqual(deployedDefinition(approval));
      // The local run skips the library's check of the definition (half a second a run): it is made here.
      expect(() => new StateMachine(local)).not.toThrow();
    },
  );

  it('pins the approval wait, which a local run stops in and a later run resumes after, but never sits through', () => {
    const { board } = exampleConfig();
    const definition = renderCycleDefinition(board);
    const waits = Object.entries(definition.States).filter(
      ([, s]) => s.Type === 'Task' && s.Resource.endsWith('.waitForTaskToken'),
    );
    // The local resume continues from the one task-token state's Next.
    expect(waits.map(([name]) => name)).toEqual(['AwaitApproval']);
    const wait = waits[0]![1];
    expect(wait).toMatchObject({
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Parameters: {
        FunctionName: localFunctionArn('request-approval'),
        Payload: { 'taskToken.$': '$$.Task.Token' },
      },
      TimeoutSeconds: board.approvalTimeoutDays * 86_400,
      Catch: [{ ErrorEquals: ['States.Timeout'], Next: 'ApprovalLapsed' }],
      Next: 'PublishFinal',
    });
    // The resume hands approval's output straight to the next state: nothing here may reshape it.
    for (const field of ['ResultSelector', 'ResultPath', 'OutputPath'])
      expect(wait).not.toHaveProperty(field);
    // The lapse is a days-long timeout: it runs only in Step Functions, and fails the run by this name.
    expect(definition.States.ApprovalLapsed).toMatchObject({
      Type: 'Fail',
      Error: 'ApprovalLapsed',
      Cause: expect.stringContaining(`within ${board.approvalTimeoutDays} days`),
    });
    expect(definition.TimeoutSeconds).toBe((board.approvalTimeoutDays + 1) * 86_400);
  });
});
