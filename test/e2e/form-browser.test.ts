/// <reference lib="dom" />
// Proves a person can give feedback in a real browser, with or without JavaScript, and that every page passes axe.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserContext, type Page } from 'playwright-core';
import { SCREENS, useLocalStackAndBrowser, seriousFindings, WCAG_22_AA } from '../support/browser';
import { documentClient } from '../../shared/aws/dynamodb';
import { FormRepository } from '../../shared/store/forms';
import { LOCAL_NAMES } from '../../infra/local/environment';
import { newFormId } from '../../shared/domain/forms';
import { MIN_FILL_MS } from '../../shared/feedback/render-token';
import { evaluationOf, openForm, response, times } from '../support/builders';
import { exampleConfig } from '../support/fixtures';
import { CycleRepository } from '../../shared/store/cycles';
import { responseItems } from '../support/table';

let formUrl: string;
const cycleId = 'browser-cycle';

const app = useLocalStackAndBrowser();

beforeAll(async () => {
  const formId = newFormId();
  await new FormRepository(documentClient(), LOCAL_NAMES.table).create(openForm(cycleId, { formId }));
  formUrl = `${app.stack.base}/f/${formId}`;
});

const stored = () => responseItems(cycleId);

async function fillLikeAPerson(page: Page) {
  await page
    .getByRole('group', { name: '1. Vision for improvement' })
    .getByRole('radio', { name: '4 Agree' })
    .check();
  await page
    .getByRole('group', { name: '6. Innovation, research and development' })
    .getByRole('radio', { name: '2 Disagree' })
    .check();
  await page
    .getByRole('group', { name: /without fear or favour/ })
    .getByRole('radio', { name: '5 Strongly agree' })
    .check();
  await page.getByLabel('Your role in improvement work').selectOption({ label: 'I lead improvement work' });
  await page.getByLabel('Where you work').selectOption({ label: 'Rowan Academy' });
  await page
    .getByLabel(/anything else you want to tell us/)
    .fill('Peer reviews helped us. Call me on 07700 900123.');
}

async function submitAfterMinimumFillTime(page: Page, loadedAt: number) {
  const wait = MIN_FILL_MS + 300 - (Date.now() - loadedAt);
  if (wait > 0) await page.waitForTimeout(wait);
  await Promise.all([
    page.waitForLoadState('load'),
    page.getByRole('button', { name: 'Send my feedback' }).click(),
  ]);
  await page.waitForSelector('h1');
}

describe.each([
  ['with JavaScript', true],
  ['without JavaScript', false],
])('the feedback form %s', (label, javaScriptEnabled) => {
  let context: BrowserContext;
  beforeAll(async () => {
    context = await app.browser.newContext({ javaScriptEnabled, viewport: { width: 390, height: 844 } });
  });
  afterAll(async () => context?.close());

  it('is filled in by its labels and sent, and the answers are stored', async () => {
    const before = (await stored()).length;
    const page = await context.newPage();
    await page.goto(formUrl);
    const loadedAt = Date.now();
    expect(await page.title()).toMatch(/^Feedback on the improvement model/);
    await fillLikeAPerson(page);
    await submitAfterMinimumFillTime(page, loadedAt);

    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Thank you');
    const after = await stored();
    expect(after).toHaveLength(before + 1);
    expect(
      after.some(
        (r) =>
          r.role === 'leadership' &&
          r.division === 'rowan-academy' &&
          r.ratings.vision === 4 &&
          r.safety === 5 &&
          r.comment === 'Peer reviews helped us. Call me on [removed].',
      ),
    ).toBe(true);
    await page.close();
  }, 60_000);

  it(`keeps every answer when the form comes back with an error (${label})`, async () => {
    const before = (await stored()).length;
    const page = await context.newPage();
    await page.goto(formUrl);
    const loadedAt = Date.now();
    await page
      .getByLabel('Your role in improvement work')
      .selectOption({ label: 'I deliver improvement work' });
    await page.getByLabel('Where you work').selectOption({ label: 'Oak Primary School' });
    await submitAfterMinimumFillTime(page, loadedAt);

    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('You have not answered anything yet.');
    expect(await page.title()).toMatch(/^Error: /);
    expect(await page.getByLabel('Your role in improvement work').inputValue()).toBe('delivery');
    expect(await page.getByLabel('Where you work').inputValue()).toBe('oak-primary');
    expect(await stored()).toHaveLength(before);
    await page.close();
  }, 60_000);
});

describe('accessibility and looks', () => {
  it('finds no serious or critical axe violation on the form, error and thank-you pages, at phone and desktop widths', async () => {
    for (const [width, height, name] of [
      [390, 844, 'phone'],
      [1280, 900, 'desktop'],
    ] as const) {
      const context = await app.browser.newContext({ viewport: { width, height } });
      const page = await context.newPage();
      await page.goto(formUrl);
      const loadedAt = Date.now();
      expect(await seriousFindings(page, WCAG_22_AA)).toEqual([]);
      await page.screenshot({ path: `${SCREENS}/form-${name}.png`, fullPage: true });

      await page
        .getByRole('group', { name: '2. Capacity' })
        .getByRole('radio', { name: '3 Neither' })
        .check();
      await page.evaluate(() => {
        const box = document.querySelector('textarea')!;
        box.removeAttribute('maxlength');
        box.value = 'x'.repeat(2001);
      });
      await submitAfterMinimumFillTime(page, loadedAt);
      await expect
        .poll(() => page.getByRole('alert').textContent())
        .toContain('Your comment: Please shorten your comment to 2000 characters or fewer.');
      expect(
        await page
          .getByRole('group', { name: '2. Capacity' })
          .getByRole('radio', { name: '3 Neither' })
          .isChecked(),
      ).toBe(true);
      expect(await seriousFindings(page, WCAG_22_AA)).toEqual([]);
      await page.screenshot({ path: `${SCREENS}/error-${name}.png`, fullPage: true });

      const again = Date.now(); // the error page carries a fresh token
      await page.getByLabel(/anything else you want to tell us/).fill('Shorter now.');
      await submitAfterMinimumFillTime(page, again);
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Thank you');
      expect(await seriousFindings(page, WCAG_22_AA)).toEqual([]);
      await page.screenshot({ path: `${SCREENS}/thanks-${name}.png`, fullPage: true });
      await context.close();
    }
  }, 120_000);
});

