import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { startLocalStack, type LocalStack } from './local-stack';

/** Where the browser tests leave their screenshots, for a person to look at. */
export const SCREENS = 'test-results/screens';

/**
 * Debian's Chromium, headless, as the browser tests drive it (playwright never downloads one here),
 * with the screenshots' folder made.
 */
export const launchBrowser = (): Promise<Browser> => {
  mkdirSync(SCREENS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-dev-shm-usage',
    ],
  });
};

/** The rules of WCAG 2.2 at level AA, which the practitioner's pages are held to. */
export const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** What axe finds serious or critical on the page as it stands (by every rule, or only those tagged). */
export async function seriousFindings(page: Page, tags?: string[]): Promise<string[]> {
  const axe = new AxeBuilder({ page });
  const { violations } = await (tags ? axe.withTags(tags) : axe).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes[0]?.target.join(' ') ?? 'the page'})`);
}

/**
 * The product on the emulators and a browser, for the tests of one file: started before them (before
 * the file's own beforeAll, which can then add its data), stopped after.
 */
export function useLocalStackAndBrowser(configPath?: string): {
  readonly stack: LocalStack;
  readonly browser: Browser;
} {
  let stack: LocalStack | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    stack = await startLocalStack(configPath);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });
  const started = <T>(thing: T | undefined): T => {
    if (!thing) throw new Error('the local stack and browser start in beforeAll');
    return thing;
  };
  return {
    get stack() {
      return started(stack);
    },
    get browser() {
      return started(browser);
    },
  };
}
