import { spawnSync } from 'node:child_process';
import { ROOT } from '../../infra/build/bundling';
import type { BenchRow } from './report';

const RUNS = 11;
/** The budget for a command that needs no database: half a second, from a fresh process. */
const BUDGET_MS = 500;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const COMMANDS = {
  'node -e 0': ['-e', '0'],
  'pillar7 --help': ['bin/pillar7.js', '--help'],
  'pillar7 config validate': ['bin/pillar7.js', 'config', 'validate', 'config/example-trust.yaml'],
} as const;

/**
 * Starts the pillar7 command as a user does, RUNS times, interleaved with `node -e 0` (Node's own
 * start, the reference) so a busy moment falls on all alike; the figure is the median wall time.
 * A first call outside the measurement builds the CLI if a source is newer than its build.
 */
export function benchCliStart(): BenchRow[] {
  const env = { ...process.env, PILLAR7_HOME: '/nonexistent' };
  const run = (args: readonly string[]) => {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { cwd: ROOT, env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
    return Number(process.hrtime.bigint() - t0) / 1e6;
  };
  run(COMMANDS['pillar7 --help']);
  const times: Record<string, number[]> = {};
  for (let i = 0; i < RUNS; i += 1)
    for (const [name, args] of Object.entries(COMMANDS)) (times[name] ??= []).push(run(args));
  const node = median(times['node -e 0']!);
  return Object.keys(COMMANDS).map((name) => {
    const ms = median(times[name]!);
    return name === 'node -e 0'
      ? {
          figure: 'CLI start: node -e 0 (the reference)',
          value: `${ms.toFixed(0)} ms`,
          budget: '-',
          pass: null,
        }
      : {
          figure: `CLI start: ${name}`,
          value: `${ms.toFixed(0)} ms = ${(ms / node).toFixed(1)}x node -e 0`,
          budget: `< ${BUDGET_MS} ms`,
          pass: ms < BUDGET_MS,
        };
  });
}
