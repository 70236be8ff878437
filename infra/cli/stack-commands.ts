import { resolve } from 'node:path';
import { loadConfigFile } from '../../shared/config/load-config';
import type { ImportSummary } from '../../shared/imports/import-rows';
import type { TrustConfig } from '../../shared/schemas/config';
import { EvidenceRepository } from '../../shared/store/evidence';
import { SigningKeyRepository } from '../../shared/store/signing-keys';
import { staffNameTest } from '../../shared/store/staff-names';
import { CycleRepository } from '../../shared/store/cycles';
import { ModerationRepository } from '../../shared/store/moderation';
import { documentClient } from '../../shared/aws/dynamodb';
import { s3Client } from '../../shared/aws/s3';
import { dayIn } from '../../shared/domain/anonymity';
import { Retention } from '../../shared/domain/retention';
import { describeEvaluation } from './cycle-summary';
import { describeSummary, importArgs, importFile, refusedFile } from './import-command';
import { approveCommand, commentsCommand } from './review-commands';
import { statusCommand } from './run-report';
import {
  commentToErase,
  knownCycle,
  UsageError,
  type CliArgs,
  type CliOptions,
  type CliOutput,
  type CommandName,
} from './usage';
import {
  awsClients,
  openFormInStack,
  readStackNames,
  resumeInStack,
  runCycleInStack,
  uploadToInbox,
} from './aws-commands';

/** The deployed stack a command acts on, and the trust config it was deployed with. */
interface StackTarget {
  stackName: string;
  config: TrustConfig;
  configPath: string;
}

/** A command with --aws: the same checks on input as locally, then the deployed stack does the work. */
type StackCommand = (
  args: CliArgs,
  values: CliOptions,
  target: StackTarget,
  io: CliOutput,
) => Promise<number>;

const stackNames = (stackName: string) => readStackNames(awsClients.cloudFormation(), stackName);

const importCommand: StackCommand = async ([arg], values, { stackName, config }, { out, err }) => {
  const { file, kind } = importArgs(arg, values.kind);
  const names = await stackNames(stackName);
  // Checked against the deployed table first (reads only), so a file that cannot be imported is
  // refused here, and bad rows are listed now rather than found later in quarantine/.
  let summary: ImportSummary;
  try {
    summary = await importFile(
      resolve(file),
      kind,
      config,
      new EvidenceRepository(documentClient(), names.table, { dryRun: true }),
      names.table,
      true,
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
};

const formOpen: StackCommand = async ([arg], values, { stackName, config, configPath }, { out }) => {
  const cycleId = knownCycle(config, configPath, arg, 'form open needs a CYCLE_ID');
  const names = await stackNames(stackName);
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
};

const cycleRun: StackCommand = async ([arg], values, { stackName, config, configPath }, { out, err }) => {
  const cycleId = knownCycle(config, configPath, arg, 'cycle run needs a CYCLE_ID');
  const names = await stackNames(stackName);
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
};

/** `cycle comments`, `cycle approve` and `cycle status` on the deployed table. */
const cycleReview =
  (sub: 'comments' | 'approve' | 'status'): StackCommand =>
  async ([arg], values, { stackName, config, configPath }, { out }) => {
    const cycleId = knownCycle(config, configPath, arg, `cycle ${sub} needs a CYCLE_ID`);
    const names = await stackNames(stackName);
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
  };

const eraseComment: StackCommand = async ([arg], values, { stackName, config, configPath }, { out }) => {
  const cycleId = knownCycle(config, configPath, arg, 'comments erase needs a CYCLE_ID and --comment ID');
  const comment = commentToErase(values, cycleId);
  const names = await stackNames(stackName);
  const { eraseCommand, erasureDeps } = await import('./erase-command');
  await eraseCommand(cycleId, { comment, reason: values.reason }, erasureDeps(config, names, true), out);
  return 0;
};

const migrate: StackCommand = async (_args, _values, { stackName }, { out, err }) => {
  const names = await stackNames(stackName);
  const { migrateLayout, LAYOUT_VERSION } = await import('../../shared/ops/migrate-layout');
  const done = await migrateLayout(documentClient(), names.table, (scanned, moved) =>
    err(`  ${scanned.toLocaleString('en-GB')} records read, ${moved.toLocaleString('en-GB')} moved`),
  );
  out(
    done.alreadyCurrent
      ? `${names.table} is already on layout ${LAYOUT_VERSION}: nothing to move.`
      : `${names.table} is now on layout ${LAYOUT_VERSION}: moved ${done.moved.toLocaleString('en-GB')} record(s).`,
  );
  return 0;
};

const restore: StackCommand = async ([what, arg], values, { stackName, config, configPath }, { out }) => {
  const { restoreRequest, runRestore } = await import('./restore-command');
  const request = restoreRequest(what, arg, values, config, configPath);
  const names = await stackNames(stackName);
  return runRestore(request, config, names, out);
};

const STACK_COMMANDS: Partial<Record<CommandName, StackCommand>> = {
  import: importCommand,
  'form open': formOpen,
  'cycle run': cycleRun,
  'cycle comments': cycleReview('comments'),
  'cycle approve': cycleReview('approve'),
  'cycle status': cycleReview('status'),
  'comments erase': eraseComment,
  migrate,
  restore,
};

/** Runs a command with --aws against the stack named, in the region the trust config names. */
export async function runAgainstStack(
  command: CommandName,
  args: CliArgs,
  values: CliOptions,
  target: Omit<StackTarget, 'config'>,
  io: CliOutput,
): Promise<number> {
  const config = loadConfigFile(target.configPath);
  // The stack and its data live in the region the config names, whatever the credentials default to.
  process.env.AWS_REGION = config.region;
  const run = STACK_COMMANDS[command];
  if (!run)
    throw new UsageError(`unknown command with --aws: ${[command, ...args].filter(Boolean).join(' ')}`);
  return run(args, values, { ...target, config }, io);
}
