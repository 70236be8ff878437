import { Duration, Stack } from 'aws-cdk-lib';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import {
  AlarmStatusWidget,
  Dashboard,
  GraphWidget,
  MathExpression,
  Metric,
  TextWidget,
  type IAlarm,
  type IMetric,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ConfigurationSet } from 'aws-cdk-lib/aws-ses';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { IMPORT_METRICS, METRIC_DIMENSION, METRICS_NAMESPACE } from '../../../shared/ops/metrics';
import { ANSWER_ROUTES, FORM_STAGE } from './form-api';

export interface OpsDashboardProps {
  api: RestApi;
  cycle: StateMachine;
  gather: IFunction;
  /** The stage's SES configuration set: its sending is counted apart from the rest of the account. */
  configurationSet?: ConfigurationSet;
  alarms: IAlarm[];
}

const DAY = Duration.days(1);
const SES_EVENTS = ['Send', 'Delivery', 'Bounce', 'Complaint', 'Reject'] as const;

/**
 * One CloudWatch dashboard per stage (`pillar7-STAGE-ops`): practitioner responses, cycle runs,
 * imports and e-mail, a day at a time, and every alarm's state. Every figure is a count with no
 * dimension that could tell one person from another: the answers are counted by API Gateway per route
 * (nothing finer than a minute), never logged by the form's functions.
 */
export class OpsDashboard extends Construct {
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: OpsDashboardProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: `${stack.stackName}-ops`,
      defaultInterval: Duration.days(35),
    });
    this.dashboard.addWidgets(
      new TextWidget({
        markdown: `## ${stack.stackName}: operations\nCounts a day at a time. Answers are counted by API Gateway per route, never logged: no figure here says who answered or when. Each alarm e-mails ops when it fires and again when it clears.`,
        width: 24,
        height: 2,
      }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Practitioner responses per day (answers accepted)',
        left: ANSWER_ROUTES.map((route, i) => this.accepted(props.api, route, i)),
        stacked: true,
        width: 12,
      }),
      new GraphWidget({
        title: 'Cycle runs per day',
        left: [
          props.cycle.metricStarted({ period: DAY, statistic: 'Sum', label: 'Started' }),
          props.cycle.metricSucceeded({ period: DAY, statistic: 'Sum', label: 'Succeeded' }),
          props.cycle.metricFailed({ period: DAY, statistic: 'Sum', label: 'Failed' }),
          props.cycle.metricTimedOut({ period: DAY, statistic: 'Sum', label: 'Timed out' }),
        ],
        width: 12,
      }),
    );
    const importMetric = (metricName: string, label: string) =>
      new Metric({
        namespace: METRICS_NAMESPACE,
        metricName,
        dimensionsMap: { [METRIC_DIMENSION]: props.gather.functionName },
        statistic: 'Sum',
        period: DAY,
        label,
      });
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Imports per day: rows rejected, and files refused',
        left: [importMetric(IMPORT_METRICS.rejected, 'Rejected (rows, and whole files)')],
        right: [importMetric(IMPORT_METRICS.imported, 'Imported rows')],
        width: 12,
      }),
      new GraphWidget({
        title: props.configurationSet
          ? `E-mail per day (configuration set ${props.configurationSet.configurationSetName})`
          : 'E-mail per day (the whole SES account: the config names no configuration set)',
        left: this.mailMetrics(props.configurationSet),
        width: 12,
      }),
    );
    this.dashboard.addWidgets(
      new AlarmStatusWidget({ title: 'Alarms', alarms: props.alarms, width: 24, height: 4 }),
    );
  }

  /**
   * Answers a route accepted in a day: its requests less those answered 4xx or 5xx. The web form
   * also answers a bot caught by its honeypot with a thank-you page, so that count can run high.
   */
  private accepted(api: RestApi, route: (typeof ANSWER_ROUTES)[number], i: number): IMetric {
    const count = (metricName: string) =>
      new Metric({
        namespace: 'AWS/ApiGateway',
        metricName,
        dimensionsMap: {
          ApiName: api.restApiName,
          Stage: FORM_STAGE,
          Method: route.method,
          Resource: route.path,
        },
        statistic: 'Sum',
        period: DAY,
      });
    return new MathExpression({
      expression: `FILL(requests${i}, 0) - FILL(client${i}, 0) - FILL(server${i}, 0)`,
      usingMetrics: {
        [`requests${i}`]: count('Count'),
        [`client${i}`]: count('4XXError'),
        [`server${i}`]: count('5XXError'),
      },
      period: DAY,
      label: route.path.startsWith('/api/') ? 'JSON API' : 'Web form',
    });
  }

  /**
   * What SES did with the stage's mail (board reports, draft notices, verified-form links): sent,
   * delivered, bounced, complained of, rejected. With a configuration set, SES publishes these per
   * set (see mail.ts), so a second stage in the account is counted apart; without one, the account's
   * own figures.
   */
  private mailMetrics(configurationSet: ConfigurationSet | undefined): IMetric[] {
    return SES_EVENTS.map(
      (metricName) =>
        new Metric({
          namespace: 'AWS/SES',
          metricName,
          dimensionsMap: configurationSet
            ? { 'ses:configuration-set': configurationSet.configurationSetName }
            : undefined,
          statistic: 'Sum',
          period: DAY,
        }),
    );
  }
}
