// Pins the words every report and page leans on: each pillar and criterion has its own name, each cycle state reads as itself, and the framework is credited to Forum Strategy.
import { describe, expect, it } from 'vitest';
import { FRAMEWORK_CREDIT, PILLAR_KEYS, PILLARS } from '../../shared/domain/pillars';
import { CRITERIA } from '../../shared/domain/criteria';
import { STATE_WORDS } from '../../shared/domain/cycle-state';
import { RUBRIC_VERSION } from '../../shared/domain/evaluation';
import { ukDate } from '../../shared/domain/dates';

describe('the names a reader sees', () => {
  it('each of the seven pillars has its number, and a label and summary of its own', () => {
    expect(PILLAR_KEYS.map((k) => PILLARS[k].number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const labels = PILLAR_KEYS.map((k) => PILLARS[k].label);
    const summaries = PILLAR_KEYS.map((k) => PILLARS[k].summary);
    for (const words of [labels, summaries]) {
      expect(new Set(words).size).toBe(7);
      for (const w of words) expect(w.trim().length).toBeGreaterThan(5);
    }
  });

  it('each criterion has a title of its own', () => {
    const titles = Object.values(CRITERIA);
    expect(Object.keys(CRITERIA)).toEqual(['QA1', 'QA2', 'QA3', 'QA4', 'QA5']);
    expect(new Set(titles).size).toBe(5);
    for (const t of titles) expect(t.length).toBeGreaterThan(20);
  });

  it('each cycle state is described in words that start with its name', () => {
    expect(Object.keys(STATE_WORDS)).toEqual(['collecting', 'closed', 'draft', 'approved', 'sent']);
    for (const [state, words] of Object.entries(STATE_WORDS)) expect(words.startsWith(state)).toBe(true);
  });

  it('the framework is credited to Forum Strategy, as paraphrased', () => {
    expect(FRAMEWORK_CREDIT).toContain("Forum Strategy's seven pillars of improvement at scale");
    expect(FRAMEWORK_CREDIT).toContain('the wording here is ours');
  });

  it('every month of a date is named as in British English', () => {
    const month = new Intl.DateTimeFormat('en-GB', { month: 'long', timeZone: 'UTC' });
    for (let m = 1; m <= 12; m++) {
      const day = `2026-${String(m).padStart(2, '0')}-09`;
      expect(ukDate(day)).toBe(`9 ${month.format(new Date(`${day}T00:00:00Z`))} 2026`);
    }
  });

  it('the rubric has a version, as major.minor.patch', () => {
    expect(RUBRIC_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
