import { CfnOutput, RemovalPolicy, Validations } from 'aws-cdk-lib';
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
          memorySize: 256,
        });
        // The two routes that take a response may read and put items; the definition only reads; health nothing.
        return [name, fn.grantDeclaredAccess(props.table)];
      }),
    ) as Record<HttpFunctionName, Pillar7Function>;

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
