// Proves the board pack PDF, read back with pdftotext and pdfinfo, is tagged for a screen reader, answers on page 1 what the judgement is, why and what the board should do, counts recommendations one way, shows owners, marks every page and leaves no page nearly empty.
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { renderPdf } from '../../shared/report/pdf-report';
import { reportDocument } from '../../shared/report/document';
import { evaluationOf, response, times } from '../support/builders';
import { exampleConfig } from '../support/fixtures';
import type { Evaluation } from '../../shared/domain/evaluation';

const config = exampleConfig();
const run = (cmd: string, args: string[]) => spawnSync(cmd, args, { encoding: 'utf8' }).stdout;

/** A full cycle: every section has something in it, some recommendations overdue, one without an owner. */
function cycle(): Evaluation {
  const responses = times(60, (i) =>
    response({
      cycleId: '2026-autumn',
      division: config.divisions[i % 4]!.id,
      role: i % 4 ? 'delivery' : 'leadership',
      safety: 1 + (i % 5),
      influence: 1 + ((i * 3) % 5),
      ratings: { vision: 2 + (i % 4), assurance: 1 + (i % 5) },
      comment:
        i < 14 ? `Comment ${i}: the termly reviews help us ${'see what works '.repeat(i % 4)}` : undefined,
    }),
  );
  const e = evaluationOf(config, responses);
  e.recommendations = times(9, (i) => ({
    recommendationId: `REC-${i}`,
    pillar: 'assurance' as const,
    text: `Agree one trust-wide reading assessment and share results each half term (${i})`,
    owner: i === 4 ? null : `Owner number ${i}`,
    due: `2026-${String(9 + (i % 4)).padStart(2, '0')}-0${1 + (i % 8)}`,
    status: i % 3 ? 'open' : 'actioned',
    closed: i % 3 === 0,
    daysOverdue: i % 3 ? 20 + i : null,
  }));
  e.changesFromFeedback = [
    {
      changeId: 'MC-1',
      date: '2026-10-02',
      pillar: 'process',
      description: 'Review forms cut from six pages to two',
    },
  ];
  e.review = {
    status: 'approved',
    approvedOn: '2026-12-20',
    commentary: 'Peer review has improved; the overdue recommendations are the first concern of the board.',
    moderation: { held: 0, withheld: 0, redacted: 0 },
  };
  return e;
}

let pages: string[];
let struct: string;
let info: string;
/** The whole pack as text in reading order, whitespace folded. */
let text: string;
beforeAll(async () => {
  const e = cycle();
  const pdf = await renderPdf(
    reportDocument({
      evaluation: e,
      history: [e],
      divisionNames: Object.fromEntries(config.divisions.map((d) => [d.id, d.name])),
      thresholds: config.thresholds,
      logo: config.trust.logo,
      marking: 'Official - Sensitive',
    }),
  );
  // Kept under test-results/ to look at: pdftoppm -png test-results/board-pack.pdf page
  mkdirSync('test-results', { recursive: true });
  const file = 'test-results/board-pack.pdf';
  writeFileSync(file, pdf);
  info = run('pdfinfo', [file]);
  struct = run('pdfinfo', ['-struct', file]);
  pages = run('pdftotext', ['-layout', file, '-']).split('\f').slice(0, -1);
  text = run('pdftotext', [file, '-']).replace(/\s+/g, ' ');
}, 60_000);

const flat = (s: string) => s.replace(/\s+/g, ' ');

describe('the board pack PDF', () => {
  it('is tagged: language, a structure tree in reading order, tables with header cells, the chart as a figure with words', () => {
    expect(info).toMatch(/^Tagged:\s+yes$/m);
    for (const tag of [
      'Document',
      'H1',
      'Sect',
      'H2',
      'H3',
      'P',
      'L',
      'LI',
      'Table',
      'TH',
      'TD',
      'Figure',
      'BlockQuote',
    ])
      expect(struct).toMatch(new RegExp(`^\\s*${tag}\\b`, 'm'));
    // Headings come in the order they are read: the title, then each section.
    const h2 = [...struct.matchAll(/^\s*H2/gm)].length;
    expect(h2).toBe(7);
  });

  it('answers on page 1 what the judgement is, why, and what the board is asked to do', () => {
    const first = flat(pages[0]!);
    for (const part of [
      'OFFICIAL - SENSITIVE',
      'Riverbend Learning Trust',
      'Overall judgement:',
      'The overall judgement is the lowest rating among the criteria with enough evidence to judge.',
      'QA1: The board reviews the impact of the model',
      'QA5: Feedback shapes the model',
      'the criterion is met',
      'not met: the board should act',
      'From the quality assurance lead',
      'The board is asked to',
      'Note this report',
    ])
      expect(first).toContain(part);
  });

  it('has every section, explains each criterion with its thresholds and evidence in words, and credits the framework', () => {
    const all = flat(pages.join(' '));
    for (const part of [
      'The five criteria',
      'What it asks:',
      'What we found:',
      'How it is rated: Secure when board reviews in the cycle cover at least 80%',
      'Trends across cycles',
      "Practitioners' voice and peer review",
      'Responses by school',
      'Response rate',
      'Pillar by pillar',
      'What practitioners said',
      'Recommendations ledger',
      'You said, we did',
      'Review forms cut from six pages to two',
      'Questions for the board',
      'Method and anonymity',
      "Forum Strategy's seven pillars",
    ])
      expect(all).toContain(part);
    expect(all).not.toMatch(/Evidence: [A-Z]{2}-\d/);
  });

  it('counts recommendations one way everywhere and names each owner', () => {
    const all = text;
    const ledger =
      /(\d+) recommendations are on the ledger; (\d+) fell due by the end of the cycle \([^)]+\), and (\d+) of those are closed\. On [^,]+, (\d+) open recommendations were past/.exec(
        all,
      );
    expect(ledger).not.toBeNull();
    expect(ledger!.slice(1).map(Number)).toEqual([9, 9, 3, 6]);
    // The table says the same: six rows overdue, three actioned.
    const table = all.slice(all.indexOf('Recommendations ledger'), all.indexOf('You said, we did'));
    expect(table.match(/\boverdue\b/g)).toHaveLength(6);
    expect(table.match(/\bactioned\b/g)).toHaveLength(3);
    for (const i of [0, 1, 2, 3, 5, 8]) expect(all).toContain(`Owner number ${i}`);
    expect(all).toContain('not recorded');
  });

  it('marks and numbers every page, and leaves no page with fewer than 5 lines of text', () => {
    pages.forEach((page, i) => {
      expect(page).toContain('OFFICIAL - SENSITIVE');
      expect(page).toContain(`Page ${i + 1} of ${pages.length}`);
      const body = page
        .split('\n')
        .filter((l) => l.trim() && !l.includes('OFFICIAL - SENSITIVE') && !/Page \d+ of \d+/.test(l));
      expect(body.length, `page ${i + 1}`).toBeGreaterThanOrEqual(5);
    });
  });
});
