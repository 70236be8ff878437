import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { FilterPattern, LogGroup, MetricFilter } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { LogLevel, StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { TrustConfig } from '../../../shared/schemas/config';
import { CYCLE_STEPS, perStep, type CycleStepName } from '../../../shared/cycle/steps';
import { cycleDefinition } from '../cycle-definition';
import { LOG_GROUP_DEFAULTS } from '../defaults';
import { Pillar7Function, type DeclaredResources } from './pillar7-function';

export interface CyclePipelineProps {
  config: TrustConfig;
  resources: DeclaredResources;
  /**
   * Where gather's failed asynchronous events go: beside the state machine's calls, the daily
   * schedule and a file landing in the inbox invoke it asynchronously.
   */
  deadLetterQueue: IQueue;
}

/** Every step's time limit, the same for each. */
const STEP_TIMEOUT = Duration.minutes(5);

/**
 * The cycle: the functions of its steps (shared/cycle/steps.ts), run by a Step Functions state
 * machine that retries each step with backoff. Every step is idempotent, so a retried or re-run
 * cycle resumes safely. What starts a run is in cycle-schedules.ts.
 */
export class CyclePipeline extends Construct {
  readonly stateMachine: StateMachine;
  readonly functions: Record<CycleStepName, Pillar7Function>;
  /** Counts the drafts whose wait for a QA lead's approval lapsed, from the state machine's log. */
  readonly approvalLapsed: MetricFilter;

  constructor(scope: Construct, id: string, props: CyclePipelineProps) {
    super(scope, id);
    const { config } = props;
    const stack = Stack.of(this);
    this.functions = Object.fromEntries(
      CYCLE_STEPS.map(({ name, description, memorySize }) => [
        name,
        new Pillar7Function(this, name, {
          name,
          config,
          description,
          memorySize,
          timeout: STEP_TIMEOUT,
          // The state machine invokes every step synchronously; only gather is also invoked asynchronously.
          deadLetterQueue: name === 'gather' ? props.deadLetterQueue : undefined,
        }).grantDeclaredAccess(props.resources),
      ]),
    ) as Record<CycleStepName, Pillar7Function>;

    const logs = new LogGroup(this, 'StateMachineLogs', LOG_GROUP_DEFAULTS);
    this.stateMachine = new StateMachine(this, 'Cycle', {
      ...cycleDefinition(this, {
        steps: perStep((step) => this.functions[step].fn),
        board: config.board,
      }),
      tracingEnabled: true,
      logs: { destination: logs, level: LogLevel.ALL, includeExecutionData: false },
    });
    // A draft that lapses without approval is its own alarm: the board is waiting for a report.
    const lapsed = new MetricFilter(this, 'DraftApprovalLapsedFilter', {
      logGroup: logs,
      filterPattern: FilterPattern.stringValue('$.type', '=', 'TaskTimedOut'),
      // The stack's own namespace: a lapse in one stage must not raise another stage's alarm.
      metricNamespace: `pillar7/${stack.stackName}`,
      metricName: 'DraftApprovalLapsed',
      metricValue: '1',
    });
    this.approvalLapsed = lapsed;
    Validations.of(this.stateMachine).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'The cycle state machine traces to X-Ray and delivers its logs through CloudWatch Logs log delivery; neither has resource-level permissions.',
    });
    for (const fn of Object.values(this.functions)) {
      Validations.of(this.stateMachine).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(fn.fn.node.defaultChild as never)}.Arn>:*]`,
        reason: `Step Functions invokes the ${fn.node.id} function by any version or alias: the grant is on that one function only.`,
      });
    }
  }
}
