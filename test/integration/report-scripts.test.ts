// Proves the PDF prints practitioners' words in the script they wrote them in (Latin with accents, Greek, Cyrillic, Vietnamese), read back with pdftotext, and says "?" only for what no embedded font has.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderPdf } from '../../shared/report/pdf-report';
import { reportDocument } from '../../shared/report/document';
import { evaluationOf } from '../support/builders';
import { exampleConfig } from '../support/fixtures';

const COMMENTS = [
  'Dziękuję za wsparcie, szczególnie w łączeniu szkół.',
  'Η ανατροφοδότηση βοήθησε πολύ την ομάδα μας.',
  'Спасибо, наставничество очень помогло нашей школе.',
  'Cảm ơn vì đã lắng nghe ý kiến của chúng tôi.',
  'Mixed: café, Ζωή and Жизнь in one line ✓ 漢',
];

describe('practitioners writing in other scripts', () => {
  it('prints each comment as written, in the PDF read back as text', async () => {
    const config = exampleConfig();
    const e = evaluationOf(config);
    e.practitioners.comments = COMMENTS;
    e.practitioners.commentsTotal = COMMENTS.length;
    const pdf = await renderPdf(reportDocument({ evaluation: e, history: [e], divisionNames: {} }));
    const dir = mkdtempSync(join(tmpdir(), 'pillar7-scripts-'));
    writeFileSync(join(dir, 'r.pdf'), pdf);
    const text = spawnSync('pdftotext', [join(dir, 'r.pdf'), '-'], { encoding: 'utf8' }).stdout.replace(
      /\s+/g,
      ' ',
    );
    for (const c of COMMENTS.slice(0, 4)) expect(text).toContain(c);
    // Runs in different scripts on one line; a check mark and a Han character no font here has print as "?".
    expect(text).toContain('Mixed: café, Ζωή and Жизнь in one line ? ?');
  }, 30_000);
});
