/// <reference lib="dom" />
// Proves a QA lead runs the cycle from the console in a real browser: sign in, upload a messy evidence file and see its rejected rows, moderate a held comment, approve, and exactly one board e-mail; the same actions without a session or from another site change nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import { SCREENS, useLocalStackAndBrowser, seriousFindings } from '../support/browser';
import { documentClient } from '../../shared/aws/dynamodb';
import { ResponseRepository } from '../../shared/store/responses';
import { CycleRepository } from '../../shared/store/cycles';
import { LOCAL_NAMES } from '../../infra/local/environment';
import { response, times } from '../support/builders';
import { exampleConfigWithCycleAroundToday } from '../support/fixtures';
import { addDays } from '../../shared/domain/dates';
import { dayIn } from '../../shared/domain/anonymity';
import { loadConfigFile } from '../../shared/config/load-config';
import { isBoardMail, sentMails } from '../support/ses-outbox';

// The QA lead works on a cycle that is under way, so the example trust's cycles are replaced by one
// around today: the test proves the same on every day it is run, after the example's last cycle too.
const CYCLE = 'this-term';
const configPath = exampleConfigWithCycleAroundToday(CYCLE, 60, 30);
const today = dayIn('Europe/London', new Date());
const inTheCycle = (daysAgo: number) => addDays(today, -daysAgo);

const boardMails = async () =>
  (await sentMails(app.stack.emulators.endpoints.ses)).filter(isBoardMail(CYCLE));
const run = () => new CycleRepository(documentClient(), LOCAL_NAMES.table).getRun(CYCLE);
const signInLink = async () => {
  const { consoleSignInLink } = await import('../../infra/local/console-link');
  return (await consoleSignInLink(loadConfigFile(configPath), app.stack.base)).url;
};

const app = useLocalStackAndBrowser(configPath);

beforeAll(async () => {
  const repo = new ResponseRepository(documentClient(), LOCAL_NAMES.table);
  for (const r of times(12, (i) =>
    response({
      cycleId: CYCLE,
      safety: 4,
      influence: 3,
      comment:
        i === 0 ? 'Mrs Smith in Year 4 is great.' : i === 1 ? 'Peer review <b>helped</b> us.' : undefined,
    }),
  ))
    await repo.add(r);
  const { runCycleLocally } = await import('../../infra/local/cycle-runner');
  await runCycleLocally(CYCLE);
}, 120_000);