describe('the feedback form on a small screen', () => {
  it('reflows at 320 px with text at 200%: no sideways scrolling, every label whole, an answer can be cleared', async () => {
    const context = await app.browser.newContext({ viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    await page.goto(formUrl);
    await page.addStyleTag({ content: 'html{font-size:200% !important}' });
    const loadedAt = Date.now();
    // The first screen says the promise in two lines; the full notice is one tap away.
    expect(await page.getByText(/No name, e-mail, time or device is stored/).isVisible()).toBe(true);
    expect(await page.getByText(/a random number that identifies the answers/).isVisible()).toBe(false);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    const group = page.getByRole('group', { name: '2. Capacity' });
    for (const name of ['1 Strongly disagree', '5 Strongly agree', "Can't judge (or clear my answer)"]) {
      const box = await group.getByRole('radio', { name }).locator('xpath=..').boundingBox();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(320);
    }
    expect(await seriousFindings(page, WCAG_22_AA)).toEqual([]);
    await page.screenshot({ path: `${SCREENS}/form-320-200pct.png` });
    await group.screenshot({ path: `${SCREENS}/form-320-200pct-question.png` });
    // Chosen, then cleared with "Can't judge": only the other answer is stored.
    const beforeIds = (await stored()).map((r) => r.sk as string);
    const before = beforeIds.length;
    await group.getByRole('radio', { name: '4 Agree' }).check();
    await group.getByRole('radio', { name: "Can't judge (or clear my answer)" }).check();
    await page
      .getByRole('group', { name: '1. Vision for improvement' })
      .getByRole('radio', { name: '5 Strongly agree' })
      .check();
    await submitAfterMinimumFillTime(page, loadedAt);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Thank you');
    expect(await page.textContent('main')).toMatch(
      /What happens next: the form closes on \d{1,2} [A-Z][a-z]+ \d{4}/,
    );
    const rows = await stored();
    expect(rows).toHaveLength(before + 1);
    const earlier = new Set(beforeIds);
    const mine = rows.find((r) => !earlier.has(r.sk))!;
    expect(mine.ratings).toEqual({ vision: 5 });
    await context.close();
  }, 120_000);
});

describe('the closed form once its report has gone to the board', () => {
  it('tells staff what they said and what changed, at trust level only, on a phone, accessibly', async () => {
    const config = exampleConfig();
    const db = documentClient();
    const formId = newFormId();
    const forms = new FormRepository(db, LOCAL_NAMES.table);
    await forms.create(openForm('2026-autumn', { formId, opensOn: '2026-09-02', closesOn: '2026-11-20' }));
    const e = evaluationOf(
      config,
      times(30, (i) =>
        response({
          cycleId: '2026-autumn',
          safety: 1 + (i % 5),
          influence: 2 + (i % 3),
          comment: `Mrs Smith said ${i}`,
        }),
      ),
    );
    e.changesFromFeedback = [
      {
        changeId: 'MC-1',
        date: '2026-10-05',
        pillar: 'process',
        description: 'Shortened the termly self-review template',
      },
    ];
    const cycles = new CycleRepository(db, LOCAL_NAMES.table);
    const url = `${app.stack.base}/f/${formId}`;
    const context = await app.browser.newContext({ viewport: { width: 320, height: 700 } });
    const page = await context.newPage();

    // Evaluated but not yet sent: the link only says the form has closed.
    await cycles.saveEvaluation(e);
    await cycles.mark('2026-autumn', { draftAt: '2026-12-19T06:00:00.000Z' });
    await page.goto(url);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('This form has closed');

    await cycles.mark('2026-autumn', {
      approvedAt: '2026-12-20T09:00:00.000Z',
      emailSentAt: '2026-12-20T09:01:00.000Z',
    });
    await page.goto(url);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('What came of your feedback');
    const text = (await page.textContent('main'))!;
    expect(text).toContain('30 members of staff answered');
    expect(text).toMatch(/Feeling safe to give honest feedback: \d\.\d out of 5/);
    expect(text).toContain('5 October 2026: Shortened the termly self-review template');
    expect(text).toContain('The next feedback form opens on 4 January 2027.');
    // Never a comment, a school or a role.
    expect(text).not.toContain('Mrs Smith');
    expect(text).not.toMatch(/Oak Primary|delivery|leadership/i);
    expect(await seriousFindings(page, WCAG_22_AA)).toEqual([]);
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
    ).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${SCREENS}/staff-summary-320.png`, fullPage: true });
    await context.close();
  }, 60_000);
});
