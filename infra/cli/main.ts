import { parseArgs } from 'node:util';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfigFile } from '../../shared/config/load-config';
import type { TrustConfig } from '../../shared/schemas/config';
import { MissingJavaError } from '../local/emulators';
import { start } from '../local/start';
import { LOCAL_NAMES } from '../local/environment';
import { ValidationError } from '../../shared/domain/errors';
import { EVIDENCE_KINDS } from '../../shared/domain/evidence';
import { ImportFileError, type ImportSummary } from '../../shared/imports/import-rows';
import { describeSummary, importFile, parseKind } from './import-command';
import { EvidenceRepository } from '../../shared/store/evidence';
import { SigningKeyRepository } from '../../shared/store/secrets';
import { staffNameTest } from '../../shared/store/staff-names';
import { configWarnings } from '../../shared/config/warnings';
import { describeEvaluation } from './cycle-summary';
import { existsSync } from 'node:fs';
import { withLocalEnvironment } from './local-session';
import { STAGES } from '../cdk/stages';
import {
  AwsTargetError,
  awsClients,
  openFormInStack,
  readStackNames,
  resumeInStack,
  runCycleInStack,
  uploadToInbox,
} from './aws-commands';
import { s3Client } from '../../shared/aws/s3';
import { ApprovalRefusedError, NoDraftError } from '../../shared/cycle/approval';
import { AlreadyApprovedError, CycleRepository } from '../../shared/store/cycles';
import { ModerationRepository } from '../../shared/store/moderation';
import { dayIn } from '../../shared/domain/anonymity';
import { approveCommand, commentsCommand } from './review-commands';
import { localApprovalDeps, reportRun, statusCommand } from './run-report';
import { documentClient } from '../../shared/aws/dynamodb';
import { Retention } from '../../shared/domain/retention';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const DEFAULT_CONFIG = join(ROOT, 'config/example-trust.yaml');

const HELP = `pillar7: quality assurance of an improvement model (pillar 7)

Usage: pillar7 <command> [options]

Commands:
  start [--once] [--demo]      start the emulators, serve the form on http://localhost:$PORT
                               (default 3000); for the example trust (or with --demo) load its
                               fictional evidence on first run and run the current cycle to a draft;
                               --once stops after that
  cycle run CYCLE_ID [--force] gather, evaluate and publish one cycle; under manual approval (the
                               default) the report is a draft the QA leads are told about, and
                               nothing goes to the board until it is approved; under automatic
                               approval the board is e-mailed; --force judges the cycle again
  cycle preview CYCLE_ID       gather, evaluate and publish a draft with today's evidence; tells
                               no one and sends nothing
  cycle comments CYCLE_ID [--keep ID | --withhold ID | --redact ID --span TEXT]
                               list the draft's comments (held ones first need a decision), or
                               record a decision on one
  cycle approve CYCLE_ID [--commentary TEXT | --commentary-file FILE] [--resend]
                               approve the draft, with words for the board, and send it: the final
                               report is published and the board e-mailed, once; --resend confirms
                               sending again after a send, and is told what changed
  cycle status CYCLE_ID        where the cycle stands: collecting, closed, draft, approved or sent
  import FILE --kind KIND [--json]
                               import a CSV or JSON evidence file; KIND is one of
                               ${EVIDENCE_KINDS.join(', ')};
                               prints what was imported, unchanged and rejected (row, column, reason)
  form open CYCLE_ID [--closes DATE]
                               open the cycle's practitioner form (once per cycle) and print its link;
                               --closes moves its closing date (YYYY-MM-DD or DD/MM/YYYY)
  seed --responses N [--cycle CYCLE_ID]
                               store N synthetic responses, for demos and benchmarks (local only)
  console link [--as EMAIL]    print a one-time sign-in link to the local console for a QA lead
                               (the first in board.qaLeads unless --as names another)
  config validate FILE         check a trust config file and list every problem with its field

Options for every command:
  --config FILE                the trust config (default: the example trust; PILLAR7_CONFIG works too)
  --aws                        act on the deployed stack with your AWS credentials instead of the
                               local emulators: import uploads to the inbox, form open prints the
                               public link, cycle run starts the cycle and follows it to the end
  --stage STAGE                with --aws, the stack pillar7-STAGE (dev or prod; default dev)
  -h, --help                   this help

Exit codes: 0 success, 1 failure, 2 bad usage or invalid input.`;

class UsageError extends Error {}

/** A cycle id the trust config knows, or a usage error that lists the ones it does. */
function knownCycle(config: TrustConfig, configPath: string, id: string | undefined, usage: string): string {
  if (!id) throw new UsageError(usage);
  if (!config.cycles.some((c) => c.id === id))
    throw new UsageError(
      `cycle "${id}" is not in ${configPath} (known: ${config.cycles.map((c) => c.id).join(', ')})`,
    );
  return id;
}

