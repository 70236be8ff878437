// Proves the CDK app synthesizes what the spec asks for, with cdk-nag AwsSolutions passing.
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { buildApp } from '../../infra/cdk/app';
import { localDateTime } from '../../infra/cdk/constructs/cycle-schedules';
import { NONCURRENT_DAYS } from '../../infra/cdk/constructs/data-bucket';
import { BUNDLE_BUDGET_BYTES, ROOT } from '../../infra/build/bundling';
import { ROUTES } from '../../shared/http/routes';
import { NOT_RETRIED } from '../../shared/errors/retry-policy';
import { requiredEnv, type EnvKind } from '../../shared/schemas/env';
import { formLimits, RATE_WINDOW_SECONDS } from '../../shared/http/limits';
import { EXAMPLE_CONFIG_PATH, exampleConfig, exampleConfigText } from '../support/fixtures';
import { stateMachineDefinition } from '../support/state-machine';

let template: Template;
let synthError: unknown;
let outdir: string;
let stackOfDev: Stack;

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'pillar7-synth-'));
  // Deployed before the example trust's first cycle, so every cycle's schedules are ahead.
  const app = buildApp({
    configPath: EXAMPLE_CONFIG_PATH,
    stage: 'dev',
    outdir,
    context: { 'pillar7:now': '2026-01-01T00:00:00Z' },
  });
  try {
    app.synth();
  } catch (err) {
    synthError = err;
  }
  stackOfDev = app.node.findChild('pillar7-dev') as Stack;
  template = Template.fromStack(stackOfDev);
});

