import { EVIDENCE_KINDS } from '../../shared/domain/evidence';

/** `pillar7 --help`: every command on one page, as the README's table lists them. */
export const HELP = `pillar7: quality assurance of an improvement model (pillar 7)

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
  -h, --help                   this help; after a command, that command's own help

Exit codes: 0 success, 1 failure, 2 bad usage or invalid input.`;
