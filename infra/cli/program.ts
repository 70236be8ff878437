import { resolve } from 'node:path';
import { Command, Help } from 'commander';
import { EVIDENCE_KINDS } from '../../shared/domain/evidence';
import { STAGES } from '../cdk/stages';
import { repoFile } from '../repo-root';
import { HELP } from './help';
import {
  cliOptions,
  COMMANDS,
  UsageError,
  type CliArgs,
  type CliOptions,
  type CliOutput,
  type CommandName,
} from './usage';

// Only what parsing needs is imported here: a command loads its modules (a database, AWS) when it
// runs, so `--help` and `config validate` start in a fraction of a second.

export const DEFAULT_CONFIG = repoFile('config/example-trust.yaml');

/** The commands that have no --aws mode: they need this machine's emulators. */
const LOCAL_ONLY: readonly CommandName[] = ['start', 'seed'];

/** Runs a parsed command where it belongs: on this machine, or with --aws on the deployed stack. */
async function dispatch(command: CommandName, args: CliArgs, values: CliOptions, io: CliOutput) {
  if (command === 'config validate')
    return (await import('./config-command')).validateConfig(args[0], io.out);
  const configPath = resolve(values.config ?? process.env.PILLAR7_CONFIG ?? DEFAULT_CONFIG);
  if (!values.aws) {
    const dataDir = resolve(process.env.PILLAR7_HOME ?? '.pillar7');
    const { LOCAL_COMMANDS } = await import('./local-commands');
    return LOCAL_COMMANDS[command](args, values, { configPath, dataDir }, io);
  }
  if (LOCAL_ONLY.includes(command))
    throw new UsageError(`${command} runs on this machine only; it has no --aws mode`);
  const stage = values.stage ?? 'dev';
  if (!(STAGES as readonly string[]).includes(stage))
    throw new UsageError(`--stage must be one of ${STAGES.join(', ')}, not "${stage}"`);
  const { runAgainstStack } = await import('./stack-commands');
  return runAgainstStack(command, args, values, { stackName: `pillar7-${stage}`, configPath }, io);
}

/**
 * The `pillar7` command line, parsed by commander; `done` receives the exit code of the command
 * that ran. A command names its own missing argument (`cycle run needs a CYCLE_ID`), so arguments
 * are declared optional here and checked by the command.
 */
