import {
  Arn,
  ArnFormat,
  type CfnElement,
  Duration,
  RemovalPolicy,
  SecretValue,
  Stack,
  TimeZone,
  Validations,
} from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { FilterPattern, MetricFilter } from 'aws-cdk-lib/aws-logs';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { AccessKey, PolicyStatement, Role, ServicePrincipal, User } from 'aws-cdk-lib/aws-iam';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { EventType, type IBucket } from 'aws-cdk-lib/aws-s3';
import { LambdaDestination } from 'aws-cdk-lib/aws-s3-notifications';
import { Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import {
  LambdaInvoke as ScheduleLambdaInvoke,
  StepFunctionsStartExecution,
} from 'aws-cdk-lib/aws-scheduler-targets';
import { ConfigurationSet, ConfigurationSetTlsPolicy, SuppressionReasons } from 'aws-cdk-lib/aws-ses';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
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
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import type { TrustConfig } from '../../../shared/schemas/config';
import { Pillar7Function } from './pillar7-function';
import { ACCESS } from '../access';
import type { PipelineFunctionName } from '../../../shared/cycle/steps';
import { addDays } from '../../../shared/domain/dates';
import { NOT_RETRIED } from '../../../shared/errors';

export interface CyclePipelineProps {
  config: TrustConfig;
  table: ITable;
  bucket: IBucket;
}

/**
 * The cycle: gather, evaluate, publish, notify, as a Step Functions state machine that retries each
 * step with backoff. Every step is idempotent, so a retried or re-run cycle resumes safely. Schedules
 * from the trust config start the daily gather and each cycle's run at its end date.
 */
export class CyclePipeline extends Construct {
  readonly stateMachine: StateMachine;
  readonly functions: Record<PipelineFunctionName, Pillar7Function>;
  readonly deadLetterQueue: Queue;
  readonly approvalLapsed: MetricFilter;
  /** The stage's SES configuration set, when the config names one. */
  readonly configurationSet?: ConfigurationSet;
  /** The cycles whose run at their end date is still ahead, and so scheduled. */
  readonly scheduledCycles: string[];

  constructor(scope: Construct, id: string, props: CyclePipelineProps) {
    super(scope, id);
    const { config, table, bucket } = props;
    this.deadLetterQueue = new Queue(this, 'ScheduleDeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself the dead-letter queue of the schedules and of the scheduled functions; its depth raises an alarm.',
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'Serverless-SQSRedrivePolicy',
      reason:
        'This queue is the dead-letter queue: nothing is redriven from it automatically; ops read the alarm and re-run the cycle.',
    });
    const step = (
      name: Exclude<PipelineFunctionName, 'open-form'>,
      description: string,
      memorySize: number,
    ) =>
      new Pillar7Function(this, name, {
        name,
        config,
        description,
        memorySize,
        timeout: Duration.minutes(5),
        // The daily schedule invokes gather asynchronously; the state machine invokes every step synchronously.
        deadLetterQueue: name === 'gather' ? this.deadLetterQueue : undefined,
      });

    const gather = step('gather', 'Imports the evidence files in the inbox', 1024).grantDeclaredAccess(
      table,
      bucket,
    );
    const evaluate = step(
      'evaluate',
      'Judges a cycle against the pillar-7 criteria',
      1024,
    ).grantDeclaredAccess(table);
    const publish = step('publish', "Writes a cycle's report files to S3", 1024).grantDeclaredAccess(
      table,
      bucket,
    );
    const notify = step('notify', 'Emails the board, once per cycle', 512).grantDeclaredAccess(table, bucket);
    const requestApproval = step(
      'request-approval',
      'Tells the QA leads a draft report waits for their approval',
      256,
    ).grantDeclaredAccess(table);
    const openForm = new Pillar7Function(this, 'open-form', {
      name: 'open-form',
      config,
      description: "Opens a cycle's practitioner form at the cycle's start",
      memorySize: 256,
      deadLetterQueue: this.deadLetterQueue,
    }).grantDeclaredAccess(table);
    this.functions = {
      gather,
      evaluate,
      publish,
      'request-approval': requestApproval,
      notify,
      'open-form': openForm,
    };

    // Bounces and complaints are suppressed so a bad board address cannot harm the sender's reputation.
    this.configurationSet = config.email.configurationSet
      ? new ConfigurationSet(this, 'MailConfig', {
          configurationSetName: config.email.configurationSet,
          suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
          // The report carries practitioners' comments: never hand it to a mail server over plain text.
          tlsPolicy: ConfigurationSetTlsPolicy.REQUIRE,
        })
      : undefined;
    const configurationSet = this.configurationSet;
    const stack = Stack.of(this);
    const sesArn = (resource: string) =>
      Arn.format(
        { service: 'ses', resource, arnFormat: ArnFormat.SLASH_RESOURCE_NAME, resourceName: undefined },
        stack,
      );
    const senderDomain = config.email.sender.split('@')[1]!;
    // Each function that e-mails may use its declared SES action, from the trust's sender only.
    for (const fn of [notify, requestApproval]) {
      const action = ACCESS[fn.node.id as PipelineFunctionName].sendEmail!;
      fn.fn.addToRolePolicy(
        new PolicyStatement({
          actions: [action],
          resources: [
            sesArn(`identity/${senderDomain}`),
            sesArn(`identity/${config.email.sender}`),
            ...(configurationSet
              ? [sesArn(`configuration-set/${configurationSet.configurationSetName}`)]
              : []),
          ],
        }),
      );
    }

    // The board's 7-day report link must outlive the notify function's session credentials, so it is
    // signed with the key of a user that can read report PDFs and nothing else. Redeploying with
    // -c reportLinkKeySerial=N (a higher N) rotates the key; links already sent then stop working.
    const serial = Number(this.node.tryGetContext('reportLinkKeySerial') ?? 1);
    if (!Number.isInteger(serial) || serial < 1)
      throw new Error(
        `reportLinkKeySerial must be a whole number from 1, not "${this.node.tryGetContext('reportLinkKeySerial')}"`,
      );
    const linkSigner = new User(this, 'ReportLinkSigner');
    linkSigner.addToPolicy(
      new PolicyStatement({
        actions: ['s3:GetObject'],
        resources: [bucket.arnForObjects('reports/*/report.pdf')],
      }),
    );
    const linkKey = new AccessKey(this, 'ReportLinkKey', { user: linkSigner, serial });
    const linkSecret = new Secret(this, 'ReportLinkCredentials', {
      description: 'Access key that signs the board report link (read-only on report PDFs)',
      secretObjectValue: {
        accessKeyId: SecretValue.unsafePlainText(linkKey.accessKeyId),
        secretAccessKey: linkKey.secretAccessKey,
      },
    });
    notify.fn.addEnvironment('REPORT_LINK_SECRET_ARN', linkSecret.secretArn);
    notify.fn.addToRolePolicy(
      new PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [linkSecret.secretArn] }),
    );
    Validations.of(linkSigner).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(bucket.node.defaultChild as CfnElement)}.Arn>/reports/*/report.pdf]`,
      reason: 'The link signer may read the report PDF of any cycle, and no other object.',
    });
    Validations.of(linkSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Rotating this key invalidates the report links already emailed to the board, so it is rotated deliberately, by redeploying with a higher reportLinkKeySerial, not on a timer.',
    });

    const invoke = (fn: Pillar7Function, name: string) =>
      new LambdaInvoke(this, name, { lambdaFunction: fn.fn, payloadResponseOnly: true })
        // An error whose kind says trying again cannot help (a bad event, an unknown cycle): fail at once, loudly.
        .addRetry({ errors: [...NOT_RETRIED], maxAttempts: 0 })
        .addRetry({
          errors: ['States.ALL'],
          interval: Duration.seconds(10),
          backoffRate: 2,
          maxAttempts: 4,
        });
    const logs = new LogGroup(this, 'StateMachineLogs', {
      retention: RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // Publish takes its stage (a draft for the QA lead, or the final report) from the state machine.
    const publishAs = (name: string, stage: 'draft' | 'final') =>
      new LambdaInvoke(this, name, {
        lambdaFunction: publish.fn,
        payloadResponseOnly: true,
        payload: TaskInput.fromObject({
          cycleId: JsonPath.stringAt('$.cycleId'),
          force: JsonPath.stringAt('$.force'),
          stage,
        }),
      })
        .addRetry({ errors: [...NOT_RETRIED], maxAttempts: 0 })
        .addRetry({ errors: ['States.ALL'], interval: Duration.seconds(10), backoffRate: 2, maxAttempts: 4 });
    const approvalTimeout = Duration.days(config.board.approvalTimeoutDays);
    const head = invoke(gather, 'Gather').next(invoke(evaluate, 'Evaluate'));
    const definition =
      config.board.approval === 'automatic'
        ? head.next(publishAs('Publish', 'final')).next(invoke(notify, 'Notify'))
        : (() => {
            // The draft waits for a QA lead: the function records the task token and tells them;
            // approval (console or CLI) resumes the run with SendTaskSuccess.
            const awaitApproval = new LambdaInvoke(this, 'AwaitApproval', {
              lambdaFunction: requestApproval.fn,
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
                new Fail(this, 'ApprovalLapsed', {
                  error: 'ApprovalLapsed',
                  cause: `No QA lead approved the draft within ${config.board.approvalTimeoutDays} days; run the cycle again to make a new draft`,
                }),
                { errors: ['States.Timeout'] },
              );
            const notifyBoard = invoke(notify, 'Notify');
            return head.next(publishAs('PublishDraft', 'draft')).next(
              new Choice(this, 'AlreadySent')
                // A report already sent (a re-run without --force) is reused: no new draft to approve.
                .when(Condition.booleanEquals('$.reused', true), notifyBoard)
                .otherwise(awaitApproval.next(publishAs('PublishFinal', 'final')).next(notifyBoard)),
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
      metricNamespace: `pillar7/${Stack.of(this).stackName}`,
      metricName: 'DraftApprovalLapsed',
      metricValue: '1',
    });
    this.approvalLapsed = lapsed;
    Validations.of(this.stateMachine).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'The cycle state machine traces to X-Ray and delivers its logs through CloudWatch Logs log delivery; neither has resource-level permissions.',
    });
    for (const fn of [gather, evaluate, publish, notify, requestApproval]) {
      Validations.of(this.stateMachine).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(fn.fn.node.defaultChild as never)}.Arn>:*]`,
        reason: `Step Functions invokes the ${fn.node.id} function by any version or alias: the grant is on that one function only.`,
      });
    }

    const retry = { deadLetterQueue: this.deadLetterQueue, retryAttempts: 3, maxEventAge: Duration.hours(6) };
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
    bucket.addEventNotification(EventType.OBJECT_CREATED, new LambdaDestination(gather.fn), {
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
          target: new StepFunctionsStartExecution(this.stateMachine, {
            ...retry,
            input: ScheduleTargetInput.fromObject({ cycleId: cycle.id, force: false }),
          }),
        });
      }
    }

    // Alarms reach ops (when they fire and when they clear) through the stack's NotifyOps aspect.
    new Alarm(this, 'CycleFailed', {
      alarmDescription: 'A cycle run failed after its retries',
      metric: this.stateMachine.metricFailed({ period: Duration.minutes(5) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    new Alarm(this, 'DraftApprovalLapsed', {
      alarmDescription: `A draft report waited ${config.board.approvalTimeoutDays} days without a QA lead's approval; the board has not been sent it`,
      metric: this.approvalLapsed.metric({ period: Duration.minutes(5), statistic: 'Sum' }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    new Alarm(this, 'DeadLetters', {
      alarmDescription: 'A scheduled run could not be delivered and is in the dead-letter queue',
      metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(5),
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
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
