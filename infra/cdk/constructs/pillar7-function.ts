import { CfnElement, Duration, Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import {
  ApplicationLogLevel,
  Architecture,
  LoggingFormat,
  Runtime,
  SystemLogLevel,
  Tracing,
} from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { Construct } from 'constructs';
import {
  BUNDLING,
  FUNCTION_ASSETS,
  LOGO_FILE,
  ROOT,
  configDefine,
  entryFor,
  logoAsset,
} from '../../build/bundling';
import { VERIFIED_FORM_BUILD } from '../../../shared/feedback/client-asset';
import type { TrustConfig } from '../../../shared/schemas/config';
import {
  ACCESS,
  type BucketAccess,
  type FunctionAccess,
  type FunctionName,
  type SecretGrant,
  type SecretName,
  type TableGrant,
} from '../access';
import { LOG_GROUP_DEFAULTS } from '../defaults';

export interface Pillar7FunctionProps {
  /** The folder under functions/ that holds handler.ts. */
  name: FunctionName;
  config: TrustConfig;
  memorySize?: number;
  timeout?: Duration;
  description: string;
  /**
   * For functions invoked asynchronously (by a schedule): where an event goes after Lambda's own
   * retries fail. Functions invoked synchronously have none: their caller sees the error and retries.
   */
  deadLetterQueue?: IQueue;
  /**
   * A function practitioners reach: no X-Ray trace and no START/REPORT line per invocation (JSON
   * logs at WARN for the platform), since each would record when someone visited or answered.
   */
  quietAboutVisits?: boolean;
}

/** Where a function that e-mails may send from: the trust's sender identities and the stage's configuration set. */
export interface MailSender {
  readonly arns: readonly string[];
}

/** A secret access.ts may grant, by its name there, and how a function granted it finds it. */
export interface SecretBinding {
  /** What the grant names: the secret's ARN, or a name prefix's followed by `*` for a family of secrets. */
  readonly arn: string;
  /** The environment variable the function finds it by, and its value. */
  readonly environment: readonly [name: string, value: string];
  /**
   * For a family of secrets: cdk-nag's finding for the wildcard, and, for each function granted it,
   * why its grant is no wider than it must be.
   */
  readonly wildcard?: { finding: string; reasons: Partial<Record<FunctionName, string>> };
}

/** Everything infra/cdk/access.ts can grant a function, by the names it uses there. */
export interface DeclaredResources {
  readonly table: ITable;
  readonly bucket: IBucket;
  readonly mail: MailSender;
  readonly secrets: Readonly<Record<SecretName, SecretBinding>>;
}

/**
 * Every Lambda of the product: one runtime, architecture, bundling, log retention and tracing, so no
 * function can be deployed differently by accident. The validated trust config is inlined into the
 * bundle at synth, so functions read no config from anywhere at run time.
 */
export class Pillar7Function extends Construct {
  readonly fn: NodejsFunction;
  readonly name: FunctionName;

  constructor(scope: Construct, id: string, props: Pillar7FunctionProps) {
    super(scope, id);
    const logo = logoAsset(props.config, props.name);
    this.name = props.name;
    if (!/^[a-z][a-z0-9-]*$/.test(props.name))
      throw new Error(`Pillar7Function: "${props.name}" is not a function folder name`);
    const logGroup = new LogGroup(this, 'Logs', LOG_GROUP_DEFAULTS);
    this.fn = new NodejsFunction(this, 'Function', {
      entry: entryFor(props.name),
      projectRoot: ROOT,
      depsLockFilePath: `${ROOT}package-lock.json`,
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 256,
      timeout: props.timeout ?? Duration.seconds(10),
      tracing: props.quietAboutVisits ? Tracing.DISABLED : Tracing.ACTIVE,
      ...(props.quietAboutVisits
        ? {
            loggingFormat: LoggingFormat.JSON,
            systemLogLevelV2: SystemLogLevel.WARN,
            applicationLogLevelV2: ApplicationLogLevel.INFO,
          }
        : {}),
      logGroup,
      // The failure destination receives the event with the error, which a plain DLQ would not carry.
      onFailure: props.deadLetterQueue ? new SqsDestination(props.deadLetterQueue) : undefined,
      retryAttempts: props.deadLetterQueue ? 2 : undefined,
      environment: { NODE_OPTIONS: '--enable-source-maps' },
      bundling: {
        minify: BUNDLING.minify,
        sourceMap: BUNDLING.sourcemap,
        // LogLevel's values are esbuild's own level names.
        logLevel: BUNDLING.logLevel as LogLevel,
        target: BUNDLING.target,
        format: OutputFormat.ESM,
        mainFields: [...BUNDLING.mainFields],
        // The AWS SDK clients are bundled (only the commands we import), not taken from the runtime.
        externalModules: [...BUNDLING.external],
        banner: BUNDLING.banner,
        define: configDefine(props.config, props.name),
        esbuildArgs: Object.fromEntries(
          Object.entries(BUNDLING.alias).map(([from, to]) => [`--alias:${from}`, to]),
        ),
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (inputDir: string, outputDir: string) => [
            ...(FUNCTION_ASSETS[props.name] ?? []).map((a) =>
              'from' in a
                ? `mkdir -p "${outputDir}/${a.to.split('/').slice(0, -1).join('/')}" && cp "${inputDir}/${a.from}" "${outputDir}/${a.to}"`
                : `"${inputDir}/node_modules/.bin/esbuild" "${inputDir}/${a.build}" --bundle --minify --format=${VERIFIED_FORM_BUILD.format} --platform=${VERIFIED_FORM_BUILD.platform} --target=${VERIFIED_FORM_BUILD.target} --log-level=warning --outfile="${outputDir}/${a.to}"`,
            ),
            // The logo, a data URI (base64: no character the shell reads specially), beside the bundle.
            ...(logo ? [`printf '%s' '${logo}' > "${outputDir}/${LOGO_FILE}"`] : []),
          ],
        },
      },
    });
    const ack = Validations.of(this.fn);
    ack.acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: `${props.name} writes its logs through the AWS-managed basic execution policy, which grants log writes and nothing else.`,
    });
    const lists = ACCESS[props.name].secrets?.['secretsmanager:ListSecrets'];
    ack.acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        `${props.name} sends X-Ray traces; xray:PutTraceSegments and xray:PutTelemetryRecords have no resource-level permissions.` +
        (lists
          ? ` It finds the ${lists.join(' and ')} secrets by name prefix with secretsmanager:ListSecrets, which has none either: it lists names and metadata, never a value, and may act only on the secrets its other statements name.`
          : ''),
    });
    if (props.quietAboutVisits)
      ack.acknowledge({
        id: 'Serverless-LambdaTracing',
        reason: `${props.name} serves practitioners: a trace would record when each of them visited or answered, which the anonymity promise rules out (ops.formDiagnostics turns tracing on to diagnose a problem).`,
      });
    ack.acknowledge({
      id: 'Serverless-LambdaDLQ',
      reason: props.deadLetterQueue
        ? `${props.name}'s failed asynchronous events go to an on-failure destination, the same encrypted queue, which keeps the error with the event; a second, legacy DLQ would only duplicate them.`
        : `${props.name} is only invoked synchronously (by API Gateway or the cycle state machine), so its caller receives every failure and retries it; a dead-letter queue would never receive an event.`,
    });
    ack.acknowledge({
      id: 'Serverless-LambdaLatestVersion',
      reason: `${props.name} is pinned to nodejs22.x, the runtime its bundle is built and tested for (esbuild target node22); a runtime change is a deliberate release.`,
    });
    ack.acknowledge({
      id: 'AwsSolutions-L1',
      reason: `${props.name} is pinned to nodejs22.x, the runtime its bundle is built and tested for (esbuild target node22); a runtime change is a deliberate release.`,
    });
  }

  /**
   * Grants this function what infra/cdk/access.ts lists for it, and nothing else: its actions on the
   * table, the bucket, SES and Secrets Manager, each with the environment variable that tells the
   * function where to find the resource. The one place any of these grants is made.
   */
  grantDeclaredAccess(resources: DeclaredResources): this {
    const access = ACCESS[this.name];
    if (Object.keys(access.table).length) this.bindTable(resources.table, access.table);
    if (access.bucket) this.bindBucket(resources.bucket, access.bucket);
    if (access.sendEmail) this.bindMail(resources.mail, access.sendEmail);
    if (access.secrets) this.bindSecrets(resources.secrets, access.secrets);
    return this;
  }

  /**
   * Sets TABLE_NAME and grants exactly the listed item actions on the table, each only on the
   * partitions listed for it (dynamodb:LeadingKeys), and nothing on anything else: no indexes, no
   * streams, no table management.
   */
  private bindTable(table: ITable, grant: TableGrant): void {
    this.fn.addEnvironment('TABLE_NAME', table.tableName);
    for (const [partitions, actions] of byTargets(grant))
      this.fn.addToRolePolicy(
        new PolicyStatement({
          actions,
          resources: [table.tableArn],
          conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': partitions } },
        }),
      );
  }

  /**
   * Sets BUCKET_NAME and grants the exact object actions on the given key prefixes, and listing only
   * under the prefixes it reads. Each prefix wildcard is acknowledged here, naming what it is for.
   */
  private bindBucket(bucket: IBucket, grants: BucketAccess): void {
    this.fn.addEnvironment('BUCKET_NAME', bucket.bucketName);
    const stack = Stack.of(this);
    const bucketId = stack.getLogicalId(bucket.node.defaultChild as CfnElement);
    const objects = (action: string, prefixes: string[] | undefined, why: string) => {
      if (!prefixes?.length) return;
      this.fn.addToRolePolicy(
        new PolicyStatement({
          actions: [action],
          resources: prefixes.map((p) => bucket.arnForObjects(`${p}*`)),
        }),
      );
      for (const p of prefixes)
        Validations.of(this.fn).acknowledge({
          id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${p}*]`,
          reason: `${this.node.id} ${why} any object under ${p}, and only there: the files arrive with names chosen by QA leads or cycles.`,
        });
    };
    objects('s3:GetObject', grants.read, 'reads');
    objects('s3:PutObject', grants.write, 'writes');
    objects('s3:DeleteObject', grants.delete, 'deletes');
    if (grants.list?.length)
      this.fn.addToRolePolicy(
        new PolicyStatement({
          actions: ['s3:ListBucket'],
          resources: [bucket.bucketArn],
          conditions: { StringLike: { 's3:prefix': grants.list.map((p) => `${p}*`) } },
        }),
      );
  }

  /** Grants its one SES action, from the trust's sender and through the stage's configuration set only. */
  private bindMail(mail: MailSender, action: NonNullable<FunctionAccess['sendEmail']>): void {
    this.fn.addToRolePolicy(new PolicyStatement({ actions: [action], resources: [...mail.arns] }));
  }

  /**
   * Grants the listed actions on the listed secrets only (ListSecrets on `*`, the one resource IAM
   * takes for it), and sets the variable each is found by.
   */
  private bindSecrets(secrets: Readonly<Record<SecretName, SecretBinding>>, grant: SecretGrant): void {
    const { 'secretsmanager:ListSecrets': listed, ...named } = grant;
    for (const [names, actions] of byTargets(named))
      this.fn.addToRolePolicy(new PolicyStatement({ actions, resources: names.map((n) => secrets[n].arn) }));
    if (listed?.length)
      this.fn.addToRolePolicy(
        new PolicyStatement({ actions: ['secretsmanager:ListSecrets'], resources: ['*'] }),
      );
    for (const name of new Set(Object.values(grant).flatMap((names) => names ?? []))) {
      const { environment, wildcard } = secrets[name];
      this.fn.addEnvironment(...environment);
      if (!wildcard) continue;
      const reason = wildcard.reasons[this.name];
      if (!reason)
        throw new Error(`Pillar7Function: ${this.name} is granted the ${name} secrets without a reason`);
      Validations.of(this.fn).acknowledge({ id: wildcard.finding, reason });
    }
  }
}

/** A grant's actions gathered by the set of targets they are granted on: one policy statement each. */
function byTargets<A extends string, T extends string>(
  grant: Partial<Record<A, readonly T[]>>,
): [targets: T[], actions: A[]][] {
  const bySet = new Map<string, A[]>();
  for (const [action, targets] of Object.entries(grant) as [A, readonly T[]][]) {
    const set = JSON.stringify([...targets].sort());
    bySet.set(set, [...(bySet.get(set) ?? []), action]);
  }
  return [...bySet].map(([set, actions]) => [JSON.parse(set) as T[], actions]);
}
