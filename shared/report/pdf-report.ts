import PDFDocument from 'pdfkit';
import type { Evaluation, Rating } from '../domain/evaluation';
import { FRAMEWORK_CREDIT, PILLARS } from '../domain/pillars';
import { fontBytes, SCRIPTS, scriptRuns } from './fonts';
import {
  RATING_COLOUR,
  RATING_LABEL,
  TREND_WORDS as TREND_LABEL,
  describeFigures,
  fmtMean,
  fmtPct,
  ACCESS_WORDS,
  groupName,
  DRAFT_NOTICE,
  moderationWords,
  OVERALL_RULE,
  RATING_MEANING,
  ledgerSummary,
  recommendationStatus,
  noCommentsWords,
  methodParagraphs,
  TREND_LINES,
  spreadLabels,
} from './labels';
import { ukDate } from '../domain/dates';

export interface ReportInput {
  evaluation: Evaluation;
  /** Every cycle evaluated so far, oldest first, this one last: the trend charts draw from it. */
  history: Evaluation[];
  /** Division names by id, so the board reads school names rather than ids. */
  divisionNames?: Record<string, string>;
}

const A4 = { width: 595.28, height: 841.89 };
const M = 50;
const W = A4.width - 2 * M;
const INK = '#1a1a1a';
const MUTED = '#555555';
const RULE = '#cccccc';
const RANK: Record<Rating, number> = { red: 1, amber: 2, green: 3, grey: 0 };

/**
 * The board pack as a PDF: cover, contents, executive summary, the five criteria, trends, the
 * practitioners' voice beside peer review, the recommendations ledger, "you said, we did", questions
 * for the board, and the method and anonymity note. Fonts are embedded; every page is numbered.
 * Practitioner text is only ever drawn as text: in a PDF it cannot run, whatever it contains.
 */