describe('the pillar7 stack', () => {
  it('synthesizes with every cdk-nag finding, AwsSolutions and Serverless, fixed or acknowledged', () => {
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

  it("keeps what the restore drill (docs/runbook.md) relies on: point-in-time recovery on the TableName output's table, 90 days of old versions in the BucketName output's bucket", () => {
    const outputs = template.findOutputs('*');
    const table = template.findResources('AWS::DynamoDB::GlobalTable')[
      (outputs.TableName!.Value as { Ref: string }).Ref
    ]!;
    expect(table.Properties.Replicas).toEqual([
      expect.objectContaining({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }),
    ]);
    const bucket =
      template.findResources('AWS::S3::Bucket')[(outputs.BucketName!.Value as { Ref: string }).Ref]!;
    expect(bucket.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(bucket.Properties.LifecycleConfiguration.Rules).toContainEqual(
      expect.objectContaining({
        NoncurrentVersionExpiration: { NoncurrentDays: NONCURRENT_DAYS },
        Status: 'Enabled',
      }),
    );
    expect(NONCURRENT_DAYS).toBe(90);
  });

  it('keeps the logical IDs deployed stacks have, so an update never replaces a stateful or named resource', () => {
    // A new logical ID would make CloudFormation create a new one and delete the old: an empty table,
    // a new access key (the board's links dead), lost logs, or a failure on a name still taken.
    const deployed: Record<string, string[]> = {
      'AWS::DynamoDB::GlobalTable': ['EvidenceTable4E70CC2C'],
      'AWS::S3::Bucket': ['FilesAccessLogsAAAD0C84', 'FilesBucket7C17EE2E'],
      'AWS::SQS::Queue': ['CycleScheduleDeadLetters298BFCFC', 'UndeliveredAlarms78D632A2'],
      'AWS::StepFunctions::StateMachine': ['Cycle28F9ADCC'],
      'AWS::IAM::User': ['CycleReportLinkSignerEF48F51A'],
      'AWS::IAM::AccessKey': ['CycleReportLinkKey0FEF8A33'],
      'AWS::SecretsManager::Secret': ['CycleReportLinkCredentials28D3AA7E'],
      'AWS::SES::ConfigurationSet': ['CycleMailConfigB645D86E'],
      'AWS::SES::EmailIdentity': ['SenderDomain86451910'],
      'AWS::WAFv2::WebACL': ['FormFirewall9B3E329F'],
      'AWS::ApiGateway::RestApi': ['FormApiBFBDD9B0'],
      'AWS::Cognito::UserPool': ['ConsoleQaLeads3E595ED6'],
      'AWS::SNS::Topic': ['Alarms04B5A0BF'],
      'AWS::CloudWatch::Dashboard': ['OpsDashboardBC8D1B7D'],
      'AWS::Logs::LogGroup': [
        'CycleStateMachineLogs9F456925',
        'CycleevaluateLogs6A68B68C',
        'CyclegatherLogs2AD611E4',
        'CyclenotifyLogs13F50F71',
        'CycleopenformLogs73FA0864',
        'CyclepublishLogs1F6A55CE',
        'CyclerequestapprovalLogs1BA21608',
        'FormconsoleLogsABE7E61A',
        'FormformaccessLogs595D6D2A',
        'FormformdefinitionLogs47855F5E',
        'FormformpageLogs4E20834E',
        'FormhealthLogs06C91103',
        'FormissuetokenLogs0C0454EB',
        'FormsubmitresponseLogsF1A1E99B',
      ],
    };
    for (const [type, ids] of Object.entries(deployed))
      expect(Object.keys(template.findResources(type)).sort(), type).toEqual(ids);
  });

  it('serves exactly the routes of the spec', () => {
    const resources = template.findResources('AWS::ApiGateway::Resource');
    const pathOf = (ref: unknown): string => {
      const id = (ref as { Ref?: string }).Ref;
      if (!id) return ''; // the API's root
      const r = resources[id]!.Properties as { PathPart: string; ParentId: unknown };
      return `${pathOf(r.ParentId)}/${r.PathPart}`;
    };
    const methods = Object.values(template.findResources('AWS::ApiGateway::Method')).map((m) => {
      const p = m.Properties as { HttpMethod: string; ResourceId: unknown };
      return `${p.HttpMethod} ${pathOf(p.ResourceId)}`;
    });
    expect(methods.sort()).toEqual(ROUTES.map((r) => `${r.method} ${r.path}`).sort());
    // No access log by default: each line would record when someone visited the form.
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'form',
      AccessLogSetting: Match.absent(),
      TracingEnabled: false,
    });
    // An unknown path is not found, in the product's error shape, not REST's 403 "Missing Authentication Token".
    template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: 'MISSING_AUTHENTICATION_TOKEN',
      StatusCode: '404',
    });
  });

  it('limits each client, so one cannot use up the form, while a whole trust on one network can answer', () => {
    const limits = formLimits(exampleConfig().form.expectedStaff);
    // The stage's limit for everyone together is twice what one client may use.
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      MethodSettings: Match.arrayWith([
        Match.objectLike({
          HttpMethod: '*',
          ResourcePath: '/*',
          ThrottlingRateLimit: limits.stageRate,
          ThrottlingBurstLimit: limits.stageBurst,
        }),
      ]),
    });
    expect(limits.stageRate * RATE_WINDOW_SECONDS).toBeGreaterThanOrEqual(2 * limits.perClient);
    const acls = template.findResources('AWS::WAFv2::WebACL');
    expect(Object.keys(acls)).toHaveLength(1);
    const [aclId, acl] = Object.entries(acls)[0]!;
    const props = acl.Properties as {
      Scope: string;
      VisibilityConfig: { SampledRequestsEnabled: boolean };
      Rules: {
        Name: string;
        Action?: { Block?: { CustomResponse: { ResponseCode: number } } };
        Statement: {
          RateBasedStatement?: { Limit: number; AggregateKeyType: string; EvaluationWindowSec: number };
        };
        VisibilityConfig: { SampledRequestsEnabled: boolean };
      }[];
    };
    expect(props.Scope).toBe('REGIONAL');
    // Sampled requests would keep callers' addresses: none are sampled.
    expect(props.VisibilityConfig.SampledRequestsEnabled).toBe(false);
    for (const rule of props.Rules) expect(rule.VisibilityConfig.SampledRequestsEnabled).toBe(false);
    const rate = (name: string) => props.Rules.find((r) => r.Name === name)!;
    for (const [name, limit] of [
      ['RequestsPerClient', limits.perClient],
      ['LinkRequestsPerClient', limits.linkRequestsPerClient],
    ] as const) {
      expect(rate(name).Statement.RateBasedStatement).toMatchObject({
        Limit: limit,
        AggregateKeyType: 'IP',
        EvaluationWindowSec: RATE_WINDOW_SECONDS,
      });
      expect(rate(name).Action?.Block?.CustomResponse.ResponseCode).toBe(429);
    }
    // On the form's stage.
    const stageId = Object.keys(template.findResources('AWS::ApiGateway::Stage'))[0]!;
    template.hasResourceProperties('AWS::WAFv2::WebACLAssociation', {
      WebACLArn: { 'Fn::GetAtt': [aclId, 'Arn'] },
      ResourceArn: Match.objectLike({ 'Fn::Join': Match.arrayWith([Match.arrayWith([{ Ref: stageId }])]) }),
    });
    // Ops hears when clients are refused.
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/WAFV2',
      MetricName: 'BlockedRequests',
    });
  });

  it("lets only the trust's QA leads into the console: invited, no sign-up, a second factor, a code flow back to the console", () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: Match.objectLike({ AllowAdminCreateUserOnly: true }),
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      UsernameAttributes: ['email'],
    });
    const users = Object.values(template.findResources('AWS::Cognito::UserPoolUser')).map(
      (u) => (u.Properties as { Username: string }).Username,
    );
    expect(users).toEqual(exampleConfig().board.qaLeads);
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid', 'email'],
      CallbackURLs: [
        Match.objectLike({ 'Fn::Join': Match.arrayWith([Match.arrayWith(['/form/console/callback'])]) }),
      ],
    });
    const env = Object.values(template.findResources('AWS::Lambda::Function')).find((f) =>
      JSON.stringify(f.Properties.Environment?.Variables ?? {}).includes('USER_POOL_ID'),
    )!.Properties.Environment.Variables as Record<string, unknown>;
    expect(Object.keys(env)).toEqual(
      expect.arrayContaining([
        'USER_POOL_ID',
        'USER_POOL_CLIENT_ID',
        'COGNITO_DOMAIN',
        'STATE_MACHINE_ARN',
        'TABLE_NAME',
        'BUCKET_NAME',
      ]),
    );
  });

  it('imports a file as soon as it lands in the inbox: the bucket notifies the gather function', () => {
    const [gatherId] = Object.keys(ourFunctions()).filter((id) => id.startsWith('Cyclegather'));
    template.hasResourceProperties('Custom::S3BucketNotifications', {
      NotificationConfiguration: {
        LambdaFunctionConfigurations: [
          {
            Events: ['s3:ObjectCreated:*'],
            Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'inbox/' }] } },
            LambdaFunctionArn: { 'Fn::GetAtt': [gatherId, 'Arn'] },
          },
        ],
      },
    });
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 's3.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [gatherId, 'Arn'] },
    });
  });

  it('runs every function on nodejs22.x, arm64, with the config inlined rather than read; traced, except where practitioners reach it', () => {
    const fns = Object.values(ourFunctions());
    expect(fns).toHaveLength(13);
    for (const [id, fn] of Object.entries(ourFunctions())) {
      expect(fn.Properties).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'] });
      const facing = practitionerFacing(id);
      // A practitioner's visit leaves no trace and no START/REPORT line (the platform logs at WARN).
      if (facing) {
        expect(fn.Properties.TracingConfig).toBeUndefined();
        expect(fn.Properties).toMatchObject({ LoggingConfig: { LogFormat: 'JSON', SystemLogLevel: 'WARN' } });
      } else expect(fn.Properties).toMatchObject({ TracingConfig: { Mode: 'Active' } });
    }
    const bundles = readdirSync(outdir).filter(
      (d) => d.startsWith('asset.') && existsSync(join(outdir, d, 'index.mjs')),
    );
    expect(bundles).toHaveLength(13);
    // Minified ESM with a source map beside it, which Node is told to use.
    for (const dir of bundles) {
      expect(existsSync(join(outdir, dir, 'index.mjs.map'))).toBe(true);
      const code = readFileSync(join(outdir, dir, 'index.mjs'), 'utf8');
      expect(code.length / code.split('\n').length).toBeGreaterThan(500);
    }
    for (const fn of fns)
      expect(fn.Properties.Environment.Variables.NODE_OPTIONS).toBe('--enable-source-maps');
    // Every function but the health check runs on the trust config, inlined into its bundle.
    const withConfig = bundles.filter((dir) =>
      readFileSync(join(outdir, dir, 'index.mjs'), 'utf8').includes('Riverbend Learning Trust'),
    );
    expect(withConfig).toHaveLength(12);
    // The PDF's fonts travel inside the publish bundle, where shared/report/fonts.ts looks for them.
    const withFonts = bundles.filter((dir) =>
      existsSync(join(outdir, dir, 'fonts', 'noto-sans-latin-400-normal.woff')),
    );
    expect(withFonts).toHaveLength(1);
    // The verified form's browser script is built beside the link function's bundle, for browsers.
    const withScript = bundles.filter((dir) => existsSync(join(outdir, dir, 'verified-form.js')));
    expect(withScript).toHaveLength(1);
    const script = readFileSync(join(outdir, withScript[0]!, 'verified-form.js'), 'utf8');
    expect(script).toContain('crypto.subtle');
    expect(script).not.toMatch(/\brequire\(|node:/);
  });

  it('keeps every deployed bundle within its size budget, so a stray import cannot bloat a function', () => {
    const fns = ourFunctions();
    const sizes = Object.entries(fns).map(([id, fn]) => {
      const key = (fn.Properties.Code as { S3Key: string }).S3Key;
      const bytes = statSync(join(outdir, `asset.${key.replace(/\.zip$/, '')}`, 'index.mjs')).size;
      const kind = id.startsWith('Form') ? 'http' : 'pipeline';
      return { id, kind, bytes, budget: BUNDLE_BUDGET_BYTES[kind] };
    });
    expect(sizes).toHaveLength(13);
    expect(sizes.filter((s) => s.bytes > s.budget)).toEqual([]);
  });

  it('ships the trust’s logo beside the bundles that show it, never inside a bundle', () => {
    const withLogo = Object.entries(ourFunctions())
      .filter(([, fn]) => {
        const dir = join(
          outdir,
          `asset.${(fn.Properties.Code as { S3Key: string }).S3Key.replace(/\.zip$/, '')}`,
        );
        expect(readFileSync(join(dir, 'index.mjs'), 'utf8')).not.toContain('data:image/png;base64');
        return (
          existsSync(join(dir, 'logo.txt')) &&
          readFileSync(join(dir, 'logo.txt'), 'utf8') === exampleConfig().trust.logo
        );
      })
      .map(([id]) => id.replace(/[0-9A-F]{8}$/, ''));
    expect(withLogo.sort()).toEqual([
      'CyclepublishFunction',
      'FormformaccessFunction',
      'FormformpageFunction',
    ]);
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
      'at(2026-04-03T06:00:00)', // and the cycle runs the morning after its form has closed
      'at(2026-04-20T07:00:00)',
      'at(2026-07-23T06:00:00)',
      'at(2026-09-02T07:00:00)',
      'at(2026-12-19T06:00:00)',
      'at(2027-01-04T07:00:00)',
      'at(2027-03-27T06:00:00)',
      'at(2027-04-12T07:00:00)',
      'at(2027-07-22T06:00:00)',
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
    template.resourceCountIs('AWS::CloudWatch::Alarm', 5);
  });

  it('schedules only the openings and runs still ahead when deployed mid-year, as Scheduler refuses past times', () => {
    const midYear = buildApp({
      configPath: EXAMPLE_CONFIG_PATH,
      stage: 'dev',
      outdir: mkdtempSync(join(tmpdir(), 'pillar7-synth-')),
      // Deployed on 26 November: the autumn form is already open, its run on 19 December is ahead.
      context: { 'pillar7:now': '2026-11-26T09:00:00Z', 'aws:cdk:bundling-stacks': [] },
    });
    const expressions = Object.values(
      Template.fromStack(midYear.node.findChild('pillar7-dev') as Stack).findResources(
        'AWS::Scheduler::Schedule',
      ),
    ).map((r) => (r.Properties as { ScheduleExpression: string }).ScheduleExpression);
    expect(expressions.sort()).toEqual([
      'at(2026-12-19T06:00:00)',
      'at(2027-01-04T07:00:00)',
      'at(2027-03-27T06:00:00)',
      'at(2027-04-12T07:00:00)',
      'at(2027-07-22T06:00:00)',
      'cron(0 2 * * ? *)',
    ]);
  });

  it("reads the deploy moment as the trust's wall-clock time, summer time included", () => {
    expect(localDateTime('Europe/London', new Date('2026-07-01T12:00:00Z'))).toBe('2026-07-01T13:00:00');
    expect(localDateTime('Europe/London', new Date('2026-12-18T17:59:59Z'))).toBe('2026-12-18T17:59:59');
    expect(localDateTime('Europe/London', new Date('2026-03-29T00:30:00Z'))).toBe('2026-03-29T00:30:00');
  });

  it('alarms on form 5xx, and verifies the sender domain with DKIM records printed as outputs', () => {
    // On a rate, not on one error: 5% of at least 20 requests, in two of three 5-minute windows.
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Threshold: 5,
      EvaluationPeriods: 3,
      DatapointsToAlarm: 2,
      Metrics: Match.arrayWith([
        Match.objectLike({ Expression: 'IF(requests >= 20, 100 * errors / requests, 0)' }),
        Match.objectLike({
          Id: 'errors',
          MetricStat: Match.objectLike({
            Metric: Match.objectLike({ Namespace: 'AWS/ApiGateway', MetricName: '5XXError' }),
          }),
        }),
        Match.objectLike({
          Id: 'requests',
          MetricStat: Match.objectLike({
            Metric: Match.objectLike({ Namespace: 'AWS/ApiGateway', MetricName: 'Count' }),
          }),
        }),
      ]),
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
        'StateMachineArn',
      ]),
    );
  });

  it('enforces SSL and encryption on the bucket, deletes files after the trust’s retention and old versions 90 days later', () => {
    // The example keeps reports and evidence 72 months (the defaults): at least 2,191.68 days.
    const retained = (Prefix: string, ExpirationInDays: number) =>
      Match.objectLike({ Prefix, ExpirationInDays, Status: 'Enabled' });
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: { ServerSideEncryptionConfiguration: [Match.objectLike({})] },
      LifecycleConfiguration: {
        Rules: [
          Match.objectLike({
            NoncurrentVersionExpiration: { NoncurrentDays: 90 },
            ExpiredObjectDeleteMarker: true,
            Status: 'Enabled',
          }),
          retained('reports/', 2192),
          retained('inbox/', 2192),
          retained('processed/', 2192),
          retained('quarantine/', 2192),
          retained('imports/', 400),
        ],
      },
    });
    // A trust's own retention reaches the rules.
    const dir = mkdtempSync(join(tmpdir(), 'pillar7-retention-'));
    const configPath = join(dir, 'trust.yaml');
    writeFileSync(
      configPath,
      exampleConfigText().replace(
        /^retention:(\n {2}.*)+/m,
        'retention: { responses: 12, evaluations: 36, reports: 24, evidence: 12 }',
      ),
    );
    const short = buildApp({
      configPath,
      stage: 'dev',
      outdir: dir,
      context: { 'aws:cdk:bundling-stacks': [] },
    });
    const buckets = Template.fromStack(short.node.findChild('pillar7-dev') as Stack).findResources(
      'AWS::S3::Bucket',
    );
    expect(JSON.stringify(buckets)).toContain(
      '{"ExpirationInDays":731,"Prefix":"reports/","Status":"Enabled"}',
    );
    const policies = Object.values(template.findResources('AWS::S3::BucketPolicy'));
    expect(policies).toHaveLength(2);
    for (const p of policies)
      expect(p.Properties.PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({
          Effect: 'Deny',
          Action: 's3:*',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
      );
  });

  it('sets each function its own memory and timeout, and keeps its logs for 90 days', () => {
    const fns = Object.entries(ourFunctions()).map(([id, fn]) => [
      id.replace(/Function[0-9A-F]{8}$/, ''),
      fn.Properties.MemorySize,
      fn.Properties.Timeout,
    ]);
    expect(fns.sort()).toEqual(
      [
        ['Cycleevaluate', 1024, 300],
        ['Cyclegather', 1024, 300],
        ['Cyclenotify', 512, 300],
        ['Cycleopenform', 256, 10],
        ['Cyclepublish', 1024, 300],
        ['Cyclerequestapproval', 256, 300],
        ['Formconsole', 256, 10],
        ['Formformaccess', 256, 10],
        ['Formformdefinition', 256, 10],
        ['Formformpage', 256, 10],
        ['Formissuetoken', 1024, 10],
        ['Formhealth', 256, 10],
        ['Formsubmitresponse', 256, 10],
      ].sort(),
    );
    const retention = Object.entries(template.findResources('AWS::Logs::LogGroup')).filter(([id]) =>
      /FunctionLogs|Logs[0-9A-F]{8}$/.test(id),
    );
    expect(retention.length).toBeGreaterThanOrEqual(9);
    for (const [, group] of Object.values(template.findResources('AWS::Logs::LogGroup')).entries())
      expect([30, 90]).toContain(group.Properties.RetentionInDays);
  });

  it('retries each cycle step with backoff, but fails a bad event or unknown cycle at once; a draft waits for approval', () => {
    const definition = stateMachineDefinition(template);
    expect(definition.StartAt).toBe('Gather');
    const states = definition.States;
    expect(
      Object.entries(states)
        .map(([name, st]) => [name, st.Next ?? st.Default ?? null])
        .sort(),
    ).toEqual(
      [
        ['Gather', 'Evaluate'],
        ['Evaluate', 'PublishDraft'],
        ['PublishDraft', 'AlreadySent'],
        ['AlreadySent', 'AwaitApproval'],
        ['AwaitApproval', 'PublishFinal'],
        ['PublishFinal', 'Notify'],
        ['Notify', null],
        ['ApprovalLapsed', null],
      ].sort(),
    );
    // No path reaches Notify from the draft but through the approval, or a report already sent.
    expect(states.AlreadySent!.Choices).toEqual([
      { Variable: '$.reused', BooleanEquals: true, Next: 'Notify' },
    ]);
    expect(states.PublishDraft!.Parameters).toMatchObject({ stage: 'draft' });
    expect(states.PublishFinal!.Parameters).toMatchObject({ stage: 'final' });
    // The wait: a task token, a timeout from the config, and a named failure (and its alarm) when it lapses.
    expect(states.AwaitApproval!.Resource).toMatch(/waitForTaskToken$/);
    expect(states.AwaitApproval!.Parameters!.Payload).toMatchObject({ 'taskToken.$': '$$.Task.Token' });
    expect(states.AwaitApproval!.TimeoutSeconds).toBe(exampleConfig().board.approvalTimeoutDays * 86_400);
    expect(states.AwaitApproval!.Catch).toEqual([
      { ErrorEquals: ['States.Timeout'], Next: 'ApprovalLapsed' },
    ]);
    expect(definition.TimeoutSeconds).toBeGreaterThan(states.AwaitApproval!.TimeoutSeconds!);
    template.hasResourceProperties('AWS::Logs::MetricFilter', {
      FilterPattern: '{ $.type = "TaskTimedOut" }',
      MetricTransformations: [Match.objectLike({ MetricName: 'DraftApprovalLapsed' })],
    });
    // Which errors fail at once comes from their kind: test/infra/retry-policy.test.ts checks every retrier.
    for (const name of ['Gather', 'Evaluate', 'PublishDraft', 'PublishFinal', 'Notify'])
      expect(states[name]!.Retry!.slice(1)).toEqual([
        { ErrorEquals: [...NOT_RETRIED], MaxAttempts: 0 },
        { ErrorEquals: ['States.ALL'], IntervalSeconds: 10, MaxAttempts: 4, BackoffRate: 2 },
      ]);
    expect(NOT_RETRIED).toEqual(expect.arrayContaining(['InvalidEventError', 'UnknownCycleError']));
  });

  it('goes straight from the report to the board e-mail when the trust chose automatic approval', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pillar7-automatic-'));
    const configPath = join(dir, 'automatic.yaml');
    writeFileSync(configPath, exampleConfigText().replace('approval: manual', 'approval: automatic'));
    // The state machine alone is asked about: its functions need not be bundled again.
    const app = buildApp({
      configPath,
      stage: 'dev',
      outdir: dir,
      context: { 'aws:cdk:bundling-stacks': [] },
    });
    const states = stateMachineDefinition(
      Template.fromStack(app.node.findChild('pillar7-dev') as Stack),
    ).States;
    expect(Object.keys(states).sort()).toEqual(['Evaluate', 'Gather', 'Notify', 'Publish']);
    expect(states.Publish!.Next).toBe('Notify');
    expect(states.Publish!.Parameters).toMatchObject({ stage: 'final' });
  });

  it('can deploy prod beside dev in one account: every account-unique name carries the stage, and the second stage reuses the sender identity', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pillar7-prod-'));
    const configPath = join(dir, 'prod.yaml');
    writeFileSync(
      configPath,
      exampleConfigText().replace(/^(\s*delivery:.*)$/m, '$1\n  senderIdentity: existing'),
    );
    const app = buildApp({
      configPath,
      stage: 'prod',
      outdir: dir,
      context: { 'aws:cdk:bundling-stacks': [] },
    });
    const prod = Template.fromStack(app.node.findChild('pillar7-prod') as Stack);
    const named = (t: Template) => ({
      set: Object.values(t.findResources('AWS::SES::ConfigurationSet')).map((r) => r.Properties.Name),
      api: Object.values(t.findResources('AWS::ApiGateway::RestApi')).map((r) => r.Properties.Name),
      pool: Object.values(t.findResources('AWS::Cognito::UserPool')).map((r) => r.Properties.UserPoolName),
    });
    expect(named(template)).toEqual({
      set: ['pillar7-board-mail-dev'],
      api: ['pillar7-dev-form'],
      pool: ['pillar7-dev-qa-leads'],
    });
    expect(named(prod)).toEqual({
      set: ['pillar7-board-mail-prod'],
      api: ['pillar7-prod-form'],
      pool: ['pillar7-prod-qa-leads'],
    });
    // One SES identity per domain in an account: dev verifies it, prod uses it.
    template.resourceCountIs('AWS::SES::EmailIdentity', 1);
    prod.resourceCountIs('AWS::SES::EmailIdentity', 0);
  });

  it("sends a scheduled function's failed events, with their error, to the encrypted dead-letter queue", () => {
    const configs = Object.entries(template.findResources('AWS::Lambda::EventInvokeConfig'));
    expect(configs.map(([id]) => id.replace(/Function.*$/, '')).sort()).toEqual([
      'Cyclegather',
      'Cycleopenform',
    ]);
    for (const [, c] of configs)
      expect(c.Properties).toMatchObject({
        MaximumRetryAttempts: 2,
        DestinationConfig: {
          OnFailure: {
            Destination: { 'Fn::GetAtt': [expect.stringMatching(/^CycleScheduleDeadLetters/), 'Arn'] },
          },
        },
      });
  });

  it('alarms on failed cycles and dead letters, and emails every alarm and its all-clear to ops, keeping undeliverable ones', () => {
    const metrics = Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((a) =>
      a.Properties.Metrics
        ? (a.Properties.Metrics as { MetricStat?: { Metric: { Namespace: string; MetricName: string } } }[])
            .filter((m) => m.MetricStat)
            .map((m) => `${m.MetricStat!.Metric.Namespace} ${m.MetricStat!.Metric.MetricName}`)
            .join(' / ')
        : `${a.Properties.Namespace} ${a.Properties.MetricName}`,
    );
    expect(metrics.sort()).toEqual([
      'AWS/ApiGateway 5XXError / AWS/ApiGateway Count',
      'AWS/SQS ApproximateNumberOfMessagesVisible',
      'AWS/States ExecutionsFailed',
      'AWS/WAFV2 BlockedRequests',
      'pillar7/pillar7-dev DraftApprovalLapsed',
    ]);
    // Ops hears when each alarm fires and again when it clears.
    for (const a of Object.values(template.findResources('AWS::CloudWatch::Alarm'))) {
      expect(a.Properties.AlarmActions).toEqual([{ Ref: expect.stringMatching(/^Alarms/) }]);
      expect(a.Properties.OKActions).toEqual([{ Ref: expect.stringMatching(/^Alarms/) }]);
    }
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@riverbend-trust.example',
      RedrivePolicy: {
        deadLetterTargetArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^UndeliveredAlarms'), 'Arn'] },
      },
    });
  });

  it('deploys to the region the config names, and tags every resource with what it is for', () => {
    expect(stackOfDev.region).toBe(exampleConfig().region);
    expect(exampleConfig().region).toBe('eu-west-2');
    const tags = template.findResources('AWS::DynamoDB::Table') as Record<
      string,
      { Properties: { Tags?: { Key: string; Value: string }[] } }
    >;
    for (const t of Object.values(tags))
      expect(t.Properties.Tags).toEqual(
        expect.arrayContaining([
          { Key: 'project', Value: 'pillar7-qa' },
          { Key: 'pillar7:stage', Value: 'dev' },
          { Key: 'pillar7:trust', Value: 'Riverbend Learning Trust' },
        ]),
      );
  });

  it('suppresses bounces and complaints in the SES configuration set the config names (with its stage), and sends only over TLS', () => {
    template.hasResourceProperties('AWS::SES::ConfigurationSet', {
      Name: `${exampleConfig().email.configurationSet}-dev`,
      DeliveryOptions: { TlsPolicy: 'REQUIRE' },
      SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
    });
  });

  it('refuses a stage outside the closed list', () => {
    expect(() => buildApp({ configPath: EXAMPLE_CONFIG_PATH, stage: 'staging' })).toThrow(
      'stage must be one of dev, prod, not "staging"',
    );
  });
});

