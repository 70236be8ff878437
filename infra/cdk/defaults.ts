import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { QueueEncryption } from 'aws-cdk-lib/aws-sqs';

/**
 * The stack's defaults for queues, alarms and log groups, in one place: every one is built from
 * these, and a construct that departs from one says why where it does.
 */

/** Every queue: encrypted, reached over TLS only, and keeping a message the longest SQS allows. */
export const QUEUE_DEFAULTS = {
  encryption: QueueEncryption.SQS_MANAGED,
  enforceSSL: true,
  retentionPeriod: Duration.days(14),
} as const;

/** The window every alarm's metric is read in. */
export const ALARM_PERIOD = Duration.minutes(5);

/**
 * Every alarm: one window at or over the threshold (by default, anything at all) raises it, and a
 * window with no data is quiet, not a breach, since most of these metrics only exist when something
 * went wrong.
 */
export const ALARM_DEFAULTS = {
  threshold: 1,
  evaluationPeriods: 1,
  comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
  treatMissingData: TreatMissingData.NOT_BREACHING,
} as const;

/**
 * Every log group: kept 90 days, and removed with the stack, since a log holds nothing the product
 * needs to keep (the table and the bucket hold the records).
 */
export const LOG_GROUP_DEFAULTS = {
  retention: RetentionDays.THREE_MONTHS,
  removalPolicy: RemovalPolicy.DESTROY,
} as const;
