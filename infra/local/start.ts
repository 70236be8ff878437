import { createServer } from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Server } from 'node:http';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { s3Client } from '../../shared/aws/s3';
import { loadConfigFile } from '../../shared/config/load-config';
import { Pillar7Error } from '../../shared/errors';
import { startEmulators, type Emulators } from './emulators';
import { useLocalEnvironment, LOCAL_NAMES } from './environment';
import { bootstrapLocal } from './bootstrap';
import { startHttpAdapter } from './http-adapter';
import { loadHttpHandler } from './handlers';
import { importUploadsOnArrival } from './bucket-events';
import { seedDemoOnce, todayIn } from './demo';
import { runCycleLocally } from './cycle-runner';
import { consoleSignInLink } from './console-link';
import { forgetEmulators, recordEmulators, runningEmulators } from './runtime-file';

/** Another pillar7 start already runs on this data folder: two sets of emulators never share one. */
export class AlreadyRunningError extends Pillar7Error {
  static override readonly errorName = 'AlreadyRunningError';
  static override readonly kind = 'final';
}

/** A port pillar7 start needs is taken: which, what for, and the variable that moves it. */
export class PortInUseError extends Pillar7Error {
  static override readonly errorName = 'PortInUseError';
  static override readonly kind = 'final';
}

const portFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });

async function checkPortsFree(wanted: [port: number, variable: string, what: string][]): Promise<void> {
  for (const [port, variable, what] of wanted)
    if (!(await portFree(port)))
      throw new PortInUseError(
        `port ${port} (${what}) is already in use by another program: stop it, or move ${what} with ${variable}, for example ${variable}=${port + 1} npm start`,
      );
}

export interface StartOptions {
  configPath: string;
  once: boolean;
  dataDir: string;
  port: number;
  /** Load the fictional demo trust's evidence even though the config is not the example trust's. */
  demo?: boolean;
  out?: (line: string) => void;
}

/** The example trust's name: its demo evidence loads only into it, never into a real trust's data. */
export const DEMO_TRUST_NAME = 'Riverbend Learning Trust';

const DEFAULT_PORTS = { dynamodb: 8000, s3: 4569, ses: 8005 };

function envPort(name: string, fallback: number): number {
  const v = process.env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 65535)
    throw new Error(`${name} must be a port number from 1 to 65535, not "${v}"`);
  return n;
}

/**
 * `pillar7 start`: the whole product on this machine. Emulators up, table and bucket made, demo data
 * on first run, the form served, one cycle run; then either wait for Ctrl-C or, with --once, stop.
 */
