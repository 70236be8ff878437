import {
  Aspects,
  CfnOutput,
  Duration,
  Stack,
  Tags,
  Validations,
  type IAspect,
  type StackProps,
} from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import {
  Alarm,
  ComparisonOperator,
  MathExpression,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { EmailIdentity, Identity } from 'aws-cdk-lib/aws-ses';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct, IConstruct } from 'constructs';
import type { TrustConfig } from '../../shared/schemas/config';
import { EvidenceTable } from './constructs/evidence-table';
import { EvidenceBucket } from './constructs/evidence-bucket';
import { FormApi } from './constructs/form-api';
import { CyclePipeline } from './constructs/cycle-pipeline';
import { ConsoleSignIn } from './constructs/console-sign-in';
import { OpsDashboard } from './constructs/ops-dashboard';

export interface Pillar7StackProps extends StackProps {
  config: TrustConfig;
  stage: string;
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
 * The config as one stage deploys it: names that must be unique in an account carry the stage, so
 * `dev` and `prod` can share one. The functions are built from this config, so they send mail
 * through the stage's own configuration set.
 */
export function configForStage(config: TrustConfig, stage: string): TrustConfig {
  const set = config.email.configurationSet;
  return set ? { ...config, email: { ...config.email, configurationSet: `${set}-${stage}` } } : config;
}

/** Everything one trust runs, driven by its config. */
export class Pillar7Stack extends Stack {
  constructor(scope: Construct, id: string, props: Pillar7StackProps) {
    super(scope, id, props);
    const config = configForStage(props.config, props.stage);
    const { table } = new EvidenceTable(this, 'Evidence');
    const { bucket } = new EvidenceBucket(this, 'Files', config.retention);
    const alarmTopic = new Topic(this, 'Alarms', {
      displayName: `${config.trust.name} pillar7 alarms`,
      enforceSSL: true,
    });
    // Every alarm in the stack tells ops when it fires and again when it clears, declared once here.
    Aspects.of(this).add(new NotifyOps(alarmTopic));
    // Every resource says what it is for, for cost reports and an ops team's inventory.
    Tags.of(this).add('project', 'pillar7-qa');
    Tags.of(this).add('pillar7:stage', props.stage);
    Tags.of(this).add(
      'pillar7:trust',
      config.trust.name.replace(/[^\p{L}\p{N} _.:/=+@-]/gu, '').slice(0, 256),
    );
    if (config.ops?.alarmEmail) {
      // An alarm email SNS cannot deliver is kept, not dropped, so a mistyped ops address shows up.
      const undelivered = new Queue(this, 'UndeliveredAlarms', {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
      });
      Validations.of(undelivered).acknowledge({
        id: 'AwsSolutions-SQS3',
        reason: 'This queue is itself the dead-letter queue of the alarm email subscription.',
      });
      Validations.of(undelivered).acknowledge({
        id: 'Serverless-SQSRedrivePolicy',
        reason:
          'This queue is the dead-letter queue of the alarm email subscription; nothing is redriven from it.',
      });
      alarmTopic.addSubscription(
        new EmailSubscription(config.ops.alarmEmail, { deadLetterQueue: undelivered }),
      );
    }

    const form = new FormApi(this, 'Form', { config, table, bucket });
    const cycle = new CyclePipeline(this, 'Cycle', { config, table, bucket });
    new ConsoleSignIn(this, 'Console', {
      config,
      api: form.api,
      consoleFunction: form.functions.console,
      cycle: cycle.stateMachine,
    });

    // Server errors on the public form as a share of its requests: one stray error (or one odd
    // request) does not page anyone; 5% of at least 20 requests, in two of three 5-minute windows,
    // means practitioners are being turned away.
    const period = Duration.minutes(5);
    new Alarm(this, 'FormServerErrors', {
      alarmDescription:
        'The practitioner form answered at least 5% of its requests (of 20 or more in 5 minutes) with a server error',
      metric: new MathExpression({
        expression: 'IF(requests >= 20, 100 * errors / requests, 0)',
        usingMetrics: {
          errors: form.api.metricServerError({ period, statistic: 'Sum' }),
          requests: form.api.metricCount({ period, statistic: 'Sum' }),
        },
        period,
        label: 'Form server errors (% of requests)',
      }),
      threshold: 5,
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });

    // Clients refused by the per-client limit: an attack, or a school network busier than
    // form.expectedStaff allows (then staff are being turned away, and the limit should rise).
    new Alarm(this, 'FormRateLimited', {
      alarmDescription:
        'AWS WAF refused requests to the practitioner form from a client over its limit: an attack, or more staff on one network than form.expectedStaff allows',
      metric: new Metric({
        namespace: 'AWS/WAFV2',
        metricName: 'BlockedRequests',
        dimensionsMap: { WebACL: form.webAcl.name!, Region: this.region, Rule: 'ALL' },
        statistic: 'Sum',
        period,
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });

    // The sender's domain, verified by the DKIM records printed below: the one step done by hand.
    // An SES identity is one per account and region: a second stage beside the first uses it.
    const senderDomain = config.email.sender.split('@')[1]!;
    const identity =
      config.email.senderIdentity === 'create'
        ? new EmailIdentity(this, 'SenderDomain', { identity: Identity.domain(senderDomain) })
        : undefined;
    identity?.dkimRecords.forEach(
      (record, i) =>
        new CfnOutput(this, `SenderDkimRecord${i + 1}`, {
          value: `${record.name} CNAME ${record.value}`,
          description: `DNS record ${i + 1} of 3 to verify ${senderDomain} for SES`,
        }),
    );

    // Declared after every alarm, so it shows them all.
    const dashboard = new OpsDashboard(this, 'Ops', {
      api: form.api,
      cycle: cycle.stateMachine,
      gather: cycle.functions.gather.fn,
      configurationSet: cycle.configurationSet,
      alarms: this.node.findAll().filter((c): c is Alarm => c instanceof Alarm),
    });

    new CfnOutput(this, 'BucketName', { value: bucket.bucketName });
    new CfnOutput(this, 'InboxPath', { value: `s3://${bucket.bucketName}/inbox/` });
    new CfnOutput(this, 'TableName', { value: table.tableName });
    new CfnOutput(this, 'AlarmTopicArn', { value: alarmTopic.topicArn });
    new CfnOutput(this, 'StateMachineArn', {
      value: cycle.stateMachine.stateMachineArn,
      description: 'Runs a cycle: pillar7 cycle run CYCLE_ID --aws starts it',
    });
    new CfnOutput(this, 'DashboardName', {
      value: dashboard.dashboard.dashboardName,
      description: "The stage's CloudWatch dashboard: responses, cycle runs, imports, e-mail and alarms",
    });
  }
}
