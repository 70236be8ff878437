import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { RetentionMonths } from '../../../shared/domain/retention';

/** How long a file's earlier version is kept after it is replaced or expires: the window for a restore. */
export const NONCURRENT_DAYS = 90;

/** Whole days, at least as long as the months (S3 lifecycle rules count days). */
const monthsAsDays = (months: number) => Duration.days(Math.ceil(months * 30.44));

/**
 * The bucket for the inbox, processed and quarantined files, import results and the reports: private, SSL only,
 * encrypted, versioned, retained, with its access logged to a second bucket.
 */
export class DataBucket extends Construct {
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, retention: RetentionMonths) {
    super(scope, id);
    const logs = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(logs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket of the evidence bucket; logging it to itself would loop.',
    });
    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      versioned: true,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 'evidence/',
      // The trust's retention (config `retention`): an expired file becomes a noncurrent version,
      // kept 90 days more for a restore, then deleted with its delete marker.
      lifecycleRules: [
        { noncurrentVersionExpiration: Duration.days(NONCURRENT_DAYS), expiredObjectDeleteMarker: true },
        { prefix: 'reports/', expiration: monthsAsDays(retention.reports) },
        ...['inbox/', 'processed/', 'quarantine/'].map((prefix) => ({
          prefix,
          expiration: monthsAsDays(retention.evidence),
        })),
        // Import results are what the console lists: a year's worth is plenty, and keeps the list short.
        {
          prefix: 'imports/',
          expiration: Duration.days(Math.min(400, monthsAsDays(retention.evidence).toDays())),
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
