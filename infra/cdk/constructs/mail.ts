import { Arn, ArnFormat, type CfnElement, CfnOutput, SecretValue, Stack, Validations } from 'aws-cdk-lib';
import { AccessKey, PolicyStatement, User } from 'aws-cdk-lib/aws-iam';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import {
  CloudWatchDimensionSource,
  ConfigurationSet,
  ConfigurationSetEventDestination,
  ConfigurationSetTlsPolicy,
  EmailIdentity,
  EmailSendingEvent,
  EventDestination,
  Identity,
  SuppressionReasons,
} from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import type { TrustConfig } from '../../../shared/schemas/config';
import type { MailSender, SecretBinding } from './pillar7-function';

export interface MailProps {
  config: TrustConfig;
  /** The bucket holding the report PDFs the board's link points to. */
  bucket: IBucket;
}

/**
 * How the stage sends e-mail: from the trust's sender (its domain verified with the DKIM records
 * printed as outputs), through the stage's own configuration set, whose sending SES counts for the
 * ops dashboard; and the key that signs the board's 7-day report link.
 */
export class Mail extends Construct {
  /** The stage's SES configuration set, when the config names one. */
  readonly configurationSet?: ConfigurationSet;
  /** What a function that e-mails is granted: the trust's sender, and the configuration set. */
  readonly sender: MailSender;
  /** The key that signs the report link, as the notify function is granted and finds it. */
  readonly reportLink: SecretBinding;

  constructor(scope: Construct, id: string, props: MailProps) {
    super(scope, id);
    const { config } = props;
    const stack = Stack.of(this);
    // Bounces and complaints are suppressed so a bad board address cannot harm the sender's reputation.
    this.configurationSet = config.email.configurationSet
      ? new ConfigurationSet(this, 'ConfigurationSet', {
          configurationSetName: config.email.configurationSet,
          suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
          // The report carries practitioners' comments: never hand it to a mail server over plain text.
          tlsPolicy: ConfigurationSetTlsPolicy.REQUIRE,
        })
      : undefined;
    // With a configuration set, SES publishes what it did with the stage's mail per set, so a second
    // stage in the account is counted apart.
    if (this.configurationSet)
      new ConfigurationSetEventDestination(this, 'SendingMetrics', {
        configurationSet: this.configurationSet,
        destination: EventDestination.cloudWatchDimensions([
          {
            name: 'ses:configuration-set',
            source: CloudWatchDimensionSource.MESSAGE_TAG,
            defaultValue: this.configurationSet.configurationSetName,
          },
        ]),
        events: [
          EmailSendingEvent.SEND,
          EmailSendingEvent.DELIVERY,
          EmailSendingEvent.BOUNCE,
          EmailSendingEvent.COMPLAINT,
          EmailSendingEvent.REJECT,
        ],
      });

    const sesArn = (resource: string) =>
      Arn.format(
        { service: 'ses', resource, arnFormat: ArnFormat.SLASH_RESOURCE_NAME, resourceName: undefined },
        stack,
      );
    const senderDomain = config.email.sender.split('@')[1]!;
    // Each function that e-mails may use its declared SES action, from the trust's sender only.
    this.sender = {
      arns: [
        sesArn(`identity/${senderDomain}`),
        sesArn(`identity/${config.email.sender}`),
        ...(this.configurationSet
          ? [sesArn(`configuration-set/${this.configurationSet.configurationSetName}`)]
          : []),
      ],
    };

    // The sender's domain, verified by the DKIM records printed below: the one step done by hand.
    // An SES identity is one per account and region: a second stage beside the first uses it.
    const identity =
      config.email.senderIdentity === 'create'
        ? new EmailIdentity(this, 'SenderDomain', { identity: Identity.domain(senderDomain) })
        : undefined;
    identity?.dkimRecords.forEach(
      (record, i) =>
        new CfnOutput(stack, `SenderDkimRecord${i + 1}`, {
          value: `${record.name} CNAME ${record.value}`,
          description: `DNS record ${i + 1} of 3 to verify ${senderDomain} for SES`,
        }),
    );

    this.reportLink = this.reportLinkKey(props.bucket);
  }

  /**
   * The board's 7-day report link must outlive the notify function's session credentials, so it is
   * signed with the key of a user that can read report PDFs and nothing else. Redeploying with
   * -c reportLinkKeySerial=N (a higher N) rotates the key; links already sent then stop working.
   */
  private reportLinkKey(bucket: IBucket): SecretBinding {
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
    Validations.of(linkSigner).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(bucket.node.defaultChild as CfnElement)}.Arn>/reports/*/report.pdf]`,
      reason: 'The link signer may read the report PDF of any cycle, and no other object.',
    });
    Validations.of(linkSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Rotating this key invalidates the report links already emailed to the board, so it is rotated deliberately, by redeploying with a higher reportLinkKeySerial, not on a timer.',
    });
    return { arn: linkSecret.secretArn, environment: ['REPORT_LINK_SECRET_ARN', linkSecret.secretArn] };
  }
}