export function pillar7Program(io: CliOutput, done: (code: number) => void): Command {
  const lines = (write: (l: string) => void) => (text: string) => write(text.replace(/\n$/, ''));
  const program: Command = new Command('pillar7')
    .exitOverride()
    // Commander's own errors are printed by main, with the pointer to --help every usage error has.
    .configureOutput({ writeOut: lines(io.out), writeErr: lines(io.err), outputError: () => {} })
    .configureHelp({
      showGlobalOptions: true,
      // The top level is the one page of every command; each command's own help is commander's.
      formatHelp: (cmd, helper) =>
        cmd === program ? HELP : Help.prototype.formatHelp.call(helper, cmd, helper),
    })
    .helpCommand(false)
    .option('--config <file>', 'the trust config (default: the example trust; PILLAR7_CONFIG works too)')
    .option('--aws', 'act on the deployed stack with your AWS credentials instead of the local emulators')
    .option('--stage <stage>', `with --aws, the stack pillar7-STAGE (${STAGES.join(' or ')}; default dev)`)
    .hook('preAction', (root) => {
      const { stage, aws } = root.opts<Partial<CliOptions>>();
      if (stage !== undefined && !aws) throw new UsageError('--stage only applies with --aws');
    });

  /** A command that runs: `words` are its name and arguments, as commander reads them. */
  const leaf = (parent: Command, words: string, description: string): Command => {
    const cmd = parent.command(words).description(description);
    const name = (parent === program ? cmd.name() : `${parent.name()} ${cmd.name()}`) as CommandName;
    if (!COMMANDS.includes(name)) throw new Error(`pillar7: "${name}" is not in COMMANDS (usage.ts)`);
    return cmd.action(async () => {
      const values = cliOptions(cmd.optsWithGlobals<Partial<CliOptions>>());
      done(await dispatch(name, cmd.processedArgs as CliArgs, values, io));
    });
  };
  /** A command that only groups others (`cycle`, `comments`, ...). */
  const group = (name: string, description: string) =>
    program.command(name).description(description).helpCommand(false);

  leaf(program, 'start', 'start the emulators, serve the form on http://localhost:$PORT (default 3000)')
    .option('--once', 'stop after the current cycle has run to a draft')
    .option('--demo', "load the fictional demo evidence on first run, whatever the trust's config");

  const cycle = group('cycle', 'run a review cycle, and review, approve and send its draft');
  leaf(
    cycle,
    'run [CYCLE_ID]',
    'gather, evaluate and publish one cycle (a draft, unless approval is automatic)',
  ).option('--force', 'judge the cycle again even if its report was sent');
  leaf(cycle, 'preview [CYCLE_ID]', "publish a draft with today's evidence; tells no one and sends nothing");
  leaf(cycle, 'comments [CYCLE_ID]', "list the draft's comments, or record a decision on a held one")
    .option('--keep <id>', 'show the comment as it is')
    .option('--withhold <id>', 'leave the comment out of the report')
    .option('--redact <id>', 'remove the words given with --span from the comment')
    .option('--span <text>', 'with --redact, the words to remove');
  leaf(cycle, 'approve [CYCLE_ID]', 'approve the draft, with words for the board, and send it once')
    .option('--commentary <text>', "the QA lead's words for the board")
    .option('--commentary-file <file>', 'the commentary, from a file')
    .option('--resend', 'confirm sending again after a send, told what changed');
  leaf(cycle, 'status [CYCLE_ID]', 'where the cycle stands: collecting, closed, draft, approved or sent');

  const comments = group('comments', "act on practitioners' comments");
  leaf(
    comments,
    'erase [CYCLE_ID]',
    'erase one comment everywhere it is kept, and reissue the report without it',
  )
    .option('--comment <id>', 'the comment, by its id from cycle comments')
    .option('--reason <text>', 'why (kept with the record of the erasure; it must not quote the comment)');

  leaf(program, 'import [FILE]', 'import a CSV or JSON evidence file')
    .option('--kind <kind>', `one of ${EVIDENCE_KINDS.join(', ')}`)
    .option('--json', 'print the summary as JSON');

  const form = group('form', "the cycle's practitioner form");
  leaf(form, 'open [CYCLE_ID]', "open the cycle's form (once per cycle) and print its link").option(
    '--closes <date>',
    'move its closing date (YYYY-MM-DD or DD/MM/YYYY)',
  );

  leaf(program, 'seed', 'store N synthetic responses, for demos and benchmarks (local only)')
    .option('--responses <n>', 'how many (1 to 1,000,000)')
    .option('--cycle <id>', 'the cycle (default: the one open today, or the latest)');

  const qaConsole = group('console', "the QA lead's console");
  leaf(qaConsole, 'link', 'print a one-time sign-in link to the local console for a QA lead').option(
    '--as <email>',
    'the QA lead (default: the first in board.qaLeads)',
  );

  const config = group('config', 'the trust config');
  leaf(config, 'validate [FILE]', 'check a trust config file and list every problem with its field');

  leaf(
    program,
    'restore [WHAT] [CYCLE_ID]',
    'restore item (a table item) or restore report CYCLE_ID (its files)',
  )
    .option('--from-table <table>', 'item: the table a point-in-time restore made')
    .option('--pk <pk>', "item: the item's partition key")
    .option('--sk <sk>', 'item: its sort key; without it, list what the live table lacks')
    .option('--check', 'report: check the files against the manifest, and write nothing');

  leaf(program, 'migrate', "move records an earlier version wrote to this version's partitions");
  return program;
}
