import { App, Stack } from 'aws-cdk-lib';
import { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { StateMachine, type CfnStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import { cdkJsonContext } from '../cdk/cdk-json';
import { cycleDefinition, type CycleDefinitionProps } from '../cdk/cycle-definition';
import { CYCLE_STEP_NAMES, perStep, type CycleStepName } from '../../shared/cycle/steps';

const LOCAL_FUNCTION_ARN = 'arn:aws:lambda:eu-west-2:000000000000:function:';

/** Where a step's function stands in the local definition: named after its step, in no real account. */
export const localFunctionArn = (step: CycleStepName): string => `${LOCAL_FUNCTION_ARN}${step}`;

/** The step whose function a Task state invokes, from the ARN the local definition gives it. */
export function stepOfFunction(arn: unknown): CycleStepName | undefined {
  if (typeof arn !== 'string' || !arn.startsWith(LOCAL_FUNCTION_ARN)) return undefined;
  const name = arn.slice(LOCAL_FUNCTION_ARN.length);
  return (CYCLE_STEP_NAMES as readonly string[]).includes(name) ? (name as CycleStepName) : undefined;
}

/**
 * CDK writes the definition as a CloudFormation string: an Fn::Join whose only references are the
 * partition (in service-integration ARNs). Anything else would need a deployed stack to resolve.
 */
function resolveIntrinsics(value: unknown): string {
  if (typeof value === 'string') return value;
  const node = value as { Ref?: unknown; 'Fn::Join'?: [string, unknown[]] };
  if (node.Ref === 'AWS::Partition') return 'aws';
  if (node['Fn::Join']) return node['Fn::Join'][1].map(resolveIntrinsics).join(node['Fn::Join'][0]);
  throw new Error(
    `the cycle's definition refers to ${JSON.stringify(value)}, which only a deployed stack can resolve`,
  );
}

const rendered = new Map<string, StateMachineDefinition>();

/**
 * The cycle's state machine definition (Amazon States Language) exactly as CDK renders it for a
 * deploy with this board config, built by the same function the CyclePipeline construct calls, in a
 * stack of its own whose functions are stand-ins: nothing is bundled and no AWS account is needed.
 */
export function renderCycleDefinition(board: CycleDefinitionProps['board']): StateMachineDefinition {
  const key = `${board.approval}/${board.approvalTimeoutDays}`;
  const known = rendered.get(key);
  if (known) return structuredClone(known);
  const stack = new Stack(new App({ context: cdkJsonContext() }), 'LocalCycle');
  const steps = perStep((s) => LambdaFunction.fromFunctionArn(stack, s, localFunctionArn(s)));
  const machine = new StateMachine(stack, 'Cycle', cycleDefinition(stack, { steps, board }));
  const definition = JSON.parse(
    resolveIntrinsics(stack.resolve((machine.node.defaultChild as CfnStateMachine).definitionString)),
  ) as StateMachineDefinition;
  rendered.set(key, definition);
  return structuredClone(definition);
}