type Cfn = string | { Ref?: string; 'Fn::GetAtt'?: [string, string]; 'Fn::Join'?: [string, Cfn[]] };
const LABELS: [RegExp, string][] = [
  [/^EvidenceTable/, 'table'],
  [/^FilesBucket/, 'bucket'],
  [/^CycleScheduleDeadLetters/, 'dead-letters'],
  [/^CycleMailConfig/, 'mail-config'],
  [/^CycleReportLinkCredentials/, 'report-link-secret'],
  [/^Cycle[0-9A-F]{8}$/, 'cycle state machine'],
];
const label = (id: string) => LABELS.find(([re]) => re.test(id))?.[1] ?? id;
function nameOf(r: Cfn): string {
  if (typeof r === 'string') return r;
  if (r.Ref) return r.Ref.startsWith('AWS::') ? r.Ref.slice(5).toLowerCase() : label(r.Ref);
  if (r['Fn::GetAtt']) return label(r['Fn::GetAtt'][0]);
  if (r['Fn::Join']) return r['Fn::Join'][1].map(nameOf).join(r['Fn::Join'][0]);
  return JSON.stringify(r);
}

/** The product's functions: not CDK's own deploy-time handler that sets the bucket's notification. */
/** A function practitioners reach, by its logical id: every form-API function but the QA lead's console. */
const practitionerFacing = (id: string) => id.startsWith('Form') && !id.startsWith('Formconsole');

