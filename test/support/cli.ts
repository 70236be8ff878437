import type { DescribeStacksCommandOutput } from '@aws-sdk/client-cloudformation';
import { main } from '../../infra/cli/main';

/** Runs the pillar7 command in this process, as `pillar7 ARGV...` would, keeping what it prints. */
export async function runCli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(
    argv,
    (l) => out.push(l),
    (l) => err.push(l),
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** What CloudFormation says of the deployed stack (pillar7-dev) whose outputs `--aws` reads. */
export const deployedStack = (
  outputs: Record<string, string>,
): Pick<DescribeStacksCommandOutput, 'Stacks'> => ({
  Stacks: [
    {
      StackName: 'pillar7-dev',
      StackStatus: 'UPDATE_COMPLETE',
      CreationTime: new Date(),
      Outputs: Object.entries(outputs).map(([OutputKey, OutputValue]) => ({ OutputKey, OutputValue })),
    },
  ],
});
