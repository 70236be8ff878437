import { Aspects, Stack, Validations, type IAspect } from 'aws-cdk-lib';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import { Alarm, MathExpression, Metric, type AlarmProps } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { MetricFilter } from 'aws-cdk-lib/aws-logs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, type IQueue } from 'aws-cdk-lib/aws-sqs';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct, type IConstruct } from 'constructs';
import type { TrustConfig } from '../../../shared/schemas/config';
import { ALARM_DEFAULTS, ALARM_PERIOD, QUEUE_DEFAULTS } from '../defaults';

export interface OpsAlarmsProps {
  config: TrustConfig;
  /** The form's API and its firewall: server errors, and clients refused. */
  api: RestApi;
  webAcl: CfnWebACL;
  /** The cycle's state machine, and its count of drafts whose approval lapsed. */
  stateMachine: StateMachine;
  approvalLapsed: MetricFilter;
  /** The queue where a scheduled event that could not be handled waits. */
  deadLetterQueue: IQueue;
}

/** Sends every CloudWatch alarm's ALARM and OK to the ops topic. */
class NotifyOps implements IAspect {
  constructor(private readonly topic: Topic) {}
  visit(node: IConstruct): void {
    if (node instanceof Alarm) {
      node.addAlarmAction(new SnsAction(this.topic));
      node.addOkAction(new SnsAction(this.topic));
    }
  }
}

/**
 * What tells ops something needs them: the stage's alarms (a failed cycle run, a lapsed approval, a
 * dead letter, the form's server errors and refused clients) and the topic that e-mails
 * `ops.alarmEmail` when each fires and again when it clears. docs/runbook.md says what to do for each.
 */
export class OpsAlarms extends Construct {
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: OpsAlarmsProps) {
    super(scope, id);
    const { config } = props;
    const stack = Stack.of(this);
    this.topic = new Topic(this, 'Topic', {
      displayName: `${config.trust.name} pillar7 alarms`,
      enforceSSL: true,
    });
    // Every alarm in the stack, wherever it is declared, tells ops when it fires and again when it clears.
    Aspects.of(stack).add(new NotifyOps(this.topic));
    if (config.ops?.alarmEmail) {
      // An alarm email SNS cannot deliver is kept, not dropped, so a mistyped ops address shows up.
      const undelivered = new Queue(this, 'Undelivered', QUEUE_DEFAULTS);
      Validations.of(undelivered).acknowledge({
        id: 'AwsSolutions-SQS3',
        reason: 'This queue is itself the dead-letter queue of the alarm email subscription.',
      });
      Validations.of(undelivered).acknowledge({
        id: 'Serverless-SQSRedrivePolicy',
        reason:
          'This queue is the dead-letter queue of the alarm email subscription; nothing is redriven from it.',
      });
      this.topic.addSubscription(
        new EmailSubscription(config.ops.alarmEmail, { deadLetterQueue: undelivered }),
      );
    }

    this.alarm('CycleFailed', {
      alarmDescription: 'A cycle run failed after its retries',
      metric: props.stateMachine.metricFailed({ period: ALARM_PERIOD }),
    });
    this.alarm('DraftApprovalLapsed', {
      alarmDescription: `A draft report waited ${config.board.approvalTimeoutDays} days without a QA lead's approval; the board has not been sent it`,
      metric: props.approvalLapsed.metric({ period: ALARM_PERIOD, statistic: 'Sum' }),
    });
    this.alarm('DeadLetters', {
      alarmDescription: 'A scheduled run could not be delivered and is in the dead-letter queue',
      metric: props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: ALARM_PERIOD }),
    });

    // Server errors on the public form as a share of its requests: one stray error (or one odd
    // request) does not page anyone; 5% of at least 20 requests, in two of three 5-minute windows,
    // means practitioners are being turned away.
    this.alarm('FormServerErrors', {
      alarmDescription:
        'The practitioner form answered at least 5% of its requests (of 20 or more in 5 minutes) with a server error',
      metric: new MathExpression({
        expression: 'IF(requests >= 20, 100 * errors / requests, 0)',
        usingMetrics: {
          errors: props.api.metricServerError({ period: ALARM_PERIOD, statistic: 'Sum' }),
          requests: props.api.metricCount({ period: ALARM_PERIOD, statistic: 'Sum' }),
        },
        period: ALARM_PERIOD,
        label: 'Form server errors (% of requests)',
      }),
      threshold: 5,
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
    });
    // Clients refused by the per-client limit: an attack, or a school network busier than
    // form.expectedStaff allows (then staff are being turned away, and the limit should rise).
    this.alarm('FormRateLimited', {
      alarmDescription:
        'AWS WAF refused requests to the practitioner form from a client over its limit: an attack, or more staff on one network than form.expectedStaff allows',
      metric: new Metric({
        namespace: 'AWS/WAFV2',
        metricName: 'BlockedRequests',
        dimensionsMap: { WebACL: props.webAcl.name!, Region: stack.region, Rule: 'ALL' },
        statistic: 'Sum',
        period: ALARM_PERIOD,
      }),
    });
  }

  /** An alarm on the stack's defaults (infra/cdk/defaults.ts), but for what it says otherwise. */
  private alarm(
    id: string,
    props: Omit<AlarmProps, keyof typeof ALARM_DEFAULTS> & Partial<AlarmProps>,
  ): void {
    new Alarm(this, id, { ...ALARM_DEFAULTS, ...props });
  }
}
