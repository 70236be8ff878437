import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { EVIDENCE_KINDS } from '../../shared/domain/evidence';
import { STAGES } from '../cdk/stages';
import { repoFile } from '../repo-root';
import { UsageError, type CliOptions } from './usage';

// Only what every command needs is imported here: the commands that reach a database or AWS load
// their modules when they run, so `--help` and `config validate` start in a fraction of a second.

export const DEFAULT_CONFIG = repoFile('config/example-trust.yaml');

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
  cycle status CYCLE_ID        where the cycle stands: collecting, closed, draft, approved or sent;
                               who approved it, who it was sent to, and every comment erased
  comments erase CYCLE_ID --comment ID [--reason TEXT]
                               erase one comment (its id from cycle comments) for data protection:
                               its text leaves the stored responses (their answers stay), the
                               evaluation and the QA lead's decision on it, and the cycle's report
                               files are published again without it; who, when and why are recorded,
                               never the text (--reason must not quote it); e-mails no one
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
  restore item --from-table TABLE --pk PK [--sk SK]
                               copy item PK/SK, exactly as stored, from a table restored to a point
                               in time into the live table, never over an item it has; without
                               --sk, list the items of partition PK the live table has lost
  restore report CYCLE_ID [--check]
                               render the cycle's report files again from its stored evaluation,
                               check each against the published manifest's sha256, and put back
                               the missing ones that match; --check writes nothing
  migrate                      move records an earlier version wrote to this version's partitions
                               (once per upgrade that says so, with --aws after cdk deploy; local
                               data is moved by itself)

Options for every command:
  --config FILE                the trust config (default: the example trust; PILLAR7_CONFIG works too)
  --aws                        act on the deployed stack with your AWS credentials instead of the
                               local emulators: import uploads to the inbox, form open prints the
                               public link, cycle run starts the cycle and follows it to the end,
                               restore acts on the deployed table and bucket
  --stage STAGE                with --aws, the stack pillar7-STAGE (dev or prod; default dev)
  -h, --help                   this help

Exit codes: 0 success, 1 failure, 2 bad usage or invalid input.`;

const OPTIONS = {
  config: { type: 'string' },
  once: { type: 'boolean', default: false },
  demo: { type: 'boolean', default: false },
  force: { type: 'boolean', default: false },
  keep: { type: 'string' },
  withhold: { type: 'string' },
  redact: { type: 'string' },
  span: { type: 'string' },
  comment: { type: 'string' },
  reason: { type: 'string' },
  commentary: { type: 'string' },
  'commentary-file': { type: 'string' },
  resend: { type: 'boolean', default: false },
  as: { type: 'string' },
  closes: { type: 'string' },
  kind: { type: 'string' },
  responses: { type: 'string' },
  cycle: { type: 'string' },
  json: { type: 'boolean', default: false },
  'from-table': { type: 'string' },
  pk: { type: 'string' },
  sk: { type: 'string' },
  check: { type: 'boolean', default: false },
  aws: { type: 'boolean', default: false },
  stage: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export async function main(
  argv: string[],
  out = (l: string) => console.log(l),
  err = (l: string) => console.error(l),
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  } catch (e) {
    err(`${(e as Error).message}\n\n${HELP}`);
    return 2;
  }
  const { positionals } = parsed;
  const values: CliOptions = parsed.values;
  if (values.help || positionals.length === 0) {
    (positionals.length === 0 && !values.help ? err : out)(HELP);
    return values.help ? 0 : 2;
  }
  const configPath = resolve(values.config ?? process.env.PILLAR7_CONFIG ?? DEFAULT_CONFIG);
  const dataDir = resolve(process.env.PILLAR7_HOME ?? '.pillar7');
  try {
    const [command, sub, arg] = positionals;
    if (values.stage !== undefined && !values.aws) throw new UsageError('--stage only applies with --aws');
    if (command === 'config' && sub === 'validate')
      return (await import('./config-command')).validateConfig(arg, out);
    if (values.aws) {
      if (command === 'start' || command === 'seed')
        throw new UsageError(`${command} runs on this machine only; it has no --aws mode`);
      const stage = values.stage ?? 'dev';
      if (!(STAGES as readonly string[]).includes(stage))
        throw new UsageError(`--stage must be one of ${STAGES.join(', ')}, not "${stage}"`);
      const { runAgainstStack } = await import('./stack-commands');
      return await runAgainstStack(`pillar7-${stage}`, positionals, values, configPath, out, err);
    }
    const { runLocally } = await import('./local-commands');
    return await runLocally(positionals, values, { configPath, dataDir }, { out, err });
  } catch (e) {
    if (e instanceof UsageError) {
      err(`${e.message}\n\nRun pillar7 --help for usage.`);
      return 2;
    }
    const { exitCodeFor } = await import('./exit-codes');
    return exitCodeFor(e, err);
  }
}
