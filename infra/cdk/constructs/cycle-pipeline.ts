import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { FilterPattern, LogGroup, MetricFilter } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import {
  Choice,
  Condition,
  DefinitionBody,
  Fail,
  IntegrationPattern,
  JsonPath,
  LogLevel,
  StateMachine,
  TaskInput,
  Timeout,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke, type LambdaInvokeProps } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import type { TrustConfig } from '../../../shared/schemas/config';
import {
  CYCLE_STATES,
  CYCLE_STEPS,
  type CycleStateName,
  type CycleStepName,
} from '../../../shared/cycle/steps';
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

    // Each task state is the one of that name in shared/cycle/steps.ts, running its step's function.
    const task = (name: CycleStateName, props: Omit<LambdaInvokeProps, 'lambdaFunction'>) =>
      new LambdaInvoke(this, name, { lambdaFunction: this.functions[CYCLE_STATES[name].step].fn, ...props });
    const invoke = (name: CycleStateName) =>
      task(name, { payloadResponseOnly: true })
        // A bad event or an unknown cycle fails the same way every time: fail at once, loudly.
        .addRetry({
          errors: ['InvalidEventError', 'UnknownCycleError', 'UnauditedEvaluationError', 'NotApprovedError'],
          maxAttempts: 0,
        })
        .addRetry({
          errors: ['States.ALL'],
          interval: Duration.seconds(10),
          backoffRate: 2,
          maxAttempts: 4,
        });
    const logs = new LogGroup(this, 'StateMachineLogs', LOG_GROUP_DEFAULTS);
    // Publish takes its stage (a draft for the QA lead, or the final report) from the state machine.
    const publishAs = (name: 'Publish' | 'PublishDraft' | 'PublishFinal') =>
      task(name, {
        payloadResponseOnly: true,
        payload: TaskInput.fromObject({
          cycleId: JsonPath.stringAt('$.cycleId'),
          force: JsonPath.stringAt('$.force'),
          stage: CYCLE_STATES[name].stage,
        }),
      })
        .addRetry({
          errors: ['InvalidEventError', 'UnauditedEvaluationError', 'NotApprovedError'],
          maxAttempts: 0,
        })
        .addRetry({ errors: ['States.ALL'], interval: Duration.seconds(10), backoffRate: 2, maxAttempts: 4 });
    const approvalTimeout = Duration.days(config.board.approvalTimeoutDays);
    const head = invoke('Gather').next(invoke('Evaluate'));
    const definition =
      config.board.approval === 'automatic'
        ? head.next(publishAs('Publish')).next(invoke('Notify'))
        : (() => {
            // The draft waits for a QA lead: the function records the task token and tells them;
            // approval (console or CLI) resumes the run with SendTaskSuccess.
            const awaitApproval = task('AwaitApproval', {
              integrationPattern: IntegrationPattern.WAIT_FOR_TASK_TOKEN,
              payload: TaskInput.fromObject({
                cycleId: JsonPath.stringAt('$.cycleId'),
                force: JsonPath.stringAt('$.force'),
                taskToken: JsonPath.taskToken,
              }),
              taskTimeout: Timeout.duration(approvalTimeout),
            })
              .addRetry({ errors: ['InvalidEventError', 'NoDraftError'], maxAttempts: 0 })
              .addRetry({
                errors: [
                  'Lambda.ServiceException',
                  'Lambda.TooManyRequestsException',
                  'Lambda.SdkClientException',
                ],
                interval: Duration.seconds(10),
                backoffRate: 2,
                maxAttempts: 4,
              })
              .addCatch(
                new Fail(this, 'ApprovalLapsed', {
                  error: 'ApprovalLapsed',
                  cause: `No QA lead approved the draft within ${config.board.approvalTimeoutDays} days; run the cycle again to make a new draft`,
                }),
                { errors: ['States.Timeout'] },
              );
            const notifyBoard = invoke('Notify');
            return head.next(publishAs('PublishDraft')).next(
              new Choice(this, 'AlreadySent')
                // A report already sent (a re-run without --force) is reused: no new draft to approve.
                .when(Condition.booleanEquals('$.reused', true), notifyBoard)
                .otherwise(awaitApproval.next(publishAs('PublishFinal')).next(notifyBoard)),
            );
          })();
    this.stateMachine = new StateMachine(this, 'Cycle', {
      definitionBody: DefinitionBody.fromChainable(definition),
      // Long enough for the draft to wait its full time for approval, and the steps around it.
      timeout: Duration.days(config.board.approvalTimeoutDays + 1),
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
