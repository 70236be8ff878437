// Proves each stage gets its ops dashboard (responses, cycle runs, imports, e-mail, alarms) and serves the form on the trust's own domain when the config names one.
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '../../infra/cdk/app';
import { EXAMPLE_CONFIG_PATH, exampleConfigText } from '../support/fixtures';

const CERTIFICATE = 'arn:aws:acm:eu-west-2:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789';

/** The stack synthesized (without bundling the functions) for a config file and a stage. */
function synth(configPath: string, stage = 'dev'): Template {
  const app = buildApp({
    configPath,
    stage,
    outdir: mkdtempSync(join(tmpdir(), 'pillar7-ops-')),
    context: { 'pillar7:now': '2026-01-01T00:00:00Z', 'aws:cdk:bundling-stacks': [] },
  });
  // cdk-nag runs in synth: a finding the new resources bring would throw here.
  app.synth();
  return Template.fromStack(app.node.findChild(`pillar7-${stage}`) as Stack);
}

/** A config file holding this text, for buildApp. */
function configFile(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'pillar7-config-')), 'trust.yaml');
  writeFileSync(path, text);
  return path;
}

/** The example trust with a `form.domain` block (YAML lines under `form:`). */
function withDomain(lines: string[]): string {
  const text = exampleConfigText().replace(
    /^form:\n/m,
    `form:\n  domain:\n${lines.map((l) => `    ${l}\n`).join('')}`,
  );
  expect(text).toContain('  domain:\n');
  return configFile(text);
}

type Widget = { type: string; properties: { title?: string; metrics?: unknown[][]; alarms?: unknown[] } };

/** The dashboard's widgets, its tokens (ARNs, names CloudFormation fills in) read as "TOKEN". */
function widgetsOf(t: Template): { name: string; widgets: Widget[] } {
  const [dashboard] = Object.values(t.findResources('AWS::CloudWatch::Dashboard'));
  const body = dashboard!.Properties.DashboardBody as string | { 'Fn::Join': [string, unknown[]] };
  const text =
    typeof body === 'string'
      ? body
      : body['Fn::Join'][1].map((part) => (typeof part === 'string' ? part : 'TOKEN')).join('');
  return {
    name: dashboard!.Properties.DashboardName as string,
    widgets: (JSON.parse(text) as { widgets: Widget[] }).widgets,
  };
}

/** A graph's metrics as "Namespace MetricName Dim=Value ...", expressions as "= EXPRESSION". */
function metricsOf(widgets: Widget[], title: RegExp): string[] {
  const widget = widgets.find((w) => title.test(w.properties.title ?? ''));
  expect(widget, `no widget titled ${title}`).toBeDefined();
  return widget!.properties.metrics!.map((m) => {
    const options = m.at(-1) as { expression?: string } | string;
    if (typeof options === 'object' && options.expression) return `= ${options.expression}`;
    const parts = m.filter((p) => typeof p === 'string') as string[];
    const [namespace, name, ...dims] = parts;
    const pairs = [];
    for (let i = 0; i + 1 < dims.length; i += 2) pairs.push(`${dims[i]}=${dims[i + 1]}`);
    return [namespace, name, ...pairs.sort()].join(' ');
  });
}

