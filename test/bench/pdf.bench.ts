import { loadConfigFile } from '../../shared/config/load-config';
import { ResponseAggregator } from '../../shared/domain/aggregate';
import { evaluate } from '../../shared/domain/rubric';
import { renderPdf } from '../../shared/report/pdf-report';
import { reportDocument } from '../../shared/report/document';
import { PILLAR_KEYS } from '../../shared/domain/pillars';
import { practitionersOf, emptyEvidence } from '../support/builders';
import { kb, type BenchRow } from './report';

/** The board pack of a 40-division trust with 3,000 responses and a full page of comments: time and size. */
export async function benchPdf(configPath: string): Promise<BenchRow[]> {
  const base = loadConfigFile(configPath);
  const divisions = Array.from({ length: 40 }, (_, i) => ({
    id: `school-${String(i + 1).padStart(2, '0')}`,
    name: `School number ${i + 1}`,
  }));
  const config = { ...base, divisions };
  const cycle = config.cycles[2]!;
  const agg = new ResponseAggregator(cycle.id);
  for (let i = 0; i < 3000; i++)
    agg.add({
      responseId: String(i),
      cycleId: cycle.id,
      ratings: Object.fromEntries(PILLAR_KEYS.map((k, j) => [k, 1 + ((i + j) % 5)])),
      safety: 1 + (i % 5),
      influence: 1 + ((i * 7) % 5),
      role: (['delivery', 'leadership', 'undisclosed'] as const)[i % 3]!,
      division: divisions[i % 40]!.id,
      comment:
        i % 20 === 0
          ? `Comment ${i}: the improvement model works best when leaders protect time for it, and worst when it arrives as extra paperwork at the end of term.`
          : undefined,
    });
  const evaluation = evaluate({
    config,
    configHash: 'bench',
    cycle,
    // Everything the pack can show: a headcount (response rates per school) and a full ledger.
    evidence: {
      ...emptyEvidence(),
      headcount: divisions.flatMap((d) => [
        { division: d.id, role: 'delivery', count: 90 },
        { division: d.id, role: 'leadership', count: 12 },
      ]),
      recommendations: Array.from({ length: 40 }, (_, i) => ({
        recommendationId: `REC-${i}`,
        reviewId: `PR-${i}`,
        pillar: PILLAR_KEYS[i % 7]!,
        text: `Recommendation ${i}: agree one approach to reading assessment across the schools in the hub, and report on it each half term`,
        due: `2026-${String(9 + (i % 4)).padStart(2, '0')}-15`,
        status: (['open', 'in_progress', 'actioned', 'declined'] as const)[i % 4]!,
        owner: `Director of school improvement, hub ${i % 5}`,
      })),
    },
    practitioners: practitionersOf(config, agg),
    now: new Date(),
  });
  const input = {
    evaluation,
    history: [evaluation],
    divisionNames: Object.fromEntries(divisions.map((d) => [d.id, d.name])),
    thresholds: config.thresholds,
    logo: config.trust.logo,
    marking: config.trust.marking,
  };
  await renderPdf(reportDocument(input)); // warm: fonts read and parsed once per container
  const started = process.hrtime.bigint();
  const pdf = await renderPdf(reportDocument(input));
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  return [
    {
      figure: 'PDF board pack, 40 divisions, 3,000 responses: render time',
      value: `${ms.toFixed(0)} ms`,
      budget: '< 2 s',
      pass: ms < 2000,
    },
    {
      figure: 'PDF board pack, 40 divisions: size',
      value: kb(pdf.length),
      budget: '< 2 MB',
      pass: pdf.length < 2 * 1024 * 1024,
    },
  ];
}
