// Proves the CDK app synthesizes what the spec asks for, with cdk-nag AwsSolutions passing.
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { buildApp } from '../../infra/cdk/app';
import { ROUTES } from '../../shared/http/routes';
import { EXAMPLE_CONFIG_PATH, exampleConfig } from '../support/fixtures';

let template: Template;
let synthError: unknown;
let outdir: string;

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'pillar7-synth-'));
  const app = buildApp({ configPath: EXAMPLE_CONFIG_PATH, stage: 'dev', outdir });
  try {
    app.synth();
  } catch (err) {
    synthError = err;
  }
  template = Template.fromStack(app.node.findChild('pillar7-dev') as Stack);
});

describe('the pillar7 stack', () => {
  it('synthesizes with every cdk-nag AwsSolutions finding fixed or acknowledged', () => {
    expect(synthError).toBeUndefined();
  });

  it('keeps evidence in one on-demand, encrypted, recoverable, retained table with TTL', () => {
    template.resourceCountIs('AWS::DynamoDB::GlobalTable', 1);
    template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        SSESpecification: { SSEEnabled: true },
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
        Replicas: [
          Match.objectLike({
            DeletionProtectionEnabled: true,
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          }),
        ],
      }),
    });
  });

  it('keeps files in a private, versioned, retained bucket', () => {
    template.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        VersioningConfiguration: { Status: 'Enabled' },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
      }),
    });
  });

  it('serves exactly the routes of the spec', () => {
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map(
      (r) => (r.Properties as { RouteKey: string }).RouteKey,
    );
    expect(routes.sort()).toEqual(ROUTES.map((r) => `${r.method} ${r.path}`).sort());
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      DefaultRouteSettings: { ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 },
      AccessLogSettings: { Format: Match.not(Match.stringLikeRegexp('sourceIp|userAgent|identity')) },
    });
  });

  it('runs every function on nodejs22.x, arm64, traced, with the config inlined rather than read', () => {
    const fns = Object.values(template.findResources('AWS::Lambda::Function'));
    expect(fns).toHaveLength(9);
    for (const fn of fns)
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
      });
    const bundles = readdirSync(outdir).filter(
      (d) => d.startsWith('asset.') && existsSync(join(outdir, d, 'index.mjs')),
    );
    expect(bundles).toHaveLength(9);
    // Every function but the health check runs on the trust config, inlined into its bundle.
    const withConfig = bundles.filter((dir) =>
      readFileSync(join(outdir, dir, 'index.mjs'), 'utf8').includes('Riverbend Learning Trust'),
    );
    expect(withConfig).toHaveLength(8);
    // The PDF's fonts travel inside the publish bundle, where shared/report/fonts.ts looks for them.
    const withFonts = bundles.filter((dir) =>
      existsSync(join(outdir, dir, 'fonts', 'noto-sans-latin-400-normal.woff')),
    );
    expect(withFonts).toHaveLength(1);
  });

  it('runs the cycle as a state machine, gathers daily, opens each cycle form at its start and runs the cycle at its end', () => {
    template.resourceCountIs('AWS::StepFunctions::StateMachine', 1);
    const schedules = Object.values(template.findResources('AWS::Scheduler::Schedule')).map(
      (s) =>
        s.Properties as {
          ScheduleExpression: string;
          Target: { RetryPolicy: unknown; DeadLetterConfig: unknown };
        },
    );
    expect(schedules.map((s) => s.ScheduleExpression).sort()).toEqual([
      'at(2026-01-05T07:00:00)', // each cycle's form opens at its start
      'at(2026-04-02T18:00:00)', // and the cycle runs at its end
      'at(2026-04-20T07:00:00)',
      'at(2026-07-22T18:00:00)',
      'at(2026-09-02T07:00:00)',
      'at(2026-12-18T18:00:00)',
      'cron(0 2 * * ? *)',
    ]);
    for (const s of schedules)
      expect(s.Target).toMatchObject({
        RetryPolicy: { MaximumRetryAttempts: 3 },
        DeadLetterConfig: {
          Arn: { 'Fn::GetAtt': [expect.stringMatching(/^CycleScheduleDeadLetters/), 'Arn'] },
        },
      });
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
    template.resourceCountIs('AWS::CloudWatch::Alarm', 3);
  });

  it('alarms on form 5xx, and verifies the sender domain with DKIM records printed as outputs', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: '5xx',
      Namespace: 'AWS/ApiGateway',
      Threshold: 1,
    });
    template.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'riverbend-trust.example' });
    const outputs = Object.keys(template.findOutputs('*'));
    expect(outputs).toEqual(
      expect.arrayContaining([
        'SenderDkimRecord1',
        'SenderDkimRecord2',
        'SenderDkimRecord3',
        'FormBaseUrl',
        'BucketName',
        'InboxPath',
        'TableName',
        'AlarmTopicArn',
      ]),
    );
  });

  it('refuses a stage outside the closed list', () => {
    expect(() => buildApp({ configPath: EXAMPLE_CONFIG_PATH, stage: 'staging' })).toThrow(
      'stage must be one of dev, prod, not "staging"',
    );
  });
});

describe('the cdk-nag gate', () => {
  it('fails synthesis on an unacknowledged finding, so the check above can fail', () => {
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'pillar7-nag-')) });
    const stack = new Stack(app, 'Probe');
    new Bucket(stack, 'Unsafe');
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    expect(() => app.synth()).toThrow();
    expect(exampleConfig().trust.name).toBe('Riverbend Learning Trust');
  });
});
