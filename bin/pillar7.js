#!/usr/bin/env node
// The pillar7 command: runs the TypeScript CLI through tsx, so the CLI and the Lambda handlers share
// one source with no build step in between.
import { register } from 'tsx/esm/api';

process.env.AWS_SDK_JS_SUPPRESS_NODE_VERSION_WARNING ??= '1';
// The SDK's own switch for the same warning, under the name this SDK version reads.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
register();
const { main } = await import('../infra/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