describe('the QA lead console', () => {
  it('refuses every action without a session, and changes nothing', async () => {
    const before = await run();
    for (const [method, path, body] of [
      ['GET', '/console', undefined],
      ['GET', `/console/cycles/${CYCLE}`, undefined],
      ['POST', `/console/cycles/${CYCLE}/approve`, 'commentary=x'],
      ['POST', `/console/cycles/${CYCLE}/comments`, 'commentId=x&action=keep'],
      ['POST', `/console/cycles/${CYCLE}/form`, ''],
      ['GET', `/console/cycles/${CYCLE}/report/report.pdf`, undefined],
      ['GET', '/console/evidence', undefined],
      ['GET', `/console/evidence?file=${encodeURIComponent('inbox/kpis/x.csv')}`, undefined],
    ] as const) {
      const res = await fetch(`${app.stack.base}${path}`, {
        method,
        redirect: 'manual',
        headers: body !== undefined ? { 'content-type': 'application/x-www-form-urlencoded' } : {},
        body,
      });
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(await res.text()).toContain('Please sign in');
    }
    // A forged cookie is no session either.
    const forged = await fetch(`${app.stack.base}/console`, {
      headers: { cookie: 'p7_console=eyJlbWFpbCI6InFhIn0.forged' },
    });
    expect(forged.status).toBe(401);
    expect(await run()).toEqual(before);
    expect(await boardMails()).toHaveLength(0);
  });

  it('signs in once per link, moderates, approves and sends exactly one board e-mail, accessibly', async () => {
    const context = await app.browser.newContext({ viewport: { width: 1024, height: 900 } });
    const page = await context.newPage();
    const link = await signInLink();
    await page.goto(link);
    expect(new URL(page.url()).pathname).toBe('/console');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Riverbend Learning Trust',
    );
    expect(await seriousFindings(page)).toEqual([]);
    // The link is spent: a second use signs no one in.
    expect((await fetch(link, { redirect: 'manual' })).status).toBe(401);

    // Upload a messy evidence file straight to the inbox: it is imported at once, and its bad rows listed.
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Evidence' }).click();
    expect(await seriousFindings(page)).toEqual([]);
    const upload = page.locator('form[data-upload]', {
      has: page.getByRole('heading', { name: 'Peer reviews (one row per review and pillar)' }),
    });
    await upload.getByLabel('File').setInputFiles({
      name: 'autumn reviews.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        [
          'review_id,date,division,pillar,rating,reviewer_type',
          `PR-UP-1,${inTheCycle(20)},oak-primary,7,3,external`,
          'PR-UP-2,2026-13-01,oak-primary,7,3,external',
          '',
          `PR-UP-3,${inTheCycle(19)},nowhere-school,7,9,external`,
        ].join('\n'),
      ),
    });
    await upload.getByRole('button', { name: 'Upload' }).click();
    const result = page.getByRole('status').getByRole('region', { name: 'Import of autumn reviews.csv' });
    await result.waitFor({ timeout: 60_000 });
    expect(await result.textContent()).toContain('1 imported, 0 unchanged, 2 rows rejected (3 problems).');
    const rejected = result.getByRole('table', { name: /Rejected rows/ });
    expect(await rejected.getByRole('row', { name: /^3 date/ }).count()).toBe(1);
    expect(await rejected.getByRole('row', { name: /^5 division/ }).count()).toBe(1);
    expect(await seriousFindings(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENS}/console-evidence.png`, fullPage: true });
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Cycles' }).click();

    await page.getByRole('link', { name: CYCLE }).click();
    await expect(page.getByText('draft (waiting for a QA lead to approve it)')).toBeDefined();
    expect(await page.locator('blockquote', { hasText: 'Peer review <b>helped</b> us.' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Approve and send to the board' }).isDisabled()).toBe(true);
    expect(await seriousFindings(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENS}/console-cycle-draft.png`, fullPage: true });

    // Open the cycle's form from the console: its link, and responses so far by school, banded.
    await page.getByRole('button', { name: 'Open the form for this cycle' }).click();
    await page.getByText('The form is open.').waitFor();
    const table = page.getByRole('table', { name: /Responses so far, by school/ });
    expect(await table.getByRole('row', { name: /Oak Primary/ }).textContent()).toMatch(/10 or more$/);
    expect(await table.getByRole('row', { name: /Not given/ }).textContent()).toMatch(/fewer than 5$/);
    expect(await page.getByRole('link', { name: /\/f\/[A-Za-z0-9_-]{24}$/ }).count()).toBe(1);
    // The poster: the link and its QR code, which loads as an image.
    await page.getByRole('link', { name: 'A poster for the staffroom, with a QR code' }).click();
    const qr = page.getByRole('img', { name: 'QR code for the feedback form' });
    await qr.waitFor();
    await expect
      .poll(() => qr.evaluate((img) => (img as HTMLImageElement).naturalWidth))
      .toBeGreaterThan(100);
    expect(await seriousFindings(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENS}/console-poster.png`, fullPage: true });
    await page.goBack();

    const held = page.locator('article.held');
    expect(await held.count()).toBe(1);
    await held.getByLabel('Remove some words:').check();
    await held.getByLabel('Words to remove').fill('Mrs Smith');
    await held.getByRole('button', { name: 'Save decision' }).click();
    await page.getByText('Your decision on the comment is saved.').waitFor();
    expect(await page.locator('article.held').count()).toBe(0);

    await page.getByLabel(/Your words for the board/).fill('We will act on workload first.');
    await page.getByRole('button', { name: 'Approve and send to the board' }).click();
    await page.getByText('Approved. The final report is published and the board e-mailed, once.').waitFor();
    await page.screenshot({ path: `${SCREENS}/console-cycle-sent.png`, fullPage: true });
    expect(await seriousFindings(page)).toEqual([]);

    const mails = await boardMails();
    expect(mails).toHaveLength(1);
    expect(mails[0]!.body.text).toContain('We will act on workload first.');
    expect(await run()).toMatchObject({ approvedBy: 'qa.lead@riverbend-trust.example' });
    // The report link opens the approved report, with the redaction.
    const report = await (
      await page.request.get(`${app.stack.base}/console/cycles/${CYCLE}/report/report.html`)
    ).text();
    expect(report).toContain('[removed] in Year 4 is great.');
    expect(report).not.toContain('DRAFT for the quality assurance lead');

    // Signed in, a post from another site is still refused, and changes nothing.
    const cookies = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const cross = await fetch(`${app.stack.base}/console/cycles/${CYCLE}/approve`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        cookie: cookies,
        'content-type': 'application/x-www-form-urlencoded',
        'sec-fetch-site': 'cross-site',
        origin: 'https://evil.example',
      },
      body: 'commentary=pwned&resend=yes',
    });
    expect(cross.status).toBe(403);
    expect(await boardMails()).toHaveLength(1);
    await context.close();
  }, 180_000);
});
