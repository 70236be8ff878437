import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { fileURLToPath } from 'node:url';
import { loadConfigFile } from '../../shared/config/load-config';
import { Pillar7Stack } from './stack';
import { STAGES } from './stages';
import { cdkJsonContext } from './cdk-json';

export { STAGES, type Stage } from './stages';

const DEFAULT_CONFIG = fileURLToPath(new URL('../../config/example-trust.yaml', import.meta.url));

/** Builds the app for one trust config; the tests call this too, so they check what deploys. */
export function buildApp(
  options: { configPath?: string; stage?: string; outdir?: string; context?: Record<string, unknown> } = {},
): App {
  const app = new App({ outdir: options.outdir, context: { ...cdkJsonContext(), ...options.context } });
  const stage = options.stage ?? (app.node.tryGetContext('stage') as string | undefined) ?? 'dev';
  if (!(STAGES as readonly string[]).includes(stage))
    throw new Error(`stage must be one of ${STAGES.join(', ')}, not "${stage}"`);
  const configPath =
    options.configPath ??
    (app.node.tryGetContext('config') as string | undefined) ??
    process.env.PILLAR7_CONFIG ??
    DEFAULT_CONFIG;
  const config = loadConfigFile(configPath);
  new Pillar7Stack(app, `pillar7-${stage}`, {
    config,
    description: `pillar7-qa for ${config.trust.name} (${stage})`,
    stage,
    // The trust decides where its staff's data lives (config region, eu-west-2 by default), not
    // whichever region the deploying credentials happen to default to.
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: config.region },
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
  return app;
}

/**
 * Runs a synth without CDK's "Bundling asset ..." line for each of the functions, so `cdk synth
 * --quiet` prints only problems: esbuild still prints its warnings and errors (BUNDLING.logLevel),
 * and a bundle that fails still throws, naming its asset.
 */
function withoutBundlingProgress<T>(run: () => T): T {
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: unknown, ...rest: never[]) =>
    typeof chunk === 'string' && /^Bundling asset [^\n]*\.\.\.\n$/.test(chunk)
      ? true
      : write(chunk as string, ...rest)) as typeof process.stderr.write;
  try {
    return run();
  } finally {
    process.stderr.write = write;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  withoutBundlingProgress(() => buildApp().synth());
}
