import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import type { TrustConfig } from '../../shared/schemas/config';
import { EvidenceTable } from './constructs/evidence-table';
import { EvidenceBucket } from './constructs/evidence-bucket';
import { FormApi } from './constructs/form-api';
import { CyclePipeline } from './constructs/cycle-pipeline';

export interface Pillar7StackProps extends StackProps {
  config: TrustConfig;
}

/** Everything one trust runs, driven by its config. */
export class Pillar7Stack extends Stack {
  constructor(scope: Construct, id: string, props: Pillar7StackProps) {
    super(scope, id, props);
    const { config } = props;
    const { table } = new EvidenceTable(this, 'Evidence');
    const { bucket } = new EvidenceBucket(this, 'Files');
    const alarmTopic = new Topic(this, 'Alarms', {
      displayName: `${config.trust.name} pillar7 alarms`,
      enforceSSL: true,
    });
    if (config.ops?.alarmEmail) alarmTopic.addSubscription(new EmailSubscription(config.ops.alarmEmail));

    new FormApi(this, 'Form', { config, table });
    new CyclePipeline(this, 'Cycle', { config, table, bucket, alarmTopic });

    new CfnOutput(this, 'BucketName', { value: bucket.bucketName });
    new CfnOutput(this, 'InboxPath', { value: `s3://${bucket.bucketName}/inbox/` });
    new CfnOutput(this, 'TableName', { value: table.tableName });
    new CfnOutput(this, 'AlarmTopicArn', { value: alarmTopic.topicArn });
  }
}
