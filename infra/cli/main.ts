import { CommanderError } from 'commander';
import { pillar7Program } from './program';
import { UsageError } from './usage';

/** Help asked for (`--help`), or shown because a command was missing (`pillar7`, `pillar7 cycle`). */
const HELP_SHOWN = new Set(['commander.helpDisplayed', 'commander.help']);

/**
 * Runs the pillar7 command line and returns its exit code: 0 success, 1 failure, 2 bad usage or
 * invalid input (infra/cli/exit-codes.ts derives 1 and 2 from the error's kind).
 */
export async function main(
  argv: string[],
  out = (l: string) => console.log(l),
  err = (l: string) => console.error(l),
): Promise<number> {
  let code = 0;
  try {
    await pillar7Program({ out, err }, (c) => (code = c)).parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    let failure = e;
    if (e instanceof CommanderError) {
      if (HELP_SHOWN.has(e.code)) return e.exitCode === 0 ? 0 : 2;
      failure = new UsageError(e.message.replace(/^error: /, ''));
    }
    const { exitCodeFor } = await import('./exit-codes');
    return exitCodeFor(failure, err);
  }
}
