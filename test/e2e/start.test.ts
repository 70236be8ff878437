// Proves `pillar7 start` shows the whole product on a fresh data folder, is safe to run twice, and never leaves java behind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { simpleParser } from 'mailparser';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../infra/local/emulators';
import { exampleConfigText } from '../support/fixtures';
import { ROOT, runPillar7 } from '../support/cli-process';
import { sentMails } from '../support/ses-outbox';
let home: string;
let env: NodeJS.ProcessEnv;

const javaFor = (dir: string) =>
  spawnSync('pgrep', ['-f', `DynamoDBLocal.jar.*${dir}`], { encoding: 'utf8' }).stdout.trim();

function startCli(args: string[]): {
  child: ChildProcess;
  lines: string[];
  waitFor: (re: RegExp) => Promise<string>;
} {
  const child = spawn(process.execPath, ['bin/pillar7.js', 'start', ...args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters: { re: RegExp; resolve: (l: string) => void }[] = [];
  const onData = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      lines.push(line);
      for (const w of waiters.filter((x) => x.re.test(line))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const waitFor = (re: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const found = lines.find((l) => re.test(l));
      if (found) return resolve(found);
      waiters.push({ re, resolve });
      child.once('exit', (code) => reject(new Error(`exited ${code} before ${re}:\n${lines.join('\n')}`)));
    });
  return { child, lines, waitFor };
}

const exitOf = (child: ChildProcess) =>
  new Promise<number | null>((r) =>
    child.exitCode !== null ? r(child.exitCode) : child.once('exit', (c) => r(c)),
  );

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'pillar7-home-'));
  env = {
    ...process.env,
    PILLAR7_HOME: home,
    PORT: String(await freePort()),
    PILLAR7_DYNAMODB_PORT: String(await freePort()),
    PILLAR7_S3_PORT: String(await freePort()),
    PILLAR7_SES_PORT: String(await freePort()),
  };
});

afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('pillar7 start', () => {
  it('on first run serves the form and leaves a draft for the QA lead; approved from the CLI, exactly one board email; Ctrl-C stops everything', async () => {
    const { child, waitFor } = startCli([]);
    const form = (await waitFor(/^form: /)).split(/\s+/)[1]!;
    const ses = (await waitFor(/^ses: /)).split(/\s+/)[1]!;
    const report = (await waitFor(/^report: /)).split(/\s+/)[1]!;
    await waitFor(/^draft: +waiting for a QA lead/);
    await waitFor(/Press Ctrl-C/);

    expect((await fetch(form)).status).toBe(200);
    const html = await (await fetch(report)).text();
    expect(html).toContain('Riverbend Learning Trust');
    expect(html).toContain('DRAFT for the quality assurance lead');
    const stored = () => sentMails(ses);
    // The QA lead is told; the board has nothing yet.
    expect((await stored()).map((m) => m.subject)).toEqual([
      'Riverbend Learning Trust: the draft report of 2026-autumn is ready to review',
    ]);
    expect(javaFor(home)).not.toBe('');

    // While it runs, the QA lead's commands use its emulators: moderate what is held, approve, send.
    const cli = (...args: string[]) => runPillar7(args, env);
    const listed = cli('cycle', 'comments', '2026-autumn');
    expect(listed.status).toBe(0);
    expect(listed.stdout).toMatch(/^Cycle 2026-autumn: draft \(waiting for a QA lead to approve it\)$/m);
    const held = [...listed.stdout.matchAll(/^\[([A-Za-z0-9_-]{16})\] HELD/gm)].map((m) => m[1]!);
    if (held.length) {
      // Approval waits until every held comment is decided.
      const refused = cli('cycle', 'approve', '2026-autumn');
      expect(refused.status).toBe(2);
      expect(refused.stderr).toMatch(/still held for moderation/);
    }
    for (const id of held) expect(cli('cycle', 'comments', '2026-autumn', '--withhold', id).status).toBe(0);
    const approved = cli('cycle', 'approve', '2026-autumn', '--commentary', 'We will act on this.');
    expect(approved.status).toBe(0);
    const emailLine = /^Email: sent to the board \(.*\); as sent: (\S+\.eml)\.$/m.exec(approved.stdout);
    expect(emailLine).not.toBeNull();
    const emails = (await stored()).filter((m) => m.destination.to.join().includes('board@'));
    expect(emails).toHaveLength(1);
    expect(emails[0]!.subject).toMatch(
      /^Riverbend Learning Trust: the improvement model is judged .* for 2026-autumn$/,
    );
    // The copy on disk is the message exactly as the product built it: it opens, PDF and all.
    const saved = await simpleParser(readFileSync(emailLine![1]!));
    expect(saved.subject).toBe(emails[0]!.subject);
    expect(saved.text).toContain('From the quality assurance lead:');
    expect(saved.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      ['board-report-2026-autumn.pdf', 'application/pdf'],
    ]);
    expect(saved.attachments[0]!.content.subarray(0, 5).toString()).toBe('%PDF-');
    const status = cli('cycle', 'status', '2026-autumn');
    expect(status.stdout).toMatch(/^Cycle 2026-autumn: sent to the board$/m);

    // While it runs, other commands use its emulators rather than start a second set on the data.
    const run = cli;
    const imported = run('import', 'events/imports/demo/headcount.csv', '--kind', 'headcount', '--json');
    expect(imported.status).toBe(0);
    expect(JSON.parse(imported.stdout)).toEqual({ imported: 0, unchanged: 24, rejected: [] });
    const second = run('start', '--once');
    expect(second.status).toBe(1);
    expect(second.stderr).toContain('pillar7 is already running on');
    expect(
      spawnSync('pgrep', ['-fc', `DynamoDBLocal.jar.*${home}`], { encoding: 'utf8' }).stdout.trim(),
    ).toBe('2'); // one java and its sh guard

    child.kill('SIGINT');
    expect(await exitOf(child)).toBe(130);
    expect(javaFor(home)).toBe('');
  });

  it("never loads the fictional demo into another trust's data", () => {
    const other = mkdtempSync(join(tmpdir(), 'pillar7-other-'));
    const config = join(other, 'north-trust.yaml');
    writeFileSync(
      config,
      exampleConfigText().replace('name: Riverbend Learning Trust', 'name: North Star Academies'),
    );
    try {
      const run = runPillar7(['start', '--once', '--config', config], {
        ...env,
        PILLAR7_HOME: join(other, 'data'),
      });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('No demo data is loaded for North Star Academies');
      expect(run.stdout).not.toContain('Loaded the demo evidence');
      expect(run.stdout).not.toMatch(/^report: /m);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  }, 120_000);

  it('with --once on the same data reuses it, sends nothing again and exits 0', async () => {
    const { child, lines } = startCli(['--once']);
    expect(await exitOf(child)).toBe(0);
    const out = lines.join('\n');
    expect(out).toContain('Reusing the data in .pillar7/ from an earlier run.');
    expect(out).toMatch(/^email: +already sent for 2026-autumn/m);
    expect(javaFor(home)).toBe('');
  });

  it('runs a cycle by hand and prints a readable summary of its evaluation', () => {
    const run = runPillar7(['cycle', 'run', '2026-autumn'], env);
    expect(run.status).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('Riverbend Learning Trust: cycle 2026-autumn (2026-09-02 to 2026-12-18)');
    expect(lines[1]).toMatch(/^Overall: Concern \(red\)/);
    expect(lines.filter((l) => /^ {2}QA[1-5] /.test(l))).toHaveLength(5);
    expect(run.stdout).toContain('Sources disagree on: Innovation, research and development');
    expect(run.stdout).toContain('Email: already sent for 2026-autumn; nothing sent again');
    expect(javaFor(home)).toBe('');
  }, 60_000);

  it('opens nothing new with form open for a cycle that has its form, and moves its closing date', () => {
    const run = (...args: string[]) => runPillar7(args, env);
    // The demo serves the next cycle's form, open from today.
    const first = run('form', 'open', '2027-spring');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(
      /^Already open: the form for 2027-spring, from \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}\.$/m,
    );
    const link = /^link: (\S+)/m.exec(first.stdout)![1]!;
    expect(link).toMatch(new RegExp(`^http://localhost:${env.PORT}/f/[A-Za-z0-9_-]{24}$`));

    const moved = run('form', 'open', '2027-spring', '--closes', '31/12/2099');
    expect(moved.stdout).toContain('to 2099-12-31.');
    expect(moved.stdout).toContain(link);
    const bad = run('form', 'open', '2027-spring', '--closes', '31/02/2099');
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim()).toBe('closes: "31/02/2099" is not a real date as YYYY-MM-DD or DD/MM/YYYY');
    // The reported cycle's figures came from its closed form: it is never reopened.
    const reopen = run('form', 'open', '2026-autumn', '--closes', '31/12/2099');
    expect(reopen.status).toBe(2);
    expect(reopen.stderr).toContain('cannot be reopened or extended');
    expect(javaFor(home)).toBe('');
  }, 60_000);

  it('says in one line what to install when Java is missing', () => {
    // A PATH holding node and nothing else, wherever node and java are installed.
    const bin = mkdtempSync(join(tmpdir(), 'pillar7-nojava-'));
    symlinkSync(process.execPath, join(bin, 'node'));
    const out = runPillar7(['start', '--once'], { ...env, PATH: bin });
    rmSync(bin, { recursive: true, force: true });
    expect(out.status).toBe(1);
    expect(out.stderr.trim()).toMatch(
      /^Java 17 or newer is needed for the local DynamoDB: install it \(Debian\/Ubuntu: apt-get install -y openjdk-17-jre-headless; .*\) and run again\.$/,
    );
  });

  it('names a port already in use, and the variable that moves it, instead of crashing', async () => {
    const taken = createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', () => r()));
    const port = (taken.address() as { port: number }).port;
    const out = runPillar7(['start', '--once'], { ...env, PORT: String(port) });
    await new Promise((r) => taken.close(r));
    expect(out.status).toBe(1);
    expect(out.stderr.trim()).toBe(
      `pillar7: port ${port} (the form and console) is already in use by another program: stop it, or move the form and console with PORT, for example PORT=${port + 1} npm start`,
    );
    expect(javaFor(home)).toBe('');
  });

  it('takes java down with it even when killed outright', async () => {
    const { child, waitFor } = startCli([]);
    await waitFor(/Press Ctrl-C/);
    child.kill('SIGKILL');
    await exitOf(child);
    const deadline = Date.now() + 10_000;
    while (javaFor(home) !== '' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(javaFor(home)).toBe('');
  });
});
