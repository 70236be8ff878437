#!/usr/bin/env node
// The pillar7 command. It runs the CLI compiled into dist/cli/ (built on install, and rebuilt here
// when a source is newer than the build), so a command starts as fast as Node does; where the
// build cannot run (no esbuild, as after an install without dev dependencies), it runs the
// TypeScript sources through tsx instead.
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { URL, fileURLToPath, pathToFileURL } from 'node:url';

process.env.AWS_SDK_JS_SUPPRESS_NODE_VERSION_WARNING ??= '1';
// The SDK's own switch for the same warning, under the name this SDK version reads.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const root = fileURLToPath(new URL('../', import.meta.url));
const bundle = `${root}dist/cli/pillar7.js`;

/** True when the bundle exists and no source it was built from has changed since. */
function fresh() {
  try {
    const built = statSync(bundle).mtimeMs;
    const inputs = JSON.parse(readFileSync(`${root}dist/cli/inputs.json`, 'utf8'));
    return inputs.every((file) => statSync(`${root}${file}`).mtimeMs <= built);
  } catch {
    return false;
  }
}

let entry;
if (fresh()) entry = pathToFileURL(bundle).href;
else {
  const tsx = import.meta.resolve('tsx/esm');
  const built = spawnSync(process.execPath, ['--import', tsx, `${root}infra/build/build-cli.ts`], {
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  if (built.status === 0 && fresh()) entry = pathToFileURL(bundle).href;
  else {
    const { register } = await import('tsx/esm/api');
    register();
    entry = new URL('../infra/cli/main.ts', import.meta.url).href;
  }
}
const { main } = await import(entry);
process.exitCode = await main(process.argv.slice(2));
