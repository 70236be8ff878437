import { CfnOutput, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import {
  AccessLogFormat,
  EndpointType,
  LambdaIntegration,
  LogGroupLogDestination,
  ResponseType,
  RestApi,
} from 'aws-cdk-lib/aws-apigateway';
import type { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ROUTES, HTTP_FUNCTIONS, type HttpFunctionName } from '../../../shared/http/routes';
import { formLimits } from '../../../shared/http/limits';
import type { TrustConfig } from '../../../shared/schemas/config';
import { LOG_GROUP_DEFAULTS } from '../defaults';
import { Pillar7Function, type DeclaredResources } from './pillar7-function';
import { FormDomain } from './form-domain';
import { FormFirewall } from './form-firewall';

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

  constructor(scope: Construct, id: string, props: { config: TrustConfig; resources: DeclaredResources }) {
    super(scope, id);
    const limits = formLimits(props.config.form.expectedStaff);
    // Access logs record when each request came: off unless the trust turns diagnostics on, and then
    // kept a month rather than the default 90 days: long enough to diagnose a problem, and no longer.
    const diagnostics = props.config.ops?.formDiagnostics ?? false;
    const accessLogs = diagnostics
      ? new LogGroup(this, 'AccessLogs', { ...LOG_GROUP_DEFAULTS, retention: RetentionDays.ONE_MONTH })
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
        // Exactly what infra/cdk/access.ts lists: the two routes that take a response may read and put
        // items, the definition only reads, health nothing; the link function e-mails, and the
        // issuing one keeps its private keys in Secrets Manager.
        return [name, fn.grantDeclaredAccess(props.resources)];
      }),
    ) as Record<HttpFunctionName, Pillar7Function>;

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

    this.webAcl = new FormFirewall(this, 'Firewall', { limits, stage: this.api.deploymentStage }).webAcl;

    const domain = props.config.form.domain;
    this.publicUrl = domain ? new FormDomain(this, 'Domain', { domain, api: this.api }).url : this.api.url;
    new CfnOutput(scope, 'FormBaseUrl', {
      value: `${this.publicUrl}f/`,
      description: 'Form links are this URL followed by the form id',
    });
  }
}
