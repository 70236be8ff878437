import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { dirname, join } from 'node:path';
import { tmpdir } from 'node:os';
import S3rver from 's3rver';
import sesModule from 'aws-ses-v2-local';
import { retry } from '../../shared/retry';
import { Pillar7Error } from '../../shared/errors';

const require = createRequire(import.meta.url);

export interface Endpoints {
  dynamodb: string;
  s3: string;
  ses: string;
}

export interface Emulators {
  endpoints: Endpoints;
  /** Calls back when an object lands in the S3 emulator: the bucket notification of the cloud. */
  onObjectCreated(listener: (bucket: string, key: string) => void): void;
  stop(): Promise<void>;
}

export interface EmulatorOptions {
  /** Where DynamoDB and S3 keep their data; omitted, everything is in memory or a temp folder. */
  dataDir?: string;
  ports?: Partial<Record<keyof Endpoints, number>>;
}

/** No Java to run the local DynamoDB: the message says what to install. */
export class MissingJavaError extends Pillar7Error {
  static override readonly errorName = 'MissingJavaError';
  static override readonly kind = 'final';
  constructor() {
    super(
      'Java 17 or newer is needed for the local DynamoDB: install it (Debian/Ubuntu: apt-get install -y openjdk-17-jre-headless; macOS: brew install openjdk@17) and run again.',
    );
  }
}

export function checkJava(): void {
  const out = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (out.error || out.status !== 0) throw new MissingJavaError();
}

/** A free loopback port, for tests that must not collide with a running `pillar7 start`. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv: Server = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function waitFor(
  what: string,
  url: string,
  ok: (status: number) => boolean,
  child?: ChildProcess,
  timeoutMs = 60_000,
) {
  await retry(
    async () => {
      if (child && child.exitCode !== null)
        throw new Error(`${what} exited during start-up (code ${child.exitCode})`);
      try {
        const res = await fetch(url, { method: 'GET', signal: AbortSignal.timeout(1000) });
        return ok(res.status);
      } catch {
        return false; // not listening yet
      }
    },
    {
      attempts: Infinity,
      withinMs: timeoutMs,
      delayMs: 200,
      factor: 1,
      done: (up) => up,
      giveUp: () => new Error(`${what} did not answer at ${url} within ${timeoutMs / 1000}s`),
    },
  );
}

/**
 * DynamoDB Local runs under a shell that kills it when our stdin closes: if this process dies in any
 * way, even SIGKILL, the pipe closes and the JVM goes with it. No orphaned java, ever.
 */
function startDynamoDb(port: number, dataDir?: string): ChildProcess {
  const dir = join(dirname(require.resolve('amplify-dynamodb-simulator/package.json')), 'emulator');
  const storage = dataDir ? ['-dbPath', dataDir] : ['-inMemory'];
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const args = [
    `-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`,
    '-Xmx512m',
    '-jar',
    join(dir, 'DynamoDBLocal.jar'),
    '-sharedDb',
    ...storage,
    '-port',
    String(port),
  ];
  const quoted = args.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const script = `java ${quoted} >/dev/null 2>&1 & j=$!; trap 'kill $j 2>/dev/null; wait $j 2>/dev/null' EXIT INT TERM; cat >/dev/null; exit 0`;
  // DynamoDB Local writes a metadata file into its working directory: keep it out of the project.
  return spawn('sh', ['-c', script], { stdio: ['pipe', 'ignore', 'inherit'], cwd: dataDir ?? tmpdir() });
}

export async function startEmulators(options: EmulatorOptions = {}): Promise<Emulators> {
  checkJava();
  const ports = {
    dynamodb: options.ports?.dynamodb ?? (await freePort()),
    s3: options.ports?.s3 ?? (await freePort()),
    ses: options.ports?.ses ?? (await freePort()),
  };
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const s of stops.splice(0).reverse()) await s().catch(() => undefined);
  };
  try {
    const java = startDynamoDb(ports.dynamodb, options.dataDir && join(options.dataDir, 'dynamodb'));
    stops.push(
      () =>
        new Promise<void>((resolve) => {
          if (java.exitCode !== null) return resolve();
          java.once('exit', () => resolve());
          java.stdin?.end();
          setTimeout(() => java.kill('SIGKILL'), 5000).unref();
        }),
    );

    const s3Dir = options.dataDir
      ? join(options.dataDir, 's3')
      : join(tmpdir(), `pillar7-s3-${process.pid}-${ports.s3}`);
    mkdirSync(s3Dir, { recursive: true });
    const s3 = new S3rver({
      port: ports.s3,
      address: '127.0.0.1',
      directory: s3Dir,
      silent: true,
      allowMismatchedSignatures: true,
      resetOnClose: !options.dataDir,
    });
    await s3.run();
    stops.push(() => s3.close());

    const startSes = (sesModule as unknown as { default?: typeof sesModule }).default ?? sesModule;
    const ses = await startSes({ host: '127.0.0.1', port: ports.ses });
    stops.push(() => new Promise<void>((resolve) => ses.close(() => resolve())));

    const endpoints = {
      dynamodb: `http://127.0.0.1:${ports.dynamodb}`,
      s3: `http://127.0.0.1:${ports.s3}`,
      ses: `http://127.0.0.1:${ports.ses}`,
    };
    // DynamoDB Local answers an unsigned GET with 400: that means it is up.
    await waitFor('DynamoDB Local', endpoints.dynamodb, (s) => s === 400, java);
    await waitFor('S3 emulator', `${endpoints.s3}/`, (s) => s < 500);
    await waitFor('SES emulator', `${endpoints.ses}/health-check`, (s) => s === 200);
    const onObjectCreated = (listener: (bucket: string, key: string) => void) =>
      void s3.on('event', (event) => {
        for (const r of event.Records)
          if (r.eventName.startsWith('ObjectCreated:')) listener(r.s3.bucket.name, r.s3.object.key);
      });
    return { endpoints, onObjectCreated, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