export async function renderPdfReport({
  evaluation: e,
  history,
  divisionNames = {},
}: ReportInput): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: M,
    bufferPages: true,
    info: {
      Title: `${e.trustName}: improvement model assurance, ${e.cycleId}`,
      Author: `${e.trustName}`,
      Subject: 'Board report on the improvement model (pillar 7, quality assurance)',
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.registerFont('body', fontBytes('regular'));
  doc.registerFont('bold', fontBytes('bold'));
  for (const script of SCRIPTS) {
    doc.registerFont(`body-${script}`, fontBytes('regular', script));
    doc.registerFont(`bold-${script}`, fontBytes('bold', script));
  }
  const font = doc as unknown as {
    _font?: { font?: { postscriptName?: string; hasGlyphForCodePoint(cp: number): boolean } };
  };
  const family = () => (/bold/i.test(font._font?.font?.postscriptName ?? '') ? 'bold' : 'body');
  /** Characters no embedded font can draw become "?", rather than empty boxes. */
  const safe = (text: string) => {
    const f = font._font?.font;
    return f
      ? [...text].map((ch) => (f.hasGlyphForCodePoint(ch.codePointAt(0)!) || ch === '\n' ? ch : '?')).join('')
      : text;
  };
  /**
   * Flowing text in whichever script it is written: each run of characters in the first of the
   * report's fonts (Latin, Greek, Cyrillic, Vietnamese, with their extensions) that has them.
   */
  const text = (s: string, opts: PDFKit.Mixins.TextOptions = {}) => {
    const base = family();
    const runs = scriptRuns(s, base === 'bold' ? 'bold' : 'regular');
    if (runs.length <= 1) {
      if (runs[0] && runs[0].script !== 'latin') doc.font(`${base}-${runs[0].script}`);
      doc.text(safe(s), opts);
      return doc.font(base);
    }
    runs.forEach((r, i) => {
      doc.font(r.script === 'latin' ? base : `${base}-${r.script}`);
      doc.text(safe(r.text), { ...(i === 0 ? opts : {}), continued: i < runs.length - 1 });
    });
    return doc.font(base);
  };
  const ensure = (space: number) => {
    if (doc.y + space > A4.height - M - 20) doc.addPage();
  };
  const section = (title: string, newPage = true) => {
    if (newPage) doc.addPage();
    else ensure(80);
    // The PDF's bookmarks are its contents: a reader's side panel lists every section.
    doc.outline.addItem(title);
    doc.font('bold').fontSize(17).fillColor(INK);
    text(title);
    doc
      .moveTo(M, doc.y + 2)
      .lineTo(M + W, doc.y + 2)
      .strokeColor(RULE)
      .lineWidth(1)
      .stroke();
    doc.moveDown(0.8).font('body').fontSize(10.5);
  };
  const para = (s: string, colour = INK) => {
    doc.font('body').fontSize(10.5).fillColor(colour);
    text(s, { width: W, lineGap: 2 });
    doc.moveDown(0.5);
  };
  const badge = (rating: Rating, x: number, y: number, w = 112) => {
    doc.roundedRect(x, y, w, 17, 8).fill(RATING_COLOUR[rating].bg);
    doc
      .font('bold')
      .fontSize(9)
      .fillColor(RATING_COLOUR[rating].fg)
      .text(RATING_LABEL[rating], x, y + 4, { width: w, align: 'center' });
    doc.fillColor(INK);
  };

  // Cover
  doc.font('body').fontSize(11).fillColor(MUTED);
  text('Improvement model quality assurance', { width: W });
  doc.moveDown(0.3).font('bold').fontSize(28).fillColor(INK);
  text(e.trustName, { width: W });
  doc.moveDown(0.3).font('body').fontSize(14);
  text(`Board report, cycle ${e.cycleId}`);
  text(`${e.cycleStart} to ${e.cycleEnd}`);
  doc.moveDown(2).font('bold').fontSize(13);
  text('Overall judgement');
  const oy = doc.y + 6;
  badge(e.overall.rating, M, oy, 140);
  doc
    .font('body')
    .fontSize(11)
    .fillColor(MUTED)
    .text(
      safe(
        `${TREND_LABEL[e.overall.trend]} since the last cycle${e.overall.greyCount ? `; ${e.overall.greyCount} of 5 criteria without enough evidence` : ''}`,
      ),
      M + 155,
      oy + 3,
    );
  doc.y = oy + 40;
  doc.x = M;
  doc.fillColor(INK).fontSize(10.5);
  for (const c of e.criteria) {
    const y = doc.y;
    badge(c.rating, M, y);
    doc
      .font('bold')
      .fontSize(10.5)
      .fillColor(INK)
      .text(`${c.id}`, M + 122, y + 3, { continued: true })
      .font('body')
      .text(safe(`  ${c.title}`), { width: W - 122 });
    doc.moveDown(0.6);
    doc.x = M;
  }
  if (e.review?.status === 'draft') {
    doc.moveDown(1).font('bold').fontSize(11).fillColor('#b3261e');
    text(DRAFT_NOTICE, { width: W });
    doc.font('body');
  }
  // The key to the ratings, and the rule that gives the overall judgement, on the first page.
  doc.moveDown(0.8).font('bold').fontSize(11).fillColor(INK);
  text('What the ratings mean', { width: W });
  doc.moveDown(0.3);
  for (const r of ['green', 'amber', 'red', 'grey'] as const) {
    const y = doc.y;
    badge(r, M, y);
    doc
      .font('body')
      .fontSize(10)
      .fillColor(INK)
      .text(safe(RATING_MEANING[r]), M + 122, y + 3, { width: W - 122 });
    doc.x = M;
    doc.y = Math.max(doc.y, y + 17) + 4;
  }
  doc.moveDown(0.3).font('body').fontSize(10.5);
  text(OVERALL_RULE, { width: W });
  if (e.boardQuestions.length) {
    doc.moveDown(0.6).font('bold').fontSize(11);
    text('The board is asked', { width: W });
    doc.font('body').fontSize(10.5);
    for (const q of e.boardQuestions) text(`${q.criterion}: ${q.questions[0]}`, { width: W, indent: 8 });
    text(
      `(${e.boardQuestions.reduce((n, q) => n + q.questions.length, 0)} questions in all, at the end of this report.)`,
      { width: W },
    );
  }
  doc.moveDown(1).fontSize(9).fillColor(MUTED);
  text(`Made ${ukDate(e.evaluatedAt.slice(0, 10))} under rubric ${e.rubricVersion}. ${FRAMEWORK_CREDIT}`, {
    width: W,
  });

  if (e.review?.commentary) {
    section('From the quality assurance lead');
    para(e.review.commentary);
    if (e.review.approvedOn) para(`Approved on ${e.review.approvedOn}.`, MUTED);
  }
  section('Executive summary');
  para(
    `Overall, the improvement model is rated ${RATING_LABEL[e.overall.rating].toLowerCase()} (${e.overall.rating}) this cycle: ${TREND_LABEL[e.overall.trend]} since the last. The overall rating is the lowest of the criteria with enough evidence to judge.`,
  );
  for (const c of e.criteria) {
    ensure(40);
    const y = doc.y;
    badge(c.rating, M, y, 80);
    doc
      .font('bold')
      .fontSize(10)
      .fillColor(INK)
      .text(`${c.id}  ${TREND_LABEL[c.trend]}`, M + 90, y + 3, { width: W - 90 });
    doc.font('body').fontSize(10);
    text(c.reasoning, { width: W - 90 });
    doc.x = M;
    doc.moveDown(0.6);
  }
  if (e.boardQuestions.length)
    para(
      `The report asks the board ${e.boardQuestions.reduce((n, q) => n + q.questions.length, 0)} questions, on ${e.boardQuestions.map((q) => q.criterion).join(', ')}.`,
    );

  section('The five criteria');
  for (const c of e.criteria) {
    ensure(110);
    doc.font('bold').fontSize(12.5).fillColor(INK);
    text(`${c.id}. ${c.title}`, { width: W });
    const y = doc.y + 4;
    badge(c.rating, M, y);
    doc
      .font('body')
      .fontSize(10)
      .fillColor(MUTED)
      .text(TREND_LABEL[c.trend], M + 122, y + 4);
    doc.x = M;
    doc.y = y + 24;
    para(c.reasoning);
    if (Object.keys(c.evidence.figures).length)
      para(`Figures: ${describeFigures(c.evidence.figures)}`, MUTED);
    if (c.evidence.recordIds.length) para(`Evidence: ${c.evidence.recordIds.join(', ')}`, MUTED);
    doc.moveDown(0.6);
  }

  section('Trends across cycles', false);
  para(
    'Each criterion in every cycle evaluated so far: higher is better (red, amber, green); a gap is a cycle without enough evidence.',
  );
  drawTrendChart(doc, history);

  section("Practitioners' voice and peer review");
  const p = e.practitioners;
  para(
    `Responses: ${p.responses ?? `fewer than ${e.anonymity.k}`}. Participation: ${fmtPct(p.participation)}. Feeling safe to give honest feedback: ${fmtMean(p.safetyMean)}. Feedback leads to change: ${fmtMean(p.influenceMean)}.${p.access ? ` ${ACCESS_WORDS[p.access]}` : ''}`,
  );
  doc.font('bold').fontSize(11).fillColor(INK);
  text('Pillar by pillar: practitioners beside peer review (1-5)');
  doc.moveDown(0.4);
  drawTriangulation(doc, e, safe);
  for (const [by, groups] of [
    ['division', p.byDivision],
    ['role', p.byRole],
  ] as const) {
    if (!groups.length) continue;
    ensure(60);
    doc.font('bold').fontSize(11).fillColor(INK);
    text(by === 'division' ? 'Responses by division' : 'Responses by role');
    doc.font('body').fontSize(9.5).fillColor(MUTED);
    text(`Every group has at least ${e.anonymity.k} responses; smaller ones are reported together.`, {
      width: W,
    });
    doc.moveDown(0.3).fillColor(INK);
    for (const g of groups) {
      ensure(16);
      const y = doc.y;
      doc
        .font('body')
        .fontSize(10)
        .text(safe(groupName(g, by, divisionNames)), M, y, { width: 260 });
      const nameBottom = doc.y;
      doc.text(String(g.count), M + 270, y, { width: 50 });
      const means = [
        g.safetyMean === null ? '' : `safe ${g.safetyMean.toFixed(1)}`,
        g.influenceMean === null ? '' : `change ${g.influenceMean.toFixed(1)}`,
      ]
        .filter(Boolean)
        .join('   ');
      doc.text(means, M + 330, y, { width: 170 });
      // A long combined name wraps: the next row starts below whichever column ran longest.
      doc.x = M;
      doc.y = Math.max(nameBottom, doc.y);
    }
    doc.moveDown(0.6);
  }
  if (p.withheld.length) {
    ensure(40);
    doc.font('bold').fontSize(11).fillColor(INK);
    text('What is not published, and why');
    for (const w of p.withheld) para(`• ${w}`, MUTED);
    doc.moveDown(0.4);
  }
  ensure(60);
  doc.font('bold').fontSize(11).fillColor(INK);
  text('What practitioners said');
  doc.moveDown(0.3);
  for (const w of moderationWords(e.review?.moderation)) para(w, MUTED);
  if (p.comments.length) {
    para(
      `${p.comments.length === p.commentsTotal ? `All ${p.commentsTotal}` : `A random sample of ${p.comments.length} of ${p.commentsTotal}`} comments, in random order, with contact details removed.`,
      MUTED,
    );
    for (const c of p.comments) {
      ensure(40);
      const y = doc.y;
      doc.font('body').fontSize(10).fillColor(INK);
      text(c, { width: W - 16, indent: 0, lineGap: 1.5 });
      doc
        .moveTo(M - 6, y)
        .lineTo(M - 6, doc.y)
        .strokeColor(RULE)
        .lineWidth(3)
        .stroke();
      doc.moveDown(0.6);
    }
  } else para(noCommentsWords(e), MUTED);

  section('Recommendations ledger');
  para(ledgerSummary(e));
  for (const r of e.recommendations) {
    ensure(34);
    const y = doc.y;
    doc.font('body').fontSize(9.5).fillColor(INK).text(safe(r.text), M, y, { width: 240 });
    doc.fillColor(MUTED).text(safe(`Owner: ${r.owner ?? 'not recorded'}`), M, doc.y, { width: 240 });
    const h = doc.y;
    doc.fillColor(INK).text(ukDate(r.due), M + 250, y, { width: 90 });
    doc
      .fillColor(r.daysOverdue ? RATING_COLOUR.red.bg : INK)
      .font(r.daysOverdue ? 'bold' : 'body')
      .text(safe(recommendationStatus(r)), M + 345, y, { width: W - 345 });
    doc.x = M;
    doc.y = Math.max(h, doc.y) + 5;
  }

  section('You said, we did', false);
  if (e.changesFromFeedback.length)
    for (const c of e.changesFromFeedback)
      para(`${ukDate(c.date)}  ${c.description} (${PILLARS[c.pillar].label})`);
  else para('No change to the model this cycle is recorded as coming from practitioner feedback.');

  section('Questions for the board', false);
  if (e.boardQuestions.length)
    for (const q of e.boardQuestions) for (const t of q.questions) para(`${q.criterion}: ${t}`);
  else para('No criterion is amber or red this cycle.');

  section('Method and anonymity', false);
  for (const m of methodParagraphs(e)) para(m);
  para(FRAMEWORK_CREDIT, MUTED);

  // Page numbers on every page.
  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('body')
      .fontSize(8.5)
      .fillColor(MUTED)
      .text(safe(`${e.trustName} · ${e.cycleId} · Page ${i + 1} of ${range.count}`), M, A4.height - 34, {
        width: W,
        align: 'center',
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}

function drawTrendChart(doc: PDFKit.PDFDocument, history: Evaluation[]): void {
  const h = 170;
  if (doc.y + h + 60 > A4.height - M) doc.addPage();
  const top = doc.y + 10;
  const left = M + 60;
  const width = W - 150;
  const cycles = history.map((e) => e.cycleId);
  const step = cycles.length > 1 ? width / (cycles.length - 1) : 0;
  const yOf = (r: Rating) => top + h - ((RANK[r] - 1) / 2) * h;
  doc.font('body').fontSize(8.5).fillColor(MUTED);
  for (const r of ['green', 'amber', 'red'] as const) {
    doc
      .moveTo(left, yOf(r))
      .lineTo(left + width, yOf(r))
      .strokeColor('#e5e5e5')
      .lineWidth(0.5)
      .stroke();
    doc.text(RATING_LABEL[r], M, yOf(r) - 4, { width: 55 });
  }
  cycles.forEach((c, i) => doc.text(c, left + i * step - 30, top + h + 8, { width: 60, align: 'center' }));
  const ids = history.at(-1)?.criteria.map((c) => c.id) ?? [];
  const tracks = ids.map((id, k) => ({
    id,
    k,
    points: history.map((e, i) => {
      const r = e.criteria.find((c) => c.id === id)?.rating ?? 'grey';
      return { x: left + i * step, r, y: r === 'grey' ? 0 : yOf(r) + (k - 2) * 3 };
    }),
  }));
  const ends = tracks.map((t) => [...t.points].reverse().find((p) => p.r !== 'grey'));
  const labelYs = spreadLabels(
    ends.map((p) => (p ? p.y - 4 : top)),
    11,
  );
  tracks.forEach(({ id, k, points }) => {
    const style = TREND_LINES[k % TREND_LINES.length]!;
    let drawing = false;
    for (const p of points) {
      if (p.r === 'grey') {
        drawing = false;
        continue;
      }
      if (drawing) doc.lineTo(p.x, p.y);
      else doc.moveTo(p.x, p.y);
      drawing = true;
    }
    if (style.dash.length) doc.dash(style.dash[0]!, { space: style.dash[1]! });
    doc.strokeColor(style.colour).lineWidth(1.8).stroke();
    doc.undash();
    for (const p of points) if (p.r !== 'grey') doc.circle(p.x, p.y, 2.6).fill(style.colour);
    const end = ends[k];
    if (end)
      doc
        .fillColor(style.colour)
        .font('bold')
        .fontSize(8.5)
        .text(id, end.x + 8, labelYs[k]!, { width: 40, lineBreak: false });
  });
  doc.fillColor(INK);
  doc.x = M;
  doc.y = top + h + 30;
}

function drawTriangulation(doc: PDFKit.PDFDocument, e: Evaluation, safe: (s: string) => string): void {
  const barW = 180;
  const scale = (v: number) => ((v - 1) / 4) * barW;
  for (const t of e.triangulation) {
    if (doc.y + 34 > A4.height - M - 20) doc.addPage();
    const y = doc.y;
    doc
      .font('body')
      .fontSize(9.5)
      .fillColor(INK)
      .text(safe(`${PILLARS[t.pillar].number}. ${PILLARS[t.pillar].label}`), M, y, { width: 170 });
    const x = M + 180;
    doc.rect(x, y, barW, 8).fill('#eeeeee');
    if (t.practitionerMean !== null)
      doc.rect(x, y, Math.max(1, scale(t.practitionerMean)), 8).fill('#0b5394');
    doc.rect(x, y + 10, barW, 8).fill('#eeeeee');
    if (t.peerScaled !== null) doc.rect(x, y + 10, Math.max(1, scale(t.peerScaled)), 8).fill('#7a3e9d');
    doc.font('body').fontSize(8.5).fillColor(MUTED);
    doc.text(
      `practitioners ${t.practitionerMean === null ? 'too few' : t.practitionerMean.toFixed(1)}`,
      x + barW + 8,
      y - 1,
      { width: 110 },
    );
    doc.text(`peer review ${t.peerScaled === null ? 'none' : t.peerScaled.toFixed(1)}`, x + barW + 8, y + 9, {
      width: 110,
    });
    if (t.sourcesDisagree)
      doc
        .font('bold')
        .fillColor(RATING_COLOUR.red.bg)
        .text('Sources disagree', x + barW + 8, y + 19, { width: 110 });
    doc.fillColor(INK);
    doc.x = M;
    doc.y = y + (t.sourcesDisagree ? 36 : 30);
  }
  doc.moveDown(0.5);
}
