import { resolve } from 'node:path';
import { loadConfigFile } from '../../shared/config/load-config';
import type { ImportSummary } from '../../shared/imports/import-rows';
import { start } from '../local/start';
import { LOCAL_NAMES } from '../local/environment';
import type { LocalRunOptions } from '../local/cycle-runner';
import { describeSummary, importArgs, importFile, refusedFile } from './import-command';
import { withLocalEnvironment } from './local-session';
import { approveCommand, commentsCommand } from './review-commands';
import { localApprovalDeps, reportRun, statusCommand } from './run-report';
import {
  commentToErase,
  knownCycle,
  UsageError,
  type CliArgs,
  type CliOptions,
  type CliOutput,
  type CommandName,
} from './usage';

/** A local cycle run's steps as they finish, and any attempt that failed (the definition's Retry decides what next). */
const progress = (err: (l: string) => void): LocalRunOptions => ({
  onStep: (r) => err(`${r.step}: done`),
  onFailedAttempt: (f) => err(`${f.step}: attempt failed (${f.error.name}: ${f.error.message})`),
});

/** Where a local command runs: the trust config it reads and the data folder the emulators keep. */
export interface LocalTarget {
  configPath: string;
  dataDir: string;
}

/** A command on this machine: its arguments and options, where it runs, where its lines go; its exit code. */
type LocalCommand = (
  args: CliArgs,
  values: CliOptions,
  target: LocalTarget,
  io: CliOutput,
) => Promise<number>;

const startCommand: LocalCommand = async (_args, values, { configPath, dataDir }, { out }) => {
  const port = Number(process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new UsageError(`PORT must be a port number, not "${process.env.PORT}"`);
  await start({ configPath, once: values.once, demo: values.demo, dataDir, port, out });
  return 0;
};

const consoleLink: LocalCommand = async (_args, values, { configPath, dataDir }, { out, err }) => {
  const config = loadConfigFile(configPath);
  await withLocalEnvironment(configPath, dataDir, async () => {
    const { consoleSignInLink } = await import('../local/console-link');
    const link = await consoleSignInLink(config, `http://localhost:${process.env.PORT ?? '3000'}`, values.as);
    out(`${link.url}`);
    err(
      `One-time sign-in for ${link.email}; it works once, within ${link.minutes} minutes, while pillar7 start runs.`,
    );
  });
  return 0;
};

/** `cycle run` and `cycle preview`: the steps on the emulators, then what came of them. */
const cycleRun =
  (sub: 'run' | 'preview'): LocalCommand =>
  async ([arg], values, { configPath, dataDir }, { out, err }) => {
    const config = loadConfigFile(configPath);
    const cycleId = knownCycle(config, configPath, arg, `cycle ${sub} needs a CYCLE_ID`);
    await withLocalEnvironment(configPath, dataDir, async () => {
      const { runCycleLocally, runPreviewLocally } = await import('../local/cycle-runner');
      const steps =
        sub === 'preview'
          ? await runPreviewLocally(cycleId, progress(err))
          : await runCycleLocally(cycleId, values.force, progress(err));
      await reportRun(cycleId, steps, config, dataDir, out);
    });
    return 0;
  };

/** `cycle comments`, `cycle approve` and `cycle status`: the QA lead's review of the draft. */
const cycleReview =
  (sub: 'comments' | 'approve' | 'status'): LocalCommand =>
  async ([arg], values, { configPath, dataDir }, { out, err }) => {
    const config = loadConfigFile(configPath);
    const cycleId = knownCycle(config, configPath, arg, `cycle ${sub} needs a CYCLE_ID`);
    await withLocalEnvironment(configPath, dataDir, async () => {
      const deps = await localApprovalDeps(config);
      if (sub === 'comments') await commentsCommand(cycleId, values, deps, out);
      else if (sub === 'status') await statusCommand(cycleId, deps, out);
      else {
        const approved = await approveCommand(cycleId, values, deps);
        out(`Approved the draft of ${cycleId}. Publishing the final report and e-mailing the board…`);
        const { resumeAfterApproval } = await import('../local/cycle-runner');
        const steps = await resumeAfterApproval(approved, progress(err));
        await reportRun(cycleId, steps, config, dataDir, out);
      }
    });
    return 0;
  };

const eraseComment: LocalCommand = async ([arg], values, { configPath, dataDir }, { out }) => {
  const config = loadConfigFile(configPath);
  const cycleId = knownCycle(config, configPath, arg, 'comments erase needs a CYCLE_ID and --comment ID');
  const comment = commentToErase(values, cycleId);
  await withLocalEnvironment(configPath, dataDir, async () => {
    const { eraseCommand, erasureDeps } = await import('./erase-command');
    // The local bucket keeps no earlier versions of a file: there are none to delete.
    const done = await eraseCommand(
      cycleId,
      { comment, reason: values.reason },
      erasureDeps(config, LOCAL_NAMES, false),
      out,
    );
    if (done.republished) {
      const { copyReportFiles } = await import('./run-report');
      out(`The copies in ${await copyReportFiles(cycleId, dataDir)} were replaced too.`);
    }
  });
  return 0;
};

const importCommand: LocalCommand = async ([arg], values, { configPath, dataDir }, { out, err }) => {
  const { file, kind } = importArgs(arg, values.kind);
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
};

const seed: LocalCommand = async (_args, values, { configPath, dataDir }, { out }) => {
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
};

const formOpen: LocalCommand = async ([arg], values, { configPath, dataDir }, { out }) => {
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
};

const restore: LocalCommand = async ([what, arg], values, { configPath, dataDir }, { out }) => {
  const config = loadConfigFile(configPath);
  const { restoreRequest, runRestore } = await import('./restore-command');
  const request = restoreRequest(what, arg, values, config, configPath);
  let code = 0;
  await withLocalEnvironment(configPath, dataDir, async () => {
    code = await runRestore(request, config, LOCAL_NAMES, out);
  });
  return code;
};

const migrate: LocalCommand = async (_args, _values, { configPath, dataDir }, { out }) => {
  await withLocalEnvironment(configPath, dataDir, async () => {
    const { migrateLayout, LAYOUT_VERSION } = await import('../../shared/ops/migrate-layout');
    const { documentClient } = await import('../../shared/aws/dynamodb');
    // Starting the local environment has already moved anything old; this says so.
    const done = await migrateLayout(documentClient(), LOCAL_NAMES.table);
    out(
      `The local table is on layout ${LAYOUT_VERSION}${done.moved ? `: moved ${done.moved} record(s)` : ''}.`,
    );
  });
  return 0;
};

/**
 * The commands that work on this machine: each loads the trust config, then runs on the emulators
 * `pillar7 start` is running on the data folder, or on emulators started for the command alone.
 * (`config validate` needs neither, and runs the same with --aws: see program.ts.)
 */
export const LOCAL_COMMANDS: Record<Exclude<CommandName, 'config validate'>, LocalCommand> = {
  start: startCommand,
  'console link': consoleLink,
  'cycle run': cycleRun('run'),
  'cycle preview': cycleRun('preview'),
  'cycle comments': cycleReview('comments'),
  'cycle approve': cycleReview('approve'),
  'cycle status': cycleReview('status'),
  'comments erase': eraseComment,
  import: importCommand,
  'form open': formOpen,
  seed,
  restore,
  migrate,
};
