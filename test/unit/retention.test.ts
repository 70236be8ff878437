// Proves when each kind of record expires under the trust's retention, and that the config checks it.
import { describe, expect, it } from 'vitest';
import { Retention } from '../../shared/domain/retention';
import { parseConfigText } from '../../shared/config/load-config';
import { ConfigError } from '../../shared/errors';
import { exampleConfig } from '../support/fixtures';

const at = (iso: string) => Date.parse(iso) / 1000;
const cycles = [
  { id: '2026-autumn', end: '2026-12-18' },
  { id: '2027-summer', end: '2027-08-31' },
];
const months = { responses: 24, evaluations: 72, reports: 72, evidence: 6 };

describe('retention', () => {
  it('keeps a cycle’s responses for the months after its last day, the same expiry for every one', () => {
    const r = new Retention(months, cycles);
    expect(r.responses('2026-autumn')).toBe(at('2028-12-18T00:00:00Z'));
    expect(r.cycleRecords('2026-autumn')).toBe(at('2032-12-18T00:00:00Z'));
  });

  it('counts months to the same day, or the month’s last day when it has none (31 August + 6 months)', () => {
    const r = new Retention({ ...months, responses: 6 }, cycles);
    expect(r.responses('2027-summer')).toBe(at('2028-02-29T00:00:00Z'));
  });

  it('counts evidence from the day it is imported, and never dates a response of a cycle the config does not list', () => {
    const r = new Retention(months, cycles, () => new Date('2026-11-27T15:30:00Z'));
    expect(r.evidence()).toBe(at('2027-05-27T00:00:00Z'));
    // An expiry from the day of writing would say when someone answered: such a response is kept.
    expect(r.responses('2025-spring')).toBeUndefined();
    expect(r.cycleRecords('2025-spring')).toBeUndefined();
  });

  it('defaults to two years of responses and six years of everything else', () => {
    expect(exampleConfig().retention).toEqual({ responses: 24, evaluations: 72, reports: 72, evidence: 72 });
  });

  it('refuses a retention that is not a whole number of months from 1 to 240, naming the field', () => {
    const bad = {
      ...exampleConfig(),
      retention: { responses: 0, evaluations: 1.5, reports: 300, evidence: 12 },
    };
    let error: ConfigError | undefined;
    try {
      parseConfigText(JSON.stringify(bad), 'trust.json');
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error?.issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      'retention.responses: must be at least 1 month',
      'retention.evaluations: must be a whole number of months',
      'retention.reports: must be at most 240 months (20 years)',
    ]);
  });
});
