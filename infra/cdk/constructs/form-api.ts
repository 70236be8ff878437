import { Arn, ArnFormat, CfnOutput, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import {
  HttpApi,
  HttpMethod,
  HttpStage,
  LogGroupLogDestination,
  type HttpRoute,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { ROUTES, HTTP_FUNCTIONS, type HttpFunctionName } from '../../../shared/http/routes';
import type { TrustConfig } from '../../../shared/schemas/config';
import { Pillar7Function } from './pillar7-function';

const DESCRIPTIONS: Record<HttpFunctionName, string> = {
  'form-page': 'The practitioner feedback form as an HTML page, and its submission',
  'submit-response': 'Stores one anonymous practitioner response sent as JSON',
  'form-definition': "A form's public definition as JSON",
  health: 'Health check',
  'form-access': "The verified form's one-time link by e-mail, and the page behind it",
  'issue-token': "Blind-signs a verified practitioner's token, once per member of staff per cycle",
};

/**
 * The public HTTP API: exactly the routes of shared/http/routes.ts, each to its own function. The
 * access log leaves out the caller's address and user agent: they would identify a respondent.
 */
export class FormApi extends Construct {
  readonly api: HttpApi;
  readonly functions: Record<HttpFunctionName, Pillar7Function>;

  constructor(scope: Construct, id: string, props: { config: TrustConfig; table: ITable }) {
    super(scope, id);
    this.api = new HttpApi(this, 'Api', {
      createDefaultStage: false,
      description: 'pillar7 practitioner feedback',
    });
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    new HttpStage(this, 'Stage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: 20, burstLimit: 40 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            routeKey: '$context.routeKey',
            status: '$context.status',
            responseLength: '$context.responseLength',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
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
        });
        // The two routes that take a response may read and put items; the definition only reads; health nothing.
        return [name, fn.grantDeclaredAccess(props.table)];
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
    Validations.of(issuing.fn).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:secretsmanager:<AWS::Region>:<AWS::AccountId>:secret:${keyPrefix}*]`,
      reason:
        'The issuing function makes one secret per signing key (per cycle, division and role) as it is first needed, so it may create and read secrets under its own prefix and nothing else.',
    });

    for (const route of ROUTES) {
      const [created] = this.api.addRoutes({
        path: route.path,
        methods: [route.method === 'GET' ? HttpMethod.GET : HttpMethod.POST],
        integration: new HttpLambdaIntegration(`${route.fn}-${route.method}`, this.functions[route.fn].fn),
      }) as [HttpRoute];
      Validations.of(created).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason: `${route.method} ${route.path} is public by design: practitioners answer anonymously, so there is no identity to authorise; stage throttling limits abuse.`,
      });
    }
    new CfnOutput(scope, 'FormBaseUrl', {
      value: `${this.api.apiEndpoint}/f/`,
      description: 'Form links are this URL followed by the form id',
    });
  }
}
