/// <reference lib="dom" />
// Proves the HTML board report reads on a 360 px phone: nothing wider than the screen, and no serious or critical axe finding.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, SCREENS, seriousFindings } from '../support/browser';
import { evaluationOf, response, times } from '../support/builders';
import { exampleConfig } from '../support/fixtures';
import { renderHtml } from '../../shared/report/html-report';
import { reportDocument } from '../../shared/report/document';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

function richReport(): string {
  const config = exampleConfig();
  const responses = times(90, (i) =>
    response({
      cycleId: '2026-autumn',
      division: config.divisions[i % 6]!.id,
      role: i % 5 ? 'delivery' : 'leadership',
      safety: 1 + (i % 5),
      influence: 1 + ((i * 3) % 5),
      comment:
        i < 12 ? `Comment ${i}: https://example.org/a/very/long/unbroken/path/${'x'.repeat(80)}` : undefined,
    }),
  );
  const e = evaluationOf(config, responses);
  e.recommendations = times(6, (i) => ({
    recommendationId: `REC-${i}`,
    pillar: 'assurance' as const,
    text: `Bring attendance and reading data into one dashboard, refreshed weekly, for every school (${i})`,
    owner: i % 2 ? 'Director of School Improvement' : null,
    due: `2026-1${i % 3}-01`,
    status: i % 2 ? 'open' : 'actioned',
    closed: i % 2 === 0,
    daysOverdue: i % 2 ? 30 + i : null,
  }));
  const divisionNames = Object.fromEntries(config.divisions.map((d) => [d.id, d.name]));
  return renderHtml(reportDocument({ evaluation: e, history: [e], divisionNames }));
}

describe('the HTML board report', () => {
  it('fits a 360 px phone with no sideways scrolling and no serious accessibility finding', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 800 } });
    const page = await context.newPage();
    await page.setContent(richReport());
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll('body *')]
        // A data table may scroll inside its own box (WCAG 1.4.10 allows it for tables); nothing else may be wider.
        .filter((el) => !el.parentElement?.closest('.table-wrap') && el.getBoundingClientRect().right > 361)
        .slice(0, 8)
        .map((el) => `${el.tagName}.${el.className} ${Math.round(el.getBoundingClientRect().right)}`),
    );
    expect(wide).toEqual([]);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await seriousFindings(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENS}/report-360.png` });
    await context.close();
  }, 60_000);
});