export async function start(opts: StartOptions): Promise<void> {
  const out = opts.out ?? ((l: string) => console.log(l));
  const config = loadConfigFile(opts.configPath);
  mkdirSync(opts.dataDir, { recursive: true });
  let emulators: Emulators | undefined;
  let server: Server | undefined;
  const stopAll = async () => {
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    server?.closeAllConnections();
    forgetEmulators(opts.dataDir);
    await emulators?.stop();
  };
  const onSignal = (signal: NodeJS.Signals) => {
    out(`\n${signal} received: stopping the emulators…`);
    void stopAll().then(() => process.exit(130));
  };
  /** With --once, stop now; otherwise serve until Ctrl-C. */
  const untilStopped = async (): Promise<void> => {
    if (opts.once) {
      await stopAll();
      out('Done (--once): emulators stopped.');
      return;
    }
    out('Running. Press Ctrl-C to stop.');
    await new Promise<never>(() => undefined);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const running = await runningEmulators(opts.dataDir);
    if (running)
      throw new AlreadyRunningError(
        `pillar7 is already running on ${opts.dataDir} (process ${running.pid}); stop it first, or use another PILLAR7_HOME`,
      );
    const ports = {
      dynamodb: envPort('PILLAR7_DYNAMODB_PORT', DEFAULT_PORTS.dynamodb),
      s3: envPort('PILLAR7_S3_PORT', DEFAULT_PORTS.s3),
      ses: envPort('PILLAR7_SES_PORT', DEFAULT_PORTS.ses),
    };
    await checkPortsFree([
      [opts.port, 'PORT', 'the form and console'],
      [ports.dynamodb, 'PILLAR7_DYNAMODB_PORT', 'DynamoDB Local'],
      [ports.s3, 'PILLAR7_S3_PORT', 'the S3 emulator'],
      [ports.ses, 'PILLAR7_SES_PORT', 'the SES emulator'],
    ]);
    out('Starting the local emulators (DynamoDB Local, S3, SES)…');
    emulators = await startEmulators({ dataDir: opts.dataDir, ports });
    recordEmulators(opts.dataDir, emulators.endpoints);
    useLocalEnvironment(emulators.endpoints, resolve(opts.configPath), opts.dataDir);
    await bootstrapLocal(LOCAL_NAMES.table, LOCAL_NAMES.bucket);
    importUploadsOnArrival(emulators, LOCAL_NAMES.bucket);
    if (config.trust.name !== DEMO_TRUST_NAME && !opts.demo) {
      // A real trust's data: nothing fictional goes in, and nothing is run or sent on start.
      server = await startHttpAdapter(opts.port, loadHttpHandler);
      out(
        `No demo data is loaded for ${config.trust.name} (only the example trust has it; --demo loads it anyway).`,
      );
      out(
        `forms:     http://localhost:${opts.port}/f/<form id>  (pillar7 form open CYCLE_ID opens one and prints its link)`,
      );
      out(`evidence:  pillar7 import FILE --kind KIND; then pillar7 cycle run CYCLE_ID makes a draft report`);
      return await untilStopped();
    }
    const demo = await seedDemoOnce(config, LOCAL_NAMES.table, LOCAL_NAMES.bucket, todayIn(config));
    out(
      demo.seeded
        ? `Loaded the demo evidence for ${config.trust.name} (first run).`
        : 'Reusing the data in .pillar7/ from an earlier run.',
    );
    server = await startHttpAdapter(opts.port, loadHttpHandler);
    const base = `http://localhost:${opts.port}`;
    const e = emulators.endpoints;
    out(`form:      ${base}/f/${demo.formId}`);
    out(`dynamodb:  ${e.dynamodb}  (table ${LOCAL_NAMES.table})`);
    out(`s3:        ${e.s3}  (bucket ${LOCAL_NAMES.bucket}; access key S3RVER / S3RVER)`);
    out(`ses:       ${e.ses}  (outbox web view; sent mail as JSON at ${e.ses}/store)`);

    out(`Running cycle ${demo.cycleId}: gather, evaluate, publish…`);
    const steps = await runCycleLocally(demo.cycleId, false, {
      onStep: (r) => out(`  ${r.step}: ${summarise(r.output)}`),
      onFailedAttempt: (f) => out(`  ${f.step}: attempt failed (${f.error.name}: ${f.error.message})`),
    });
    const last = steps.at(-1)!;
    if (config.board.qaLeads.length) {
      const link = await consoleSignInLink(config, base);
      out(
        `console:   ${link.url}  (one-time sign-in for ${link.email}, ${link.minutes} minutes; pillar7 console link makes another)`,
      );
    }
    // Fresh copies of the report on disk on every run, replacing older ones.
    const folder = join(opts.dataDir, 'reports', demo.cycleId);
    mkdirSync(folder, { recursive: true });
    for (const name of ['report.html', 'report.pdf']) {
      const obj = await s3Client().send(
        new GetObjectCommand({ Bucket: LOCAL_NAMES.bucket, Key: `reports/${demo.cycleId}/${name}` }),
      );
      writeFileSync(join(folder, name), Buffer.from(await obj.Body!.transformToByteArray()));
    }
    const reportKey = `reports/${demo.cycleId}/report.html`;
    out(`report:    ${e.s3}/${LOCAL_NAMES.bucket}/${reportKey}  (copies in ${folder})`);
    if (last.step === 'request-approval') {
      const held = Number(last.output.held ?? 0);
      out(
        `draft:     waiting for a QA lead to approve it; the board has been sent nothing. ${held} comment(s) held for moderation.`,
      );
      out(`           the QA lead's e-mail is in the outbox: ${e.ses}/`);
      out(
        `           review: pillar7 cycle comments ${demo.cycleId}; approve and send: pillar7 cycle approve ${demo.cycleId}`,
      );
    } else {
      const notify = last.output as { sent?: boolean; messageId?: string };
      if (notify.sent && notify.messageId) {
        // The message exactly as the product built it (the emulator re-encodes what it keeps).
        const file = join(opts.dataDir, 'outbox', `${demo.cycleId}-${notify.messageId}.eml`);
        out(`email:     sent to the board: ${e.ses}/ (outbox), copy at ${file}`);
      } else {
        out(
          `email:     already sent for ${demo.cycleId} in an earlier run; nothing sent again (pillar7 cycle run ${demo.cycleId} --force makes a new draft to approve and resend)`,
        );
      }
    }
    await untilStopped();
  } catch (err) {
    await stopAll();
    throw err;
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}

function summarise(output: Record<string, unknown>): string {
  const { cycleId: _c, force: _f, ...rest } = output;
  return Object.entries(rest)
    .map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(' ');
}

/** The sent message as an .eml file: the SES emulator answers with the raw MIME as a JSON Buffer. */
