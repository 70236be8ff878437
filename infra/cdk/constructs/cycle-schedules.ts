import { Duration, Stack, TimeZone, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { EventType } from 'aws-cdk-lib/aws-s3';
import { LambdaDestination } from 'aws-cdk-lib/aws-s3-notifications';
import { Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import {
  LambdaInvoke as ScheduleLambdaInvoke,
  StepFunctionsStartExecution,
} from 'aws-cdk-lib/aws-scheduler-targets';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { TrustConfig } from '../../../shared/schemas/config';
import { addDays } from '../../../shared/domain/dates';
import { Pillar7Function, type DeclaredResources } from './pillar7-function';

export interface CycleSchedulesProps {
  config: TrustConfig;
  resources: DeclaredResources;
  /** The cycle's gather function, which the daily schedule and the inbox start on their own. */
  gather: Pillar7Function;
  /** The cycle's state machine, which each cycle's run starts. */
  stateMachine: StateMachine;
  /** Where an event a schedule, or a function it started, could not handle waits with its error. */
  deadLetterQueue: IQueue;
}

/**
 * What starts the cycle's work outside the state machine, from the trust config's calendar: the
 * daily gather (and a file landing in the inbox, imported at once), each cycle's form opening at
 * its start, and each cycle's run once its form has closed. Each is asynchronous: what cannot be
 * delivered, or fails every retry, waits in the dead-letter queue.
 */
export class CycleSchedules extends Construct {
  /** Opens a cycle's practitioner form: started by the schedule at the cycle's start. */
  readonly openForm: Pillar7Function;
  /** The cycles whose run at their end date is still ahead, and so scheduled. */
  readonly scheduledCycles: string[];

  constructor(scope: Construct, id: string, props: CycleSchedulesProps) {
    super(scope, id);
    const { config, gather, deadLetterQueue } = props;
    const stack = Stack.of(this);
    const openForm = new Pillar7Function(this, 'open-form', {
      name: 'open-form',
      config,
      description: "Opens a cycle's practitioner form at the cycle's start",
      memorySize: 256,
      deadLetterQueue,
    }).grantDeclaredAccess(props.resources);
    this.openForm = openForm;

    // A schedule that cannot start its target tries again, then leaves the event in the queue.
    const retry = { deadLetterQueue, retryAttempts: 3, maxEventAge: Duration.hours(6) };
    const timeZone = TimeZone.of(config.timezone);
    const gatherRole = new Role(this, 'DailyGatherRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com'),
    });
    new Schedule(this, 'DailyGather', {
      description: 'Imports the inbox every day',
      schedule: ScheduleExpression.expression(config.schedule.gather, timeZone),
      target: new ScheduleLambdaInvoke(gather.fn, {
        ...retry,
        role: gatherRole,
        input: ScheduleTargetInput.fromObject({}),
      }),
    });
    Validations.of(gatherRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(gather.fn.node.defaultChild as never)}.Arn>:*]`,
      reason: 'The daily schedule may invoke any version of the gather function, and no other function.',
    });
    // A file that lands in the inbox (the console's upload, the CLI's --aws import) is imported at
    // once, so the QA lead sees its result in seconds; the daily run picks up anything left.
    props.resources.bucket.addEventNotification(EventType.OBJECT_CREATED, new LambdaDestination(gather.fn), {
      prefix: 'inbox/',
    });
    const notifications = stack.node.tryFindChild(
      'BucketNotificationsHandler050a0587b7544547bf325f094a3db834',
    );
    if (notifications)
      Validations.of(notifications).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason:
          "CDK's own handler that sets the bucket's notification at deploy time writes its logs with the basic execution role; it runs only during deployment.",
      });
    const openFormRole = new Role(this, 'OpenFormRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com'),
    });
    Validations.of(openFormRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(openForm.fn.node.defaultChild as never)}.Arn>:*]`,
      reason:
        'The cycle-start schedules may invoke any version of the open-form function, and no other function.',
    });
    // EventBridge Scheduler refuses a one-time schedule whose time has passed, so a deploy creates
    // only the openings and runs still ahead (with a margin for the deploy itself). A cycle already
    // under way when the stack is deployed has its form opened with `pillar7 form open`.
    const deployedAt = new Date(
      Date.parse(String(this.node.tryGetContext('pillar7:now') ?? new Date().toISOString())) + 30 * 60_000,
    );
    const ahead = localDateTime(config.timezone, deployedAt);
    this.scheduledCycles = [];
    for (const cycle of config.cycles) {
      const openAt = `${cycle.start}T07:00:00`;
      // The form closes at the end of the cycle's last day; the run reads the closed form next morning.
      const runAt = `${addDays(cycle.end, 1)}T06:00:00`;
      if (openAt > ahead)
        new Schedule(this, `Open-${cycle.id}`, {
          description: `Opens the practitioner form of cycle ${cycle.id} at its start`,
          schedule: ScheduleExpression.expression(`at(${openAt})`, timeZone),
          target: new ScheduleLambdaInvoke(openForm.fn, {
            ...retry,
            role: openFormRole,
            input: ScheduleTargetInput.fromObject({ cycleId: cycle.id }),
          }),
        });
      if (runAt > ahead) {
        this.scheduledCycles.push(cycle.id);
        new Schedule(this, `Run-${cycle.id}`, {
          description: `Runs cycle ${cycle.id} the morning after it ends, when its form has closed`,
          schedule: ScheduleExpression.expression(`at(${runAt})`, timeZone),
          target: new StepFunctionsStartExecution(props.stateMachine, {
            ...retry,
            input: ScheduleTargetInput.fromObject({ cycleId: cycle.id, force: false }),
          }),
        });
      }
    }
  }
}

/** A moment as the wall-clock date and time in a timezone, in the form at() expressions use. */
export function localDateTime(timezone: string, instant: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}:${get('second')}`;
}
