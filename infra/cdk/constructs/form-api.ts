import { Arn, ArnFormat, CfnOutput, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import {
  AccessLogFormat,
  EndpointType,
  LambdaIntegration,
  LogGroupLogDestination,
  ResponseType,
  RestApi,
} from 'aws-cdk-lib/aws-apigateway';
import { CfnWebACL, CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { ACCESS } from '../access';
import { Construct } from 'constructs';
import { ROUTES, HTTP_FUNCTIONS, type HttpFunctionName } from '../../../shared/http/routes';
import { formLimits, RATE_WINDOW_SECONDS } from '../../../shared/http/limits';
import type { TrustConfig } from '../../../shared/schemas/config';
import { Pillar7Function } from './pillar7-function';
import { FormDomain } from './form-domain';

const DESCRIPTIONS: Record<HttpFunctionName, string> = {
  'form-page': 'The practitioner feedback form as an HTML page, and its submission',
  'submit-response': 'Stores one anonymous practitioner response sent as JSON',
  'form-definition': "A form's public definition as JSON",
  health: 'Health check',
  'form-access': "The verified form's one-time link by e-mail, and the page behind it",
  'issue-token': "Blind-signs a verified practitioner's token, once per member of staff per cycle",
  console: "The QA lead's console: the cycles, a draft's comments, approval and sending",
};

/** The stage the form is served from: links read `https://{api}.execute-api.{region}.amazonaws.com/form/f/{id}`. */
export const FORM_STAGE = 'form';

/** The two routes that take a practitioner's answers: the HTML form's and the JSON one. */
export const ANSWER_ROUTES = [
  { method: 'POST', path: '/f/{formId}' },
  { method: 'POST', path: '/api/forms/{formId}/responses' },
] as const;

/**
 * The public API: exactly the routes of shared/http/routes.ts, each to its own function, on a REST
 * API stage (AWS WAF cannot guard an HTTP API) behind per-client rate limits, so one client cannot
 * use up the form for everyone. The access log and WAF keep no caller's address or user agent: they
 * would identify a respondent.
 */
export class FormApi extends Construct {
  readonly api: RestApi;
  readonly webAcl: CfnWebACL;
  readonly functions: Record<HttpFunctionName, Pillar7Function>;
  /** Where practitioners reach the API: the trust's own domain if it has one, ending in a slash. */
  readonly publicUrl: string;

  constructor(scope: Construct, id: string, props: { config: TrustConfig; table: ITable; bucket: IBucket }) {
    super(scope, id);
    const limits = formLimits(props.config.form.expectedStaff);
    // Access logs record when each request came: off unless the trust turns diagnostics on.
    const diagnostics = props.config.ops?.formDiagnostics ?? false;
    const accessLogs = diagnostics
      ? new LogGroup(this, 'AccessLogs', {
          retention: RetentionDays.ONE_MONTH,
          removalPolicy: RemovalPolicy.DESTROY,
        })
      : undefined;
    this.api = new RestApi(this, 'Api', {
      restApiName: `${Stack.of(this).stackName}-form`,
      description: 'pillar7 practitioner feedback',
      endpointTypes: [EndpointType.REGIONAL],
      // API Gateway needs an account-wide role to write access logs; kept if this stack goes, since
      // another stack in the account may rely on the same setting.
      cloudWatchRole: true,
      cloudWatchRoleRemovalPolicy: RemovalPolicy.RETAIN,
      deployOptions: {
        stageName: FORM_STAGE,
        throttlingRateLimit: limits.stageRate,
        throttlingBurstLimit: limits.stageBurst,
        // Counts per minute of the answer routes, for the ops dashboard (each keeps the stage's limits):
        // a count with no dimension but the route, never who answered or when within the minute.
        methodOptions: Object.fromEntries(
          ANSWER_ROUTES.map((r) => [
            `${r.path}/${r.method}`,
            {
              metricsEnabled: true,
              throttlingRateLimit: limits.stageRate,
              throttlingBurstLimit: limits.stageBurst,
            },
          ]),
        ),
        tracingEnabled: false,
        ...(accessLogs
          ? {
              accessLogDestination: new LogGroupLogDestination(accessLogs),
              accessLogFormat: AccessLogFormat.custom(
                JSON.stringify({
                  requestId: '$context.requestId',
                  resource: '$context.resourcePath',
                  method: '$context.httpMethod',
                  status: '$context.status',
                  responseLength: '$context.responseLength',
                  integrationError: '$context.integrationErrorMessage',
                  waf: '$context.waf.status',
                }),
              ),
            }
          : {}),
      },
    });
    // API Gateway's own answers, in the product's error shape: an unknown path is not found (a REST
    // API would say 403 "Missing Authentication Token"), and throttling says to try again shortly.
    this.api.addGatewayResponse('UnknownPath', {
      type: ResponseType.MISSING_AUTHENTICATION_TOKEN,
      statusCode: '404',
      templates: {
        'application/json': JSON.stringify({
          error: 'not_found',
          message: 'there is no page here',
          issues: [],
        }),
      },
    });
    this.api.addGatewayResponse('Throttled', {
      type: ResponseType.THROTTLED,
      statusCode: '429',
      responseHeaders: { 'Retry-After': "'5'" },
      templates: {
        'application/json': JSON.stringify({
          error: 'rate_limited',
          message: 'the form is very busy just now; please send again in a few seconds',
          issues: [],
        }),
      },
    });

    this.functions = Object.fromEntries(
      HTTP_FUNCTIONS.map((name) => {
        const fn = new Pillar7Function(this, name, {
          name,
          config: props.config,
          description: DESCRIPTIONS[name],
          // Making an RSA key takes a moment of CPU; more memory gives the issuing function more CPU.
          memorySize: name === 'issue-token' ? 1024 : 256,
          // Practitioners reach every function here but the QA lead's console.
          quietAboutVisits: name !== 'console' && !diagnostics,
        });
        // The two routes that take a response may read and put items; the definition only reads; health nothing.
        return [name, fn.grantDeclaredAccess(props.table, ACCESS[name].bucket ? props.bucket : undefined)];
      }),
    ) as Record<HttpFunctionName, Pillar7Function>;

    // The verified form's link e-mail goes out through SES, from the trust's sender.
    const stack = Stack.of(this);
    const sesArn = (resource: string) =>
      Arn.format(
        { service: 'ses', resource, arnFormat: ArnFormat.SLASH_RESOURCE_NAME, resourceName: undefined },
        stack,
      );
    const { sender, configurationSet } = props.config.email;
    this.functions['form-access'].fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: [
          sesArn(`identity/${sender.split('@')[1]!}`),
          sesArn(`identity/${sender}`),
          ...(configurationSet ? [sesArn(`configuration-set/${configurationSet}`)] : []),
        ],
      }),
    );
    // Private group keys: one secret each, under a prefix only the issuing function may create or read.
    const keyPrefix = `pillar7/${stack.stackName}/group-keys/`;
    const issuing = this.functions['issue-token'];
    issuing.fn.addEnvironment('KEY_SECRET_PREFIX', keyPrefix);
    issuing.fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['secretsmanager:CreateSecret', 'secretsmanager:GetSecretValue'],
        resources: [
          Arn.format(
            {
              service: 'secretsmanager',
              resource: 'secret',
              resourceName: `${keyPrefix}*`,
              arnFormat: ArnFormat.COLON_RESOURCE_NAME,
            },
            stack,
          ),
        ],
      }),
    );
    // The partition and region are literal in the ARN when the stack's region is known (the config's),
    // tokens when a stack has no fixed region.
    const literal = (value: string, token: string) => (Token.isUnresolved(value) ? token : value);
    Validations.of(issuing.fn).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:${literal(stack.partition, '<AWS::Partition>')}:secretsmanager:${literal(stack.region, '<AWS::Region>')}:<AWS::AccountId>:secret:${keyPrefix}*]`,
      reason:
        'The issuing function makes one secret per signing key (per cycle, division and role) as it is first needed, so it may create and read secrets under its own prefix and nothing else.',
    });

    const integrations = new Map<HttpFunctionName, LambdaIntegration>();
    for (const route of ROUTES) {
      if (!integrations.has(route.fn))
        integrations.set(
          route.fn,
          new LambdaIntegration(this.functions[route.fn].fn, { allowTestInvoke: false }),
        );
      const method = this.api.root
        .resourceForPath(route.path)
        .addMethod(route.method, integrations.get(route.fn));
      Validations.of(method).acknowledge(
        {
          id: 'AwsSolutions-APIG4',
          reason: `${route.method} ${route.path} is public by design: practitioners answer anonymously, so there is no identity to authorise; AWS WAF rate limits and single-use tokens limit abuse.`,
        },
        {
          id: 'AwsSolutions-COG4',
          reason: `${route.method} ${route.path} is public by design: a practitioner has no account, and a sign-in would tie an answer to a person.`,
        },
      );
    }
    if (!accessLogs)
      Validations.of(this.api).acknowledge(
        ...['AwsSolutions-APIG1', 'Serverless-APIGWAccessLogging'].map((id) => ({
          id,
          reason:
            "Each access log line would record when someone visited or answered the anonymous form; the stage's metrics and alarms are what operations need, and ops.formDiagnostics turns the log on to diagnose a problem.",
        })),
      );
    Validations.of(this.api).acknowledge(
      {
        id: 'AwsSolutions-APIG2',
        reason:
          "Each function validates its own input and answers with the product's specific, plain errors (SPEC section 4); a gateway model would answer a person with a generic one first.",
      },
      {
        id: 'AwsSolutions-APIG6',
        reason:
          'Execution logs would record every request to an anonymous form with its time; the metrics (and, when a trust turns diagnostics on, the access log) are what operations need.',
      },
      {
        id: 'Serverless-APIGWXrayEnabled',
        reason:
          "API Gateway's X-Ray segments record each caller's address and user agent: on an anonymous form they would identify respondents.",
      },
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
        reason: "API Gateway's account-wide logging role uses AWS's own policy for pushing access logs.",
      },
    );

    this.webAcl = this.firewall(limits);

    const domain = props.config.form.domain;
    this.publicUrl = domain ? new FormDomain(this, 'Domain', { domain, api: this.api }).url : this.api.url;
    new CfnOutput(scope, 'FormBaseUrl', {
      value: `${this.publicUrl}f/`,
      description: 'Form links are this URL followed by the form id',
    });
  }

  /**
   * AWS WAF on the stage: each client address may make `perClient` requests in five minutes and
   * `linkRequestsPerClient` link requests (each sends an e-mail); past that it is answered 429 until
   * its rate falls. Addresses on AWS's reputation list of known bad actors are refused. Requests are
   * counted, never sampled: a sample would keep callers' addresses.
   */
  private firewall(limits: ReturnType<typeof formLimits>): CfnWebACL {
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
    const acl = new CfnWebACL(this, 'Firewall', {
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
    new CfnWebACLAssociation(this, 'FirewallOnStage', {
      webAclArn: acl.attrArn,
      resourceArn: this.api.deploymentStage.stageArn,
    });
    return acl;
  }
}
