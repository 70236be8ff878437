// Proves the board reads, beside the practitioner figures, how practitioners reached the form that cycle.
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../shared/report/html-report';
import { renderPdf } from '../../shared/report/pdf-report';
import { reportDocument } from '../../shared/report/document';
import { ACCESS_WORDS } from '../../shared/report/labels';
import { auditedEvaluationOf } from '../support/builders';
import { exampleConfig } from '../support/fixtures';

describe('the access mode in the report', () => {
  it.each(['verified', 'open'] as const)(
    'says the cycle used %s access, in the HTML and the PDF',
    async (access) => {
      const config = exampleConfig();
      const evaluation = await auditedEvaluationOf(config);
      evaluation.practitioners.access = access;
      const input = {
        evaluation,
        history: [evaluation],
        divisionNames: Object.fromEntries(config.divisions.map((d) => [d.id, d.name])),
      };
      expect(renderHtml(reportDocument(input))).toContain(ACCESS_WORDS[access]);
      const pdf = await renderPdf(reportDocument(input));
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      // The other mode's sentence is not there.
      expect(renderHtml(reportDocument(input))).not.toContain(
        ACCESS_WORDS[access === 'open' ? 'verified' : 'open'],
      );
    },
  );
});
