import { Duration } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import {
  Choice,
  Condition,
  DefinitionBody,
  Fail,
  IntegrationPattern,
  JsonPath,
  TaskInput,
  Timeout,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke, type LambdaInvokeProps } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';
import { CYCLE_STATES, type CycleStateName, type CycleStepName } from '../../shared/cycle/steps';
import type { TrustConfig } from '../../shared/schemas/config';
import { NOT_RETRIED } from '../../shared/errors/retry-policy';

/** What the cycle's state machine is built from: the function each step invokes, and the board's settings. */
export interface CycleDefinitionProps {
  steps: Record<CycleStepName, IFunction>;
  board: Pick<TrustConfig['board'], 'approval' | 'approvalTimeoutDays'>;
}

/**
 * The cycle as Step Functions runs it: its states, retries, catches and waits, declared once. The
 * CyclePipeline construct deploys it, and infra/local/cycle-definition.ts renders the same definition
 * for the laptop, where aws-local-stepfunctions runs it with the functions' handlers.
 */
export function cycleDefinition(
  scope: Construct,
  { steps, board }: CycleDefinitionProps,
): { definitionBody: DefinitionBody; timeout: Duration } {
  // Each task state is the one of that name in shared/cycle/steps.ts, running its step's function.
  const task = (name: CycleStateName, props: Omit<LambdaInvokeProps, 'lambdaFunction'>) =>
    new LambdaInvoke(scope, name, { lambdaFunction: steps[CYCLE_STATES[name].step], ...props });
  const invoke = (name: CycleStateName) =>
    task(name, { payloadResponseOnly: true })
      // An error that is the caller's fault or final fails the same way every time: fail at once, loudly.
      .addRetry({ errors: [...NOT_RETRIED], maxAttempts: 0 })
      .addRetry({
        errors: ['States.ALL'],
        interval: Duration.seconds(10),
        backoffRate: 2,
        maxAttempts: 4,
      });
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
      .addRetry({ errors: [...NOT_RETRIED], maxAttempts: 0 })
      .addRetry({ errors: ['States.ALL'], interval: Duration.seconds(10), backoffRate: 2, maxAttempts: 4 });
  const approvalTimeout = Duration.days(board.approvalTimeoutDays);
  const head = invoke('Gather').next(invoke('Evaluate'));
  const definition =
    board.approval === 'automatic'
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
            .addRetry({ errors: [...NOT_RETRIED], maxAttempts: 0 })
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
              new Fail(scope, 'ApprovalLapsed', {
                error: 'ApprovalLapsed',
                cause: `No QA lead approved the draft within ${board.approvalTimeoutDays} days; run the cycle again to make a new draft`,
              }),
              { errors: ['States.Timeout'] },
            );
          const notifyBoard = invoke('Notify');
          return head.next(publishAs('PublishDraft')).next(
            new Choice(scope, 'AlreadySent')
              // A report already sent (a re-run without --force) is reused: no new draft to approve.
              .when(Condition.booleanEquals('$.reused', true), notifyBoard)
              .otherwise(awaitApproval.next(publishAs('PublishFinal')).next(notifyBoard)),
          );
        })();
  return {
    definitionBody: DefinitionBody.fromChainable(definition),
    // Long enough for the draft to wait its full time for approval, and the steps around it.
    timeout: Duration.days(board.approvalTimeoutDays + 1),
  };
}