describe('the ops dashboard', () => {
  let template: Template;
  let name: string;
  let widgets: Widget[];
  beforeAll(() => {
    template = synth(EXAMPLE_CONFIG_PATH);
    ({ name, widgets } = widgetsOf(template));
  });

  it('is one per stage, named for it, so two stages can share an account', () => {
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    expect(name).toBe('pillar7-dev-ops');
    expect(widgetsOf(synth(EXAMPLE_CONFIG_PATH, 'prod')).name).toBe('pillar7-prod-ops');
    expect(Object.keys(template.findOutputs('DashboardName'))).toEqual(['DashboardName']);
  });

  it('counts practitioner responses a day from API Gateway, per answer route, with no dimension but the route', () => {
    const route = (path: string, metric: string) =>
      `AWS/ApiGateway ${metric} ApiName=pillar7-dev-form Method=POST Resource=${path} Stage=form`;
    expect(metricsOf(widgets, /responses per day/).sort()).toEqual(
      [
        '= FILL(requests0, 0) - FILL(client0, 0) - FILL(server0, 0)',
        '= FILL(requests1, 0) - FILL(client1, 0) - FILL(server1, 0)',
        ...['/f/{formId}', '/api/forms/{formId}/responses'].flatMap((path) =>
          ['Count', '4XXError', '5XXError'].map((metric) => route(path, metric)),
        ),
      ].sort(),
    );
    // API Gateway counts those two routes (only) per minute, each keeping the stage's rate limits.
    const settings = Object.values(template.findResources('AWS::ApiGateway::Stage'))[0]!.Properties
      .MethodSettings as { ResourcePath: string; MetricsEnabled?: boolean; ThrottlingRateLimit: number }[];
    const counted = settings.filter((s) => s.MetricsEnabled);
    expect(counted.map((s) => s.ResourcePath).sort()).toEqual([
      '/~1api~1forms~1{formId}~1responses',
      '/~1f~1{formId}',
    ]);
    const stageRate = settings.find((s) => s.ResourcePath === '/*')!.ThrottlingRateLimit;
    for (const s of counted) expect(s.ThrottlingRateLimit).toBe(stageRate);
  });

  it('shows cycle runs: started, succeeded, failed and timed out', () => {
    expect(metricsOf(widgets, /Cycle runs/)).toEqual(
      ['ExecutionsStarted', 'ExecutionsSucceeded', 'ExecutionsFailed', 'ExecutionsTimedOut'].map(
        (m) => `AWS/States ${m} StateMachineArn=TOKEN`,
      ),
    );
  });

  it("shows rows rejected by imports, from the gather function's own log line", () => {
    expect(metricsOf(widgets, /Imports/)).toEqual([
      'pillar7 ImportRowsRejected Function=TOKEN',
      'pillar7 ImportRowsImported Function=TOKEN',
    ]);
  });

  it("shows the stage's e-mail, which SES publishes for its configuration set", () => {
    expect(metricsOf(widgets, /E-mail/)).toEqual(
      ['Send', 'Delivery', 'Bounce', 'Complaint', 'Reject'].map(
        (m) => `AWS/SES ${m} ses:configuration-set=TOKEN`,
      ),
    );
    const [setId, set] = Object.entries(template.findResources('AWS::SES::ConfigurationSet'))[0]!;
    expect(set.Properties.Name).toBe('pillar7-board-mail-dev');
    expect(JSON.stringify(widgetsOf(template))).not.toContain('whole SES account');
    template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      ConfigurationSetName: { Ref: setId },
      EventDestination: Match.objectLike({
        Enabled: true,
        MatchingEventTypes: ['send', 'delivery', 'bounce', 'complaint', 'reject'],
        CloudWatchDestination: {
          DimensionConfigurations: [
            {
              DimensionName: 'ses:configuration-set',
              DimensionValueSource: 'messageTag',
              DefaultDimensionValue: { Ref: setId },
            },
          ],
        },
      }),
    });
  });

  it("shows the whole account's e-mail when the config names no configuration set, and says so", () => {
    const text = exampleConfigText().replace(/^ {2}configurationSet: .*\n/m, '');
    expect(text).not.toContain('configurationSet');
    const alone = synth(configFile(text));
    alone.resourceCountIs('AWS::SES::ConfigurationSetEventDestination', 0);
    expect(metricsOf(widgetsOf(alone).widgets, /whole SES account/)).toEqual(
      ['Send', 'Delivery', 'Bounce', 'Complaint', 'Reject'].map((m) => `AWS/SES ${m}`),
    );
  });

  it('shows the state of every alarm in the stack', () => {
    const alarms = widgets.find((w) => w.type === 'alarm')!.properties.alarms!;
    expect(alarms).toHaveLength(Object.keys(template.findResources('AWS::CloudWatch::Alarm')).length);
    expect(alarms).toHaveLength(5);
  });

  it('carries no dimension that could tell one person from another', () => {
    const allowed = new Set([
      'ApiName',
      'Stage',
      'Method',
      'Resource',
      'StateMachineArn',
      'Function',
      'ses:configuration-set',
    ]);
    const dimensions = widgets
      .flatMap((w) => w.properties.metrics ?? [])
      .flatMap((m) => {
        const parts = m.filter((p) => typeof p === 'string') as string[];
        return parts.slice(2).filter((_, i) => i % 2 === 0);
      });
    expect(dimensions.length).toBeGreaterThan(0);
    expect(dimensions.filter((d) => !allowed.has(d))).toEqual([]);
  });
});