function ourFunctions() {
  return Object.fromEntries(
    Object.entries(template.findResources('AWS::Lambda::Function')).filter(
      ([id]) => !id.startsWith('BucketNotificationsHandler'),
    ),
  );
}

/** Every permission a function's role has, one line each: "action on resource [if prefix p]". */
function grantsOf(fnIdPrefix: string): string[] {
  const fns = template.findResources('AWS::Lambda::Function');
  const [fnId] = Object.keys(fns).filter((id) => id.startsWith(fnIdPrefix));
  expect(fnId, `no function ${fnIdPrefix}`).toBeDefined();
  const roleId = (fns[fnId!]!.Properties.Role as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0];
  const role = template.findResources('AWS::IAM::Role')[roleId]!;
  expect((role.Properties.ManagedPolicyArns as Cfn[]).map(nameOf)).toEqual([
    'arn:partition:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
  ]);
  const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((p) =>
    ((p.Properties.Roles ?? []) as { Ref: string }[]).some((r) => r.Ref === roleId),
  );
  return policies
    .flatMap((p) => (p.Properties.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement)
    .flatMap((st) => {
      expect(st.Effect).toBe('Allow');
      const actions = [st.Action].flat() as string[];
      const resources = [st.Resource].flat() as Cfn[];
      const condition = st.Condition as Record<string, Record<string, string[]>> | undefined;
      const prefix = condition?.StringLike?.['s3:prefix'];
      const partitions = condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys'];
      const only = prefix
        ? ` if prefix ${prefix.join(',')}`
        : partitions
          ? ` in ${[...partitions].sort().join(',')}`
          : '';
      return actions.flatMap((a) => resources.map((r) => `${a} on ${nameOf(r)}${only}`));
    })
    .sort();
}

const XRAY = ['xray:PutTelemetryRecords on *', 'xray:PutTraceSegments on *'];
const DLQ = [
  'sqs:GetQueueAttributes on dead-letters',
  'sqs:GetQueueUrl on dead-letters',
  'sqs:SendMessage on dead-letters',
];
const SES = (action: string) => [
  `${action} on arn:aws:ses:REGION:accountid:configuration-set/mail-config`,
  `${action} on arn:aws:ses:REGION:accountid:identity/qa@riverbend-trust.example`,
  `${action} on arn:aws:ses:REGION:accountid:identity/riverbend-trust.example`,
];

describe('each function starts in the cloud: the stack sets every variable its handler requires at load', () => {
  // The kind each handler loads, read from its source: a handler that needs a variable the stack
  // does not set would fail every cold start, and no local run could show it (the local environment
  // sets everything).
  const handlers = readdirSync(join(ROOT, 'functions')).map((name) => {
    const source = readFileSync(join(ROOT, 'functions', name, 'handler.ts'), 'utf8');
    const kinds = [...source.matchAll(/loadEnv\('([a-z-]+)'/g)].map((m) => m[1] as EnvKind);
    return [name, kinds] as const;
  });

  it('reads every handler', () => {
    expect(handlers.length).toBe(13);
    // The health check alone reads no environment.
    for (const [name, kinds] of handlers) expect(kinds.length, name).toBe(name === 'health' ? 0 : 1);
  });

  it.each(handlers)('%s', (name, kinds) => {
    const id = name.replace(/-/g, '');
    const [fn] = Object.entries(ourFunctions()).filter(([logicalId]) =>
      new RegExp(`^(Form|Cycle)${id}Function`).test(logicalId),
    );
    expect(fn, `no function for functions/${name}`).toBeDefined();
    const set = Object.keys((fn![1].Properties.Environment?.Variables ?? {}) as Record<string, unknown>);
    for (const kind of kinds) expect(set).toEqual(expect.arrayContaining(requiredEnv(kind)));
  });
});

describe("each function's IAM grant: exactly these actions on exactly these resources", () => {
  const cases: [string, string[]][] = [
    ['Formhealth', []],
    [
      'Formformdefinition',
      [
        'dynamodb:GetItem on table in FORM#*,KEY#render-token',
        'dynamodb:PutItem on table in KEY#render-token',
      ],
    ],
    [
      'Formformpage',
      [
        'dynamodb:DeleteItem on table in SPENT#*',
        'dynamodb:GetItem on table in CYCLE#*,FORM#*,KEY#render-token',
        'dynamodb:PutItem on table in KEY#render-token,RESPONSES#*,SPENT#*',
      ],
    ],
    [
      'Formformaccess',
      [
        'dynamodb:GetItem on table in EVIDENCE#staff,FORM#*,ISSUED#*,KEY#render-token,KEY#staff-email',
        'dynamodb:PutItem on table in KEY#render-token,LINK#*',
        'dynamodb:Query on table in KEYS#*',
        'dynamodb:UpdateItem on table in ASKED#*',
        ...SES('ses:SendEmail'),
      ],
    ],
    [
      'Formconsole',
      [
        'dynamodb:DeleteItem on table in CONSOLE',
        'dynamodb:GetItem on table in CYCLE#*,KEY#console-session,KEY#staff-email',
        'dynamodb:PutItem on table in CYCLE#*,FORM#*,KEY#console-session',
        'dynamodb:Query on table in CYCLE#*,EVIDENCE#staff,RESPONSES#*',
        'dynamodb:UpdateItem on table in CYCLE#*',
        's3:GetObject on bucket/imports/*',
        's3:GetObject on bucket/reports/*',
        's3:ListBucket on bucket if prefix imports/*',
        's3:PutObject on bucket/inbox/*',
        'states:SendTaskFailure on cycle state machine',
        'states:SendTaskHeartbeat on cycle state machine',
        'states:SendTaskSuccess on cycle state machine',
      ],
    ],
    [
      'Formissuetoken',
      [
        'dynamodb:DeleteItem on table in ISSUED#*,LINK#*',
        'dynamodb:GetItem on table in FORM#*,KEY#render-token,KEYS#*,LINK#*',
        'dynamodb:PutItem on table in ISSUED#*,KEY#render-token,KEYS#*',
        'secretsmanager:CreateSecret on arn:aws:secretsmanager:eu-west-2:accountid:secret:pillar7/pillar7-dev/group-keys/*',
        'secretsmanager:GetSecretValue on arn:aws:secretsmanager:eu-west-2:accountid:secret:pillar7/pillar7-dev/group-keys/*',
      ],
    ],
    [
      'Formsubmitresponse',
      [
        'dynamodb:DeleteItem on table in SPENT#*',
        'dynamodb:GetItem on table in FORM#*,KEY#render-token,KEYS#*',
        'dynamodb:PutItem on table in KEY#render-token,RESPONSES#*,SPENT#*',
      ],
    ],
    [
      'Cycleopenform',
      [...DLQ, 'dynamodb:GetItem on table in CYCLE#*', 'dynamodb:PutItem on table in CYCLE#*,FORM#*'],
    ],
    [
      'Cyclegather',
      [
        ...DLQ,
        'dynamodb:BatchGetItem on table in EVIDENCE#*',
        'dynamodb:BatchWriteItem on table in EVIDENCE#*',
        'dynamodb:GetItem on table in KEY#staff-email',
        'dynamodb:PutItem on table in KEY#staff-email',
        'dynamodb:Query on table in EVIDENCE#*',
        's3:DeleteObject on bucket/inbox/*',
        's3:GetObject on bucket/inbox/*',
        's3:ListBucket on bucket if prefix inbox/*',
        's3:PutObject on bucket/imports/*',
        's3:PutObject on bucket/processed/*',
        's3:PutObject on bucket/quarantine/*',
      ],
    ],
    [
      'Cycleevaluate',
      [
        'dynamodb:GetItem on table in CYCLE#*',
        'dynamodb:PutItem on table in CYCLE#*',
        'dynamodb:Query on table in EVIDENCE#*,RESPONSES#*',
        'dynamodb:UpdateItem on table in CYCLE#*,FORM#*',
        'secretsmanager:DeleteSecret on arn:aws:secretsmanager:eu-west-2:accountid:secret:pillar7/pillar7-dev/group-keys/*',
        'secretsmanager:ListSecrets on *',
      ],
    ],
    [
      'Cyclepublish',
      [
        'dynamodb:GetItem on table in CYCLE#*,KEY#staff-email',
        'dynamodb:Query on table in CYCLE#*,EVIDENCE#staff',
        'dynamodb:UpdateItem on table in CYCLE#*',
        's3:PutObject on bucket/reports/*',
      ],
    ],
    [
      'Cyclerequestapproval',
      [
        'dynamodb:GetItem on table in CYCLE#*,KEY#staff-email',
        'dynamodb:Query on table in CYCLE#*,EVIDENCE#staff',
        'dynamodb:UpdateItem on table in CYCLE#*',
        ...SES('ses:SendEmail'),
      ],
    ],
    [
      'Cyclenotify',
      [
        'dynamodb:GetItem on table in CYCLE#*',
        'dynamodb:UpdateItem on table in CYCLE#*',
        's3:GetObject on bucket/reports/*',
        'secretsmanager:GetSecretValue on report-link-secret',
        ...SES('ses:SendRawEmail'),
      ],
    ],
  ];
  it.each(cases)('%s', (fn, expected) => {
    // The region is whatever the deploying account's default is; the rest of each ARN is fixed.
    const actual = grantsOf(`${fn}Function`).map((g) => g.replace(/:ses:[^:]*:/, ':ses:REGION:'));
    // Functions practitioners reach send no traces, so they hold no X-Ray grant either.
    const traced = !practitionerFacing(fn);
    expect(actual).toEqual([...(traced ? XRAY : []), ...expected].sort());
  });

  it('lets no function touch the table outside its own partitions (dynamodb:LeadingKeys on every statement)', () => {
    const statements = Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
      (p) => (p.Properties.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement,
    );
    const onTable = statements.filter((st) =>
      ([st.Action].flat() as string[]).some((a) => a.startsWith('dynamodb:')),
    );
    expect(onTable.length).toBeGreaterThan(10);
    for (const st of onTable)
      expect(
        (st.Condition as Record<string, Record<string, string[]>>)['ForAllValues:StringLike']?.[
          'dynamodb:LeadingKeys'
        ]?.length,
      ).toBeGreaterThan(0);
    // What practitioners reach writes answers, spent tokens, links, counts and its own key: never a
    // form's settings, a cycle's records, evidence, the staff or console keys.
    for (const fn of [
      'Formformpage',
      'Formsubmitresponse',
      'Formformdefinition',
      'Formformaccess',
      'Formissuetoken',
    ])
      for (const g of grantsOf(`${fn}Function`).filter((g) =>
        /^dynamodb:(Put|Update|Delete|BatchWrite)/.test(g),
      ))
        for (const partition of g.replace(/^.* in /, '').split(','))
          expect(partition, `${fn}: ${g}`).toMatch(
            /^(RESPONSES#\*|SPENT#\*|LINK#\*|ASKED#\*|ISSUED#\*|KEYS#\*|KEY#render-token)$/,
          );
  });

  it('signs the 7-day report link as a user that can read report PDFs only, its key kept in Secrets Manager', () => {
    const users = template.findResources('AWS::IAM::User');
    expect(Object.keys(users)).toHaveLength(1);
    const [userId] = Object.keys(users);
    const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((p) =>
      ((p.Properties.Users ?? []) as { Ref: string }[]).some((u) => u.Ref === userId),
    );
    const statements = policies.flatMap(
      (p) => p.Properties.PolicyDocument.Statement as { Action: string; Effect: string; Resource: Cfn }[],
    );
    expect(statements.map((st) => `${st.Effect} ${st.Action} on ${nameOf(st.Resource)}`)).toEqual([
      'Allow s3:GetObject on bucket/reports/*/report.pdf',
    ]);
    expect(users[userId!]!.Properties?.ManagedPolicyArns).toBeUndefined();
    template.hasResourceProperties('AWS::IAM::AccessKey', { UserName: { Ref: userId }, Serial: 1 });
    const notify = Object.entries(template.findResources('AWS::Lambda::Function')).find(([id]) =>
      id.startsWith('CyclenotifyFunction'),
    )![1];
    expect(nameOf(notify.Properties.Environment.Variables.REPORT_LINK_SECRET_ARN)).toBe('report-link-secret');
  });

  it("gives evaluate the group keys' name prefix issue-token makes them under, so it retires the same keys", () => {
    const fns = Object.entries(template.findResources('AWS::Lambda::Function'));
    const prefixOf = (idPrefix: string) =>
      fns.find(([id]) => id.startsWith(idPrefix))![1].Properties.Environment.Variables.KEY_SECRET_PREFIX;
    expect(prefixOf('CycleevaluateFunction')).toBe('pillar7/pillar7-dev/group-keys/');
    expect(prefixOf('FormissuetokenFunction')).toBe(prefixOf('CycleevaluateFunction'));
  });

  it('rotates the link key only when asked, and refuses a nonsense serial', () => {
    expect(() =>
      buildApp({ configPath: EXAMPLE_CONFIG_PATH, stage: 'dev', context: { reportLinkKeySerial: 'x' } }),
    ).toThrow('reportLinkKeySerial must be a whole number from 1, not "x"');
  });

  it('attaches no managed policy to any role but the basic Lambda execution role (and API Gateway its logging one)', () => {
    const roles = Object.values(template.findResources('AWS::IAM::Role'));
    const assumedBy = (r: (typeof roles)[number]) =>
      JSON.stringify(r.Properties.AssumeRolePolicyDocument).includes('apigateway.amazonaws.com');
    const managed = (list: typeof roles) =>
      new Set(list.flatMap((r) => ((r.Properties.ManagedPolicyArns ?? []) as Cfn[]).map(nameOf)));
    expect(managed(roles.filter((r) => !assumedBy(r)))).toEqual(
      new Set(['arn:partition:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole']),
    );
    expect(managed(roles.filter(assumedBy))).toEqual(
      new Set(['arn:partition:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs']),
    );
  });

  it('has no wildcard action anywhere in the stack', () => {
    for (const p of Object.values(template.findResources('AWS::IAM::Policy')))
      for (const st of (p.Properties.PolicyDocument as { Statement: { Action: string | string[] }[] })
        .Statement)
        for (const a of [st.Action].flat()) expect(a).not.toMatch(/\*/);
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

  it('fails synthesis on an unacknowledged Serverless-pack finding too', () => {
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'pillar7-nag-')) });
    new Queue(new Stack(app, 'Probe'), 'NoRedrive', { enforceSSL: true });
    Validations.of(app).addPlugins(new ServerlessChecks(app));
    expect(() => app.synth()).toThrow(/Serverless-SQSRedrivePolicy/);
  });
});
