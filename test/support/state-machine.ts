import type { Template } from 'aws-cdk-lib/assertions';

export interface Retrier {
  ErrorEquals: string[];
  MaxAttempts?: number;
  IntervalSeconds?: number;
  BackoffRate?: number;
}

export interface StateDefinition {
  Type: string;
  Next?: string;
  Retry?: Retrier[];
  Catch?: { ErrorEquals: string[]; Next: string }[];
  Choices?: { Variable: string; BooleanEquals: boolean; Next: string }[];
  Default?: string;
  Resource?: string;
  TimeoutSeconds?: number;
  Parameters?: { Payload?: Record<string, unknown>; stage?: string };
}

/** The cycle's state machine as deployed: its definition, with each resource ARN written as `ARN`. */
export function stateMachineDefinition(t: Template): {
  StartAt: string;
  TimeoutSeconds: number;
  States: Record<string, StateDefinition>;
} {
  const body = Object.values(t.findResources('AWS::StepFunctions::StateMachine'))[0]!.Properties
    .DefinitionString as { 'Fn::Join': [string, unknown[]] };
  return JSON.parse(body['Fn::Join'][1].map((part) => (typeof part === 'string' ? part : 'ARN')).join(''));
}