/** A file that cannot be imported at all: its reason, in the --json shape too; exit 2. */
function refusedFile(
  e: unknown,
  file: string,
  json: boolean,
  out: (l: string) => void,
  err: (l: string) => void,
): number {
  if (!(e instanceof ImportFileError)) throw e;
  if (json)
    out(JSON.stringify({ imported: 0, unchanged: 0, rejected: [{ row: 0, column: '', reason: e.message }] }));
  err(`${file} was not imported: ${e.message}`);
  return 2;
}

/** The FILE and --kind of an import, checked before anything is touched. */
function importArgs(file: string | undefined, kindOption: string | undefined) {
  if (!file) throw new UsageError('import needs a FILE');
  const kind = parseKind(kindOption);
  if (!kind)
    throw new UsageError(
      `--kind must be one of ${EVIDENCE_KINDS.join(', ')}${kindOption ? `, not "${kindOption}"` : ''}`,
    );
  if (!existsSync(file)) throw new UsageError(`cannot open ${file}: no such file`);
  return { file, kind };
}

export async function main(
  argv: string[],
  out = (l: string) => console.log(l),
  err = (l: string) => console.error(l),
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        config: { type: 'string' },
        once: { type: 'boolean', default: false },
        demo: { type: 'boolean', default: false },
        force: { type: 'boolean', default: false },
        keep: { type: 'string' },
        withhold: { type: 'string' },
        redact: { type: 'string' },
        span: { type: 'string' },
        commentary: { type: 'string' },
        'commentary-file': { type: 'string' },
        resend: { type: 'boolean', default: false },
        as: { type: 'string' },
        closes: { type: 'string' },
        kind: { type: 'string' },
        responses: { type: 'string' },
        cycle: { type: 'string' },
        json: { type: 'boolean', default: false },
        aws: { type: 'boolean', default: false },
        stage: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    err(`${(e as Error).message}\n\n${HELP}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length === 0) {
    (positionals.length === 0 && !values.help ? err : out)(HELP);
    return values.help ? 0 : 2;
  }
  const configPath = resolve(values.config ?? process.env.PILLAR7_CONFIG ?? DEFAULT_CONFIG);
  const dataDir = resolve(process.env.PILLAR7_HOME ?? '.pillar7');
  try {
    const [command, sub, arg] = positionals;
    if (values.stage !== undefined && !values.aws) throw new UsageError('--stage only applies with --aws');
    if (values.aws) {
      if (command === 'start' || command === 'seed')
        throw new UsageError(`${command} runs on this machine only; it has no --aws mode`);
      const stage = values.stage ?? 'dev';
      if (!(STAGES as readonly string[]).includes(stage))
        throw new UsageError(`--stage must be one of ${STAGES.join(', ')}, not "${stage}"`);
      if (command !== 'config')
        return await runAgainstStack(`pillar7-${stage}`, positionals, values, configPath, out, err);
    }
    if (command === 'start') {
      const port = Number(process.env.PORT ?? 3000);
      if (!Number.isInteger(port) || port < 1 || port > 65535)
        throw new UsageError(`PORT must be a port number, not "${process.env.PORT}"`);
      await start({ configPath, once: values.once, demo: values.demo, dataDir, port, out });
      return 0;
    }
    if (command === 'console' && sub === 'link') {
      const config = loadConfigFile(configPath);
      await withLocalEnvironment(configPath, dataDir, async () => {
        const { consoleSignInLink } = await import('../local/console-link');
        const link = await consoleSignInLink(
          config,
          `http://localhost:${process.env.PORT ?? '3000'}`,
          values.as,
        );
        out(`${link.url}`);
        err(
          `One-time sign-in for ${link.email}; it works once, within ${link.minutes} minutes, while pillar7 start runs.`,
        );
      });
      return 0;
    }
    if (command === 'config' && sub === 'validate') {
      if (!arg) throw new UsageError('config validate needs a FILE');
      const config = loadConfigFile(resolve(arg));
      out(
        `${arg} is a valid trust config: ${config.trust.name}, ${config.divisions.length} divisions, ${config.objectives.length} objectives, ${config.cycles.length} cycles.`,
      );
      for (const w of configWarnings(config, dayIn(config.timezone, new Date()))) out(`warning: ${w}`);
      return 0;
    }
    if (command === 'cycle' && (sub === 'run' || sub === 'preview')) {
      const config = loadConfigFile(configPath);
      const cycleId = knownCycle(config, configPath, arg, `cycle ${sub} needs a CYCLE_ID`);
      await withLocalEnvironment(configPath, dataDir, async () => {
        const { runCycleLocally, runPreviewLocally } = await import('../local/cycle-runner');
        const steps =
          sub === 'preview'
            ? await runPreviewLocally(cycleId, (r) => err(`${r.step}: done`))
            : await runCycleLocally(cycleId, values.force, (r) => err(`${r.step}: done`));
        await reportRun(cycleId, steps, config, dataDir, out);
      });
      return 0;
    }
    if (command === 'cycle' && (sub === 'comments' || sub === 'approve' || sub === 'status')) {
      const config = loadConfigFile(configPath);
      const cycleId = knownCycle(config, configPath, arg, `cycle ${sub} needs a CYCLE_ID`);
      await withLocalEnvironment(configPath, dataDir, async () => {
        const deps = await localApprovalDeps(config);
        if (sub === 'comments') await commentsCommand(cycleId, values, deps, out);
        else if (sub === 'status') await statusCommand(cycleId, deps, out);
        else {
          await approveCommand(cycleId, values, deps);
          out(`Approved the draft of ${cycleId}. Publishing the final report and e-mailing the board…`);
          const { resumeAfterApproval } = await import('../local/cycle-runner');
          const steps = await resumeAfterApproval(cycleId, values.resend, (r) => err(`${r.step}: done`));
          await reportRun(cycleId, steps, config, dataDir, out);
        }
      });
      return 0;
    }
    if (command === 'import') {
      const { file, kind } = importArgs(sub, values.kind);
      const config = loadConfigFile(configPath);
      let summary: ImportSummary | undefined;
      try {
        await withLocalEnvironment(configPath, dataDir, async () => {
          summary = await importFile(resolve(file), kind, config);
        });
      } catch (e) {
        return refusedFile(e, file, values.json, out, err);
      }
      const s = summary!;
      if (values.json) out(JSON.stringify(s));
      else describeSummary(file, s, out);
      return s.rejected.length ? 2 : 0;
    }
    if (command === 'seed') {
      const n = Number(values.responses);
      if (!values.responses || !Number.isInteger(n) || n < 1 || n > 1_000_000)
        throw new UsageError('seed needs --responses N, a whole number from 1 to 1,000,000');
      const config = loadConfigFile(configPath);
      if (values.cycle) knownCycle(config, configPath, values.cycle, 'seed --cycle needs a CYCLE_ID');
      await withLocalEnvironment(configPath, dataDir, async () => {
        const { seedResponses } = await import('./seed-command');
        const done = await seedResponses(config, n, values.cycle);
        out(`Stored ${done.stored.toLocaleString('en-GB')} synthetic responses in cycle ${done.cycleId}.`);
      });
      return 0;
    }
    if (command === 'form' && sub === 'open') {
      if (!arg) throw new UsageError('form open needs a CYCLE_ID');
      const config = loadConfigFile(configPath);
      await withLocalEnvironment(configPath, dataDir, async () => {
        const { openFormForCycle } = await import('../../shared/feedback/open-form');
        const { feedbackDeps } = await import('../../shared/feedback/deps');
        const { form, created } = await openFormForCycle(arg, values.closes, {
          ...feedbackDeps(LOCAL_NAMES.table),
          config,
        });
        const port = process.env.PORT ?? '3000';
        out(
          `${created ? 'Opened' : 'Already open:'} the form for ${form.cycleId}, from ${form.opensOn} to ${form.closesOn}.`,
        );
        out(`link: http://localhost:${port}/f/${form.formId}  (served while pillar7 start runs)`);
      });
      return 0;
    }
    throw new UsageError(`unknown command: ${positionals.join(' ')}`);
  } catch (e) {
    if (e instanceof UsageError) {
      err(`${e.message}\n\nRun pillar7 --help for usage.`);
      return 2;
    }
    if (e instanceof ApprovalRefusedError || e instanceof NoDraftError || e instanceof AlreadyApprovedError) {
      err(`pillar7: ${e.message}`);
      return 2;
    }
    if (e instanceof ValidationError) {
      err(e.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
      return 2;
    }
    if (e instanceof ConfigError) {
      err(e.message);
      return 2;
    }
    if (e instanceof AwsTargetError) {
      err(`pillar7: ${e.message}`);
      return 1;
    }
    if (e instanceof MissingJavaError) {
      err(e.message);
      return 1;
    }
    err(`pillar7: ${(e as Error).message}`);
    return 1;
  }
}

