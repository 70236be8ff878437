/// <reference lib="dom" />
// Proves a member of staff completes the verified flow in a real browser: link by e-mail, token blinded in the page, one response, a second refused.
import { beforeAll, describe, expect, it } from 'vitest';
import { SCREENS, useLocalStackAndBrowser, seriousFindings, WCAG_22_AA } from '../support/browser';
import { documentClient } from '../../shared/aws/dynamodb';
import { FormRepository } from '../../shared/store/forms';
import { EvidenceRepository } from '../../shared/store/evidence';
import { SigningKeyRepository } from '../../shared/store/signing-keys';
import { staffEmailHash } from '../../shared/domain/staff';
import { LOCAL_NAMES } from '../../infra/local/environment';
import { openForm } from '../support/builders';
import { responseItems } from '../support/table';
import { clearSentMails, sentMails } from '../support/ses-outbox';

const cycleId = 'verified-browser';
const form = openForm(cycleId, { access: 'verified' });

const app = useLocalStackAndBrowser();

beforeAll(async () => {
  const db = documentClient();
  await new FormRepository(db, LOCAL_NAMES.table).create(form);
  const key = await new SigningKeyRepository(db, LOCAL_NAMES.table, 'staff-email').get();
  await new EvidenceRepository(db, LOCAL_NAMES.table).upsertMany(
    'staff',
    [
      {
        emailHash: staffEmailHash(key, 'jo.bloggs@oak.example'),
        division: 'rowan-academy',
        role: 'delivery',
      },
    ],
    '2026-11-26',
  );
  await clearSentMails(app.stack.emulators.endpoints.ses);
});

const stored = () => responseItems(cycleId);

async function linkFromMail(): Promise<string> {
  for (let i = 0; i < 50; i++) {
    const mail = (await sentMails(app.stack.emulators.endpoints.ses)).find((m) =>
      JSON.stringify(m.destination).includes('jo.bloggs@oak.example'),
    );
    const link = mail && /(http:\/\/\S+\/v#[A-Za-z0-9_-]{43})/.exec(mail.body.text)?.[1];
    if (link) return link;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('no link e-mail arrived');
}

describe('the verified form in a browser', () => {
  it('asks for a work e-mail, sends a link, makes a blind token in the page, stores one response, and refuses a second', async () => {
    const context = await app.browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const started = Date.now();
    await page.goto(`${app.stack.base}/f/${form.formId}`);
    expect(await seriousFindings(page, WCAG_22_AA)).toEqual([]);
    await page.getByLabel('Your work e-mail address').fill('Jo.Bloggs@oak.example');
    await page.getByRole('button', { name: 'Send me my link' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Check your e-mail');

    const link = await linkFromMail();
    await page.goto(link);
    await expect
      .poll(() => page.locator('#status').textContent(), { timeout: 15_000 })
      .toContain('Your token is ready');
    // The link's secret has left the address bar, and the page says which group the answers count for.
    expect(page.url()).not.toContain('#');
    expect(await page.locator('#group').textContent()).toContain(
      'Rowan Academy, delivering improvement work',
    );
    expect(await seriousFindings(page, WCAG_22_AA)).toEqual([]);
    await page.screenshot({ path: `${SCREENS}/verified-ready.png`, fullPage: true });

    await page
      .getByRole('group', { name: /without fear or favour/ })
      .getByRole('radio', { name: '4 Agree' })
      .check();
    await page.getByLabel(/anything else you want to tell us/).fill('The verified link was easy.');
    await page.getByRole('button', { name: 'Send my feedback' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Thank you');
    expect(Date.now() - started).toBeLessThan(120_000);
    await page.screenshot({ path: `${SCREENS}/verified-thanks.png`, fullPage: true });

    const responses = await stored();
    expect(responses).toHaveLength(1);
    expect(responses[0]).toMatchObject({ safety: 4, division: 'rowan-academy', role: 'delivery' });

    // The same link again: used up. A new link for the same person: no second token.
    const again = await context.newPage();
    await again.goto(link);
    await expect
      .poll(() => again.locator('#status').textContent())
      .toMatch(/expired or has already been used/);
    await clearSentMails(app.stack.emulators.endpoints.ses);
    await page.goto(`${app.stack.base}/f/${form.formId}`);
    await page.getByLabel('Your work e-mail address').fill('jo.bloggs@oak.example');
    await page.getByRole('button', { name: 'Send me my link' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Check your e-mail');
    const emails = await sentMails(app.stack.emulators.endpoints.ses);
    expect(emails.map((m) => m.body.text).join('\n')).toContain('already had its one link');
    expect(await stored()).toHaveLength(1);
    await context.close();
  }, 120_000);

  it('refuses a plain HTML post to a verified form, and stores nothing', async () => {
    const res = await fetch(`${app.stack.base}/f/${form.formId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'safety=5',
    });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Please use your link');
    expect(await stored()).toHaveLength(1);
  });
});
