import { Stack } from 'aws-cdk-lib';
import type { Stage } from 'aws-cdk-lib/aws-apigateway';
import { CfnWebACL, CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { RATE_WINDOW_SECONDS, type FormLimits } from '../../../shared/http/limits';

/**
 * AWS WAF on the form's stage: each client address may make `perClient` requests in five minutes and
 * `linkRequestsPerClient` link requests (each sends an e-mail); past that it is answered 429 until
 * its rate falls. Addresses on AWS's reputation list of known bad actors are refused. Requests are
 * counted, never sampled: a sample would keep callers' addresses.
 */
export class FormFirewall extends Construct {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: { limits: FormLimits; stage: Stage }) {
    super(scope, id);
    const { limits } = props;
    const stack = Stack.of(this);
    const visibility = (metricName: string) => ({
      cloudWatchMetricsEnabled: true,
      metricName,
      sampledRequestsEnabled: false,
    });
    const tooMany = {
      block: {
        customResponse: {
          responseCode: 429,
          customResponseBodyKey: 'too-many',
          responseHeaders: [{ name: 'Retry-After', value: String(RATE_WINDOW_SECONDS) }],
        },
      },
    };
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      name: `${stack.stackName}-form`,
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: visibility(`${stack.stackName}-form`),
      customResponseBodies: {
        'too-many': {
          contentType: 'TEXT_PLAIN',
          content:
            'Too many requests have come from your network in the last few minutes. Please try again in five minutes: nothing you sent is lost by waiting, and your answers have not been stored yet.',
        },
      },
      rules: [
        {
          name: 'KnownBadAddresses',
          priority: 0,
          overrideAction: { none: {} },
          statement: {
            managedRuleGroupStatement: { vendorName: 'AWS', name: 'AWSManagedRulesAmazonIpReputationList' },
          },
          visibilityConfig: visibility('KnownBadAddresses'),
        },
        {
          name: 'LinkRequestsPerClient',
          priority: 1,
          action: tooMany,
          statement: {
            rateBasedStatement: {
              limit: limits.linkRequestsPerClient,
              evaluationWindowSec: RATE_WINDOW_SECONDS,
              aggregateKeyType: 'IP',
              scopeDownStatement: {
                andStatement: {
                  statements: [
                    {
                      byteMatchStatement: {
                        fieldToMatch: { method: {} },
                        positionalConstraint: 'EXACTLY',
                        searchString: 'POST',
                        textTransformations: [{ priority: 0, type: 'NONE' }],
                      },
                    },
                    {
                      byteMatchStatement: {
                        fieldToMatch: { uriPath: {} },
                        positionalConstraint: 'ENDS_WITH',
                        searchString: '/link',
                        textTransformations: [{ priority: 0, type: 'NONE' }],
                      },
                    },
                  ],
                },
              },
            },
          },
          visibilityConfig: visibility('LinkRequestsPerClient'),
        },
        {
          name: 'RequestsPerClient',
          priority: 2,
          action: tooMany,
          statement: {
            rateBasedStatement: {
              limit: limits.perClient,
              evaluationWindowSec: RATE_WINDOW_SECONDS,
              aggregateKeyType: 'IP',
            },
          },
          visibilityConfig: visibility('RequestsPerClient'),
        },
      ],
    });
    new CfnWebACLAssociation(this, 'OnStage', {
      webAclArn: this.webAcl.attrArn,
      resourceArn: props.stage.stageArn,
    });
  }
}