/** The commands with --aws: the same checks on input as locally, then the deployed stack does the work. */
async function runAgainstStack(
  stackName: string,
  positionals: string[],
  values: {
    kind?: string;
    closes?: string;
    force: boolean;
    json: boolean;
    keep?: string;
    withhold?: string;
    redact?: string;
    span?: string;
    commentary?: string;
    'commentary-file'?: string;
    resend: boolean;
  },
  configPath: string,
  out: (l: string) => void,
  err: (l: string) => void,
): Promise<number> {
  const [command, sub, arg] = positionals;
  const config = loadConfigFile(configPath);
  // The stack and its data live in the region the config names, whatever the credentials default to.
  process.env.AWS_REGION = config.region;
  if (command === 'import') {
    const { file, kind } = importArgs(sub, values.kind);
    const names = await readStackNames(awsClients.cloudFormation(), stackName);
    // Checked against the deployed table first (reads only), so a file that cannot be imported is
    // refused here, and bad rows are listed now rather than found later in quarantine/.
    let summary: ImportSummary;
    try {
      summary = await importFile(
        resolve(file),
        kind,
        config,
        new EvidenceRepository(documentClient(), names.table, { dryRun: true }),
      );
    } catch (e) {
      return refusedFile(e, file, values.json, out, err);
    }
    if (summary.imported + summary.unchanged === 0 && summary.rejected.length > 0) {
      // Nothing in it could be imported: uploading it would only fill quarantine/.
      if (values.json) out(JSON.stringify(summary));
      else describeSummary(file, summary, out);
      err(`${file} was not uploaded: none of its rows can be imported.`);
      return 2;
    }
    const { key, bytes } = await uploadToInbox(s3Client(), names, resolve(file), kind);
    const uploaded = `s3://${names.bucket}/${key}`;
    if (values.json) out(JSON.stringify({ ...summary, uploaded }));
    else {
      describeSummary(`${file} (checked against the deployed table)`, summary, out);
      out(`Uploaded ${file} (${bytes.toLocaleString('en-GB')} bytes) to ${uploaded}.`);
      out(`The next gather imports it: daily (${config.schedule.gather}), and first in every cycle run.`);
    }
    return summary.rejected.length ? 2 : 0;
  }
  if (command === 'form' && sub === 'open') {
    const cycleId = knownCycle(config, configPath, arg, 'form open needs a CYCLE_ID');
    const names = await readStackNames(awsClients.cloudFormation(), stackName);
    const { form, created, link } = await openFormInStack(
      documentClient(),
      names,
      config,
      cycleId,
      values.closes,
    );
    out(
      `${created ? 'Opened' : 'Already open:'} the form for ${form.cycleId}, from ${form.opensOn} to ${form.closesOn}.`,
    );
    out(`link: ${link}`);
    return 0;
  }
  if (command === 'cycle' && sub === 'run') {
    const cycleId = knownCycle(config, configPath, arg, 'cycle run needs a CYCLE_ID');
    const names = await readStackNames(awsClients.cloudFormation(), stackName);
    const result = await runCycleInStack(
      awsClients.stepFunctions(),
      documentClient(),
      names,
      cycleId,
      values.force,
      err,
    );
    if (result.evaluation) describeEvaluation(result.evaluation, out);
    if (result.reportKey) out(`Report: s3://${names.bucket}/${result.reportKey}`);
    if (result.status === 'WAITING') {
      out(
        `Draft: waiting for a QA lead to approve it (the QA leads have been e-mailed); the board has been sent nothing.`,
      );
      out(
        `Review: pillar7 cycle comments ${cycleId} --aws; approve and send: pillar7 cycle approve ${cycleId} --aws`,
      );
      return 0;
    }
    out(
      result.output.sent
        ? `Email: sent to the board (${result.output.messageId}).`
        : `Email: already sent for ${cycleId}; nothing sent again (--force sends it again).`,
    );
    return 0;
  }
  if (command === 'cycle' && (sub === 'comments' || sub === 'approve' || sub === 'status')) {
    const cycleId = knownCycle(config, configPath, arg, `cycle ${sub} needs a CYCLE_ID`);
    const names = await readStackNames(awsClients.cloudFormation(), stackName);
    const db = documentClient();
    const deps = {
      config,
      cycles: new CycleRepository(db, names.table, Retention.of(config)),
      moderation: new ModerationRepository(db, names.table, Retention.of(config)),
      now: () => new Date(),
      today: () => dayIn(config.timezone, new Date()),
      staffNames: () =>
        staffNameTest(db, names.table, new SigningKeyRepository(db, names.table, 'staff-email')),
    };
    if (sub === 'comments') await commentsCommand(cycleId, values, deps, out);
    else if (sub === 'status') await statusCommand(cycleId, deps, out);
    else {
      const approved = await approveCommand(cycleId, values, deps);
      if (await resumeInStack(awsClients.stepFunctions(), approved))
        out(
          `Approved the draft of ${cycleId}. The cycle's run now publishes the final report and e-mails the board; pillar7 cycle status ${cycleId} --aws shows when it has gone.`,
        );
      else
        out(
          `Approved the draft of ${cycleId}, but no run is waiting for it (it was a preview); run the cycle to send: pillar7 cycle run ${cycleId} --aws.`,
        );
    }
    return 0;
  }
  throw new UsageError(`unknown command with --aws: ${positionals.join(' ')}`);
}