describe("the form on the trust's own domain", () => {
  it('is not set up unless the config names a domain: the links stay on the execute-api address', () => {
    const template = synth(EXAMPLE_CONFIG_PATH);
    template.resourceCountIs('AWS::ApiGateway::DomainName', 0);
    template.resourceCountIs('AWS::ApiGateway::BasePathMapping', 0);
    template.resourceCountIs('AWS::Route53::RecordSet', 0);
    expect(template.findOutputs('FormDomainTarget')).toEqual({});
    expect(JSON.stringify(template.findOutputs('FormBaseUrl'))).toContain('.execute-api.');
  });

  it('serves the form on the domain with the certificate, TLS 1.2 at least, and prints the DNS target', () => {
    const template = synth(
      withDomain(['name: feedback.riverbend-trust.example', `certificateArn: ${CERTIFICATE}`]),
    );
    template.hasResourceProperties('AWS::ApiGateway::DomainName', {
      DomainName: 'feedback.riverbend-trust.example',
      RegionalCertificateArn: CERTIFICATE,
      EndpointConfiguration: { Types: ['REGIONAL'] },
      SecurityPolicy: 'TLS_1_2',
    });
    // The domain's root is the form's stage: links read https://feedback.../f/{id}.
    const [domainId] = Object.keys(template.findResources('AWS::ApiGateway::DomainName'));
    const [apiId] = Object.keys(template.findResources('AWS::ApiGateway::RestApi'));
    const [stageId] = Object.keys(template.findResources('AWS::ApiGateway::Stage'));
    template.resourceCountIs('AWS::ApiGateway::BasePathMapping', 1);
    template.hasResourceProperties('AWS::ApiGateway::BasePathMapping', {
      DomainName: { Ref: domainId },
      RestApiId: { Ref: apiId },
      Stage: { Ref: stageId },
      BasePath: Match.absent(),
    });
    expect(template.findOutputs('FormBaseUrl').FormBaseUrl!.Value).toBe(
      'https://feedback.riverbend-trust.example/f/',
    );
    expect(template.findOutputs('ConsoleUrl').ConsoleUrl!.Value).toBe(
      'https://feedback.riverbend-trust.example/console',
    );
    expect(template.findOutputs('FormDomainTarget').FormDomainTarget!.Value).toEqual({
      'Fn::GetAtt': [domainId, 'RegionalDomainName'],
    });
    // Cognito sends a QA lead back to the console on either address.
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      CallbackURLs: [
        Match.objectLike({ 'Fn::Join': Match.anyValue() }),
        'https://feedback.riverbend-trust.example/console/callback',
      ],
    });
    // Without a hosted zone the trust adds the DNS record itself.
    template.resourceCountIs('AWS::Route53::RecordSet', 0);
  });

  it('adds the DNS record itself when the config names the Route 53 hosted zone', () => {
    const template = synth(
      withDomain([
        'name: feedback.riverbend-trust.example',
        `certificateArn: ${CERTIFICATE}`,
        'hostedZoneId: Z0123456789ABCDEFGHIJ',
      ]),
    );
    const [domainId] = Object.keys(template.findResources('AWS::ApiGateway::DomainName'));
    template.hasResourceProperties('AWS::Route53::RecordSet', {
      HostedZoneId: 'Z0123456789ABCDEFGHIJ',
      Name: 'feedback.riverbend-trust.example.',
      Type: 'A',
      AliasTarget: {
        DNSName: { 'Fn::GetAtt': [domainId, 'RegionalDomainName'] },
        HostedZoneId: { 'Fn::GetAtt': [domainId, 'RegionalHostedZoneId'] },
      },
    });
  });
});

describe('two stages in one account', () => {
  it("count a lapsed draft each in its own namespace, so one stage's lapse raises only its own alarm", () => {
    const namespaces = ['dev', 'prod'].map((stage) => {
      const filters = synth(EXAMPLE_CONFIG_PATH, stage).findResources('AWS::Logs::MetricFilter');
      const lapsed = Object.values(filters)
        .flatMap(
          (f) => f.Properties.MetricTransformations as { MetricName: string; MetricNamespace: string }[],
        )
        .filter((t) => t.MetricName === 'DraftApprovalLapsed');
      expect(lapsed).toHaveLength(1);
      return lapsed[0]!.MetricNamespace;
    });
    expect(namespaces).toEqual(['pillar7/pillar7-dev', 'pillar7/pillar7-prod']);
  });
});
