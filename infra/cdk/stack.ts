import {
  ArnFormat,
  CfnOutput,
  Stack,
  Tags,
  Token,
  Validations,
  type CfnElement,
  type StackProps,
} from 'aws-cdk-lib';
import { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { TrustConfig } from '../../shared/schemas/config';
import { QUEUE_DEFAULTS } from './defaults';
import { deployedLogicalId } from './deployed-ids';
import { DataTable } from './constructs/data-table';
import { DataBucket } from './constructs/data-bucket';
import { Mail } from './constructs/mail';
import { FormApi } from './constructs/form-api';
import { CyclePipeline } from './constructs/cycle-pipeline';
import { CycleSchedules } from './constructs/cycle-schedules';
import { ConsoleSignIn } from './constructs/console-sign-in';
import { OpsAlarms } from './constructs/ops-alarms';
import { OpsDashboard } from './constructs/ops-dashboard';
import type { DeclaredResources, SecretBinding } from './constructs/pillar7-function';

export interface Pillar7StackProps extends StackProps {
  config: TrustConfig;
  stage: string;
}

/**
 * The config as one stage deploys it: names that must be unique in an account carry the stage, so
 * `dev` and `prod` can share one. The functions are built from this config, so they send mail
 * through the stage's own configuration set.
 */
function configForStage(config: TrustConfig, stage: string): TrustConfig {
  const set = config.email.configurationSet;
  return set ? { ...config, email: { ...config.email, configurationSet: `${set}-${stage}` } } : config;
}

/** Everything one trust runs, driven by its config. */
export class Pillar7Stack extends Stack {
  constructor(scope: Construct, id: string, props: Pillar7StackProps) {
    super(scope, id, props);
    const config = configForStage(props.config, props.stage);
    // Every resource says what it is for, for cost reports and an ops team's inventory.
    Tags.of(this).add('project', 'pillar7-qa');
    Tags.of(this).add('pillar7:stage', props.stage);
    Tags.of(this).add(
      'pillar7:trust',
      config.trust.name.replace(/[^\p{L}\p{N} _.:/=+@-]/gu, '').slice(0, 256),
    );

    // The table and bucket hold every record and file, not only evidence; their construct ids are
    // the first deployment's, which their logical IDs (and so the data) depend on.
    const { table } = new DataTable(this, 'Evidence');
    const { bucket } = new DataBucket(this, 'Files', config.retention);
    const mail = new Mail(this, 'Mail', { config, bucket });
    // What infra/cdk/access.ts grants each function, by the names it uses there.
    const resources: DeclaredResources = {
      table,
      bucket,
      mail: mail.sender,
      secrets: { 'group-keys': this.groupKeySecrets(), 'report-link': mail.reportLink },
    };

    const form = new FormApi(this, 'Form', { config, resources });
    // Where an event a schedule (or a function it started) could not handle waits, with its error.
    const deadLetters = new Queue(this, 'ScheduleDeadLetters', QUEUE_DEFAULTS);
    Validations.of(deadLetters).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself the dead-letter queue of the schedules and of the scheduled functions; its depth raises an alarm.',
    });
    Validations.of(deadLetters).acknowledge({
      id: 'Serverless-SQSRedrivePolicy',
      reason:
        'This queue is the dead-letter queue: nothing is redriven from it automatically; ops read the alarm and re-run the cycle.',
    });
    const cycle = new CyclePipeline(this, 'Cycle', { config, resources, deadLetterQueue: deadLetters });
    new CycleSchedules(this, 'Schedules', {
      config,
      resources,
      gather: cycle.functions.gather,
      stateMachine: cycle.stateMachine,
      deadLetterQueue: deadLetters,
    });
    new ConsoleSignIn(this, 'Console', {
      config,
      api: form.api,
      consoleFunction: form.functions.console,
      cycle: cycle.stateMachine,
    });

    const alarms = new OpsAlarms(this, 'Alarms', {
      config,
      api: form.api,
      webAcl: form.webAcl,
      stateMachine: cycle.stateMachine,
      approvalLapsed: cycle.approvalLapsed,
      deadLetterQueue: deadLetters,
    });
    // Declared after every alarm, so it shows them all.
    const dashboard = new OpsDashboard(this, 'Ops', {
      api: form.api,
      cycle: cycle.stateMachine,
      gather: cycle.functions.gather.fn,
      configurationSet: mail.configurationSet,
      alarms: this.node.findAll().filter((c): c is Alarm => c instanceof Alarm),
    });

    new CfnOutput(this, 'BucketName', { value: bucket.bucketName });
    new CfnOutput(this, 'InboxPath', { value: `s3://${bucket.bucketName}/inbox/` });
    new CfnOutput(this, 'TableName', { value: table.tableName });
    new CfnOutput(this, 'AlarmTopicArn', { value: alarms.topic.topicArn });
    new CfnOutput(this, 'StateMachineArn', {
      value: cycle.stateMachine.stateMachineArn,
      description: 'Runs a cycle: pillar7 cycle run CYCLE_ID --aws starts it',
    });
    new CfnOutput(this, 'DashboardName', {
      value: dashboard.dashboard.dashboardName,
      description: "The stage's CloudWatch dashboard: responses, cycle runs, imports, e-mail and alarms",
    });
  }

  /** A resource keeps the logical ID it was first deployed with, if it has moved since (deployed-ids.ts). */
  protected override allocateLogicalId(element: CfnElement): string {
    const scopes = element.node.scopes;
    const path = scopes.slice(scopes.indexOf(this) + 1).map((s) => s.node.id);
    return deployedLogicalId(path) ?? super.allocateLogicalId(element);
  }

  /**
   * The verified form's private group keys: one secret per key, which the issuing function makes as
   * it is first needed, under a name prefix of this stack's, and the evaluate step deletes once the
   * cycle's form is final.
   */
  private groupKeySecrets(): SecretBinding {
    const prefix = `pillar7/${this.stackName}/group-keys/`;
    // The partition and region are literal in the ARN when the stack's region is known (the config's),
    // tokens when a stack has no fixed region.
    const literal = (value: string, token: string) => (Token.isUnresolved(value) ? token : value);
    return {
      arn: this.formatArn({
        service: 'secretsmanager',
        resource: 'secret',
        resourceName: `${prefix}*`,
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      }),
      environment: ['KEY_SECRET_PREFIX', prefix],
      wildcard: {
        finding: `AwsSolutions-IAM5[Resource::arn:${literal(this.partition, '<AWS::Partition>')}:secretsmanager:${literal(this.region, '<AWS::Region>')}:<AWS::AccountId>:secret:${prefix}*]`,
        reasons: {
          'issue-token':
            'The issuing function makes one secret per signing key (per cycle, division and role) as it is first needed, so it may create and read secrets under its own prefix and nothing else.',
          evaluate:
            "The evaluate step deletes a finished cycle's signing keys, one secret per key named only when it was made, so it may delete secrets under the group-keys prefix and nothing else; it never reads one.",
        },
      },
    };
  }
}
