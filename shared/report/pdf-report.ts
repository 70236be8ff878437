import PDFDocument from 'pdfkit';
import type { Rating } from '../domain/evaluation';
import { fontBytes, SCRIPTS, scriptRuns, type Weight } from './fonts';
import { RATING_COLOUR, RATING_LABEL } from './labels';
import {
  reportDocument,
  type Block,
  type Cell,
  type ReportDocument,
  type ReportInput,
  type Section,
} from './document';
import { layoutTrendChart, type TrendChart } from './trend-chart';

export type { ReportInput } from './document';

const A4 = { width: 595.28, height: 841.89 };
const M = 50;
const W = A4.width - 2 * M;
const BOTTOM = A4.height - M - 16;
const INK = '#1a1a1a';
const TONE = { muted: '#555555', warn: RATING_COLOUR.red.bg } as const;
const RULE = '#cccccc';
const BODY = 10;
const GAP = 2;

type Doc = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;

/**
 * The board pack as a tagged PDF, drawn from the one report document (shared/report/document.ts):
 * a structure tree in reading order (headings, paragraphs, lists, tables with header cells, the
 * chart as a figure with its words as alternative text), the document language, embedded fonts for
 * Latin, Greek, Cyrillic and Vietnamese, the marking and page number on every page, and bookmarks
 * for every section. Practitioner text is only ever drawn as text: in a PDF it cannot run.
 */
export async function renderPdf(d: ReportDocument): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: M,
    bufferPages: true,
    tagged: true,
    lang: 'en-GB',
    displayTitle: true,
    pdfVersion: '1.7',
    info: { Title: d.title, Author: d.trustName, Subject: d.subject },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  for (const w of ['regular', 'bold'] as const) {
    doc.registerFont(w, fontBytes(w));
    for (const script of SCRIPTS) doc.registerFont(`${w}-${script}`, fontBytes(w, script));
  }
  const pen = new Pen(doc);
  const root = doc.struct('Document');
  doc.addStructure(root);

  // Page 1: the cover and the summary for the board.
  if (d.logo) {
    const bytes = Buffer.from(d.logo.slice(d.logo.indexOf(',') + 1), 'base64');
    pen.artifact(() => doc.image(bytes, M, M, { fit: [150, 40] }));
    doc.y = M + 46;
  } else doc.y = M + 12;
  root.add(doc.struct('P', {}, () => pen.text(d.cover.eyebrow, { size: 10.5, colour: TONE.muted })));
  root.add(doc.struct('H1', {}, () => pen.text(d.cover.heading, { size: 22, weight: 'bold' })));
  root.add(doc.struct('P', {}, () => pen.text(d.cover.subtitle, { size: 12 })));
  doc.moveDown(0.6);
  drawSection(pen, root, d.summary, false);
  for (const [i, s] of d.sections.entries()) drawSection(pen, root, s, i === 0);
  root.end();

  // The marking and page number on every page, as artifacts a screen reader passes over.
  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    pen.artifact(() => {
      const line = { width: W, align: 'center' as const, lineBreak: false };
      doc.font('regular').fontSize(8.5).fillColor(TONE.muted);
      doc.text(pen.printable(`${d.footer} · Page ${i + 1} of ${range.count}`), M, A4.height - 34, line);
      if (d.marking)
        doc.font('bold').fontSize(9).fillColor(INK).text(pen.printable(d.marking.toUpperCase()), M, 24, line);
    });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}

export const renderPdfReport = (input: ReportInput): Promise<Buffer> => renderPdf(reportDocument(input));

interface TextStyle {
  size?: number;
  weight?: Weight;
  colour?: string;
  x?: number;
  width?: number;
  indent?: number;
}

/** Draws text in the report's fonts, a run per script, using pdfkit's public API only. */
class Pen {
  constructor(readonly doc: Doc) {}

  /** Characters no embedded font has become "?" rather than empty boxes. */
  printable(s: string, weight: Weight = 'regular'): string {
    return scriptRuns(s, weight)
      .map((r) => r.text)
      .join('');
  }

  text(s: string, style: TextStyle = {}): void {
    const { size = BODY, weight = 'regular', colour = INK, x = this.doc.x, width = W - (x - M) } = style;
    const runs = scriptRuns(s, weight);
    this.doc.fontSize(size).fillColor(colour);
    runs.forEach((r, i) => {
      this.doc.font(r.script === 'latin' ? weight : `${weight}-${r.script}`);
      const opts = {
        width,
        lineGap: GAP,
        continued: i < runs.length - 1,
        ...(style.indent ? { indent: style.indent } : {}),
      };
      if (i === 0) this.doc.text(r.text, x, this.doc.y, opts);
      else this.doc.text(r.text, opts);
    });
    this.doc.font('regular');
  }

  height(s: string, style: TextStyle = {}): number {
    const { size = BODY, weight = 'regular', width = W } = style;
    return this.doc
      .font(weight)
      .fontSize(size)
      .heightOfString(this.printable(s, weight), { width, lineGap: GAP });
  }

  /** Drawing that carries no meaning of its own (rules, badge backgrounds, the logo, page furniture). */
  artifact(draw: () => void): void {
    this.doc.markContent('Artifact');
    draw();
    this.doc.endMarkedContent();
  }

  ensure(space: number): void {
    if (this.doc.y + space > BOTTOM) this.doc.addPage();
  }

  badge(parent: Struct, rating: Rating, x: number, y: number, w = 110): void {
    this.artifact(() => this.doc.roundedRect(x, y, w, 16, 8).fill(RATING_COLOUR[rating].bg));
    parent.add(
      this.doc.struct('Span', {}, () =>
        this.doc
          .font('bold')
          .fontSize(9)
          .fillColor(RATING_COLOUR[rating].fg)
          .text(RATING_LABEL[rating], x, y + 3.5, { width: w, align: 'center', lineBreak: false }),
      ),
    );
  }
}

function sectionHeight(pen: Pen, s: Section): number {
  return s.blocks.reduce(
    (h, b) =>
      h +
      (b.kind === 'list'
        ? b.items.reduce((n, i) => n + pen.height(i, { width: W - 14 }) + 3, 0)
        : 'text' in b
          ? pen.height(b.text) + 8
          : 60),
    40,
  );
}

function drawSection(pen: Pen, root: Struct, s: Section, newPage: boolean): void {
  const { doc } = pen;
  if (newPage) doc.addPage();
  else {
    const whole = s.keepTogether ? sectionHeight(pen, s) : 0;
    pen.ensure(whole && whole < BOTTOM - M ? whole : 90);
  }
  doc.outline.addItem(s.title);
  const sect = doc.struct('Sect');
  root.add(sect);
  doc.x = M;
  sect.add(doc.struct('H2', {}, () => pen.text(s.title, { size: 16, weight: 'bold' })));
  pen.artifact(() =>
    doc
      .moveTo(M, doc.y + 1)
      .lineTo(M + W, doc.y + 1)
      .strokeColor(RULE)
      .lineWidth(1)
      .stroke(),
  );
  doc.moveDown(0.6);
  s.blocks.forEach((b, i) => drawBlock(pen, sect, b, s.blocks[i + 1]));
  doc.moveDown(0.8);
}

function drawBlock(pen: Pen, sect: Struct, b: Block, next: Block | undefined): void {
  const { doc } = pen;
  doc.x = M;
  switch (b.kind) {
    case 'heading': {
      // A heading never ends a page: it keeps the start of what follows with it.
      const following = next && 'text' in next ? pen.height(next.text) : 40;
      pen.ensure(40 + Math.min(following, 90));
      doc.moveDown(0.4);
      sect.add(doc.struct('H3', {}, () => pen.text(b.text, { size: 12, weight: 'bold' })));
      doc.moveDown(0.3);
      return;
    }
    case 'para':
    case 'notice': {
      const style: TextStyle =
        b.kind === 'notice'
          ? { weight: 'bold', colour: TONE.warn }
          : { weight: b.strong ? 'bold' : 'regular', ...(b.tone ? { colour: TONE[b.tone] } : {}) };
      pen.ensure(Math.min(pen.height(b.text, style), 3 * 14));
      sect.add(doc.struct('P', {}, () => pen.text(b.text, style)));
      doc.moveDown(0.45);
      return;
    }
    case 'quote': {
      pen.ensure(Math.min(pen.height(b.text, { width: W - 14 }), 3 * 14));
      const top = doc.y;
      sect.add(doc.struct('BlockQuote', {}, () => pen.text(b.text, { x: M + 12, width: W - 12 })));
      const bottom = doc.y;
      if (bottom > top)
        pen.artifact(() =>
          doc
            .moveTo(M + 2, top)
            .lineTo(M + 2, bottom)
            .strokeColor(RULE)
            .lineWidth(3)
            .stroke(),
        );
      doc.moveDown(0.5);
      return;
    }
    case 'list': {
      const list = doc.struct('L');
      sect.add(list);
      for (const item of b.items) {
        pen.ensure(Math.min(pen.height(item, { width: W - 14 }), 2 * 14));
        const li = doc.struct('LI');
        list.add(li);
        const y = doc.y;
        li.add(
          doc.struct('Lbl', {}, () =>
            doc
              .font('regular')
              .fontSize(BODY)
              .fillColor(INK)
              .text('•', M + 2, y, { lineBreak: false }),
          ),
        );
        doc.y = y;
        li.add(doc.struct('LBody', {}, () => pen.text(item, { x: M + 14, width: W - 14 })));
        doc.moveDown(0.25);
      }
      doc.moveDown(0.3);
      return;
    }
    case 'rated':
      for (const r of b.rows) {
        pen.ensure(22);
        const y = doc.y;
        const p = doc.struct('P');
        sect.add(p);
        pen.badge(p, r.rating, M, y);
        doc.y = y + 2;
        p.add(doc.struct('Span', {}, () => pen.text(r.text, { x: M + 122, width: W - 122 })));
        doc.x = M;
        doc.y = Math.max(doc.y, y + 16) + 5;
      }
      doc.moveDown(0.3);
      return;
    case 'table':
      return drawTable(pen, sect, b);
    case 'chart':
      pen.ensure(230);
      sect.add(doc.struct('Figure', { alt: b.alt }, () => drawChart(pen, b.chart)));
      sect.add(doc.struct('Caption', {}, () => pen.text(b.caption, { size: 9, colour: TONE.muted })));
      doc.moveDown(0.5);
  }
}

const cellText = (c: Cell) =>
  'text' in c
    ? c.text
    : 'badge' in c
      ? RATING_LABEL[c.badge]
      : c.bar === null
        ? 'not shown'
        : c.bar.toFixed(1);

/** A table whose rows never overlap: each starts below the tallest cell of the one before; the header repeats on a new page. */
function drawTable(pen: Pen, sect: Struct, b: Extract<Block, { kind: 'table' }>): void {
  const { doc } = pen;
  const xs = b.widths.map((_, i) => M + b.widths.slice(0, i).reduce((a, w) => a + w * W, 0));
  const ws = b.widths.map((w) => w * W - 8);
  const table = doc.struct('Table');
  sect.add(table);
  const rowHeight = (texts: string[], weight: Weight) =>
    Math.max(16, ...texts.map((t, i) => pen.height(t, { width: ws[i], weight, size: 9.5 }) + 6));
  const header = () => {
    const y = doc.y;
    const h = rowHeight(b.head, 'bold');
    const tr = doc.struct('TR');
    table.add(tr);
    b.head.forEach((t, i) =>
      tr.add(
        doc.struct('TH', {}, () => {
          doc.y = y;
          pen.text(t, { x: xs[i]!, width: ws[i]!, weight: 'bold', size: 9.5 });
        }),
      ),
    );
    pen.artifact(() =>
      doc
        .moveTo(M, y + h - 2)
        .lineTo(M + W, y + h - 2)
        .strokeColor('#999999')
        .lineWidth(0.8)
        .stroke(),
    );
    doc.y = y + h;
  };
  pen.ensure(rowHeight(b.head, 'bold') + rowHeight(b.rows[0]?.map(cellText) ?? [], 'regular'));
  header();
  for (const row of b.rows) {
    const h = rowHeight(row.map(cellText), 'regular');
    if (doc.y + h > BOTTOM) {
      doc.addPage();
      header();
    }
    const y = doc.y + 3;
    const tr = doc.struct('TR');
    table.add(tr);
    row.forEach((c, i) => {
      const td = doc.struct('TD');
      tr.add(td);
      if ('badge' in c) pen.badge(td, c.badge, xs[i]!, y - 1, Math.min(ws[i]!, 112));
      else if ('bar' in c) {
        const w = Math.max(0, ws[i]! - 34);
        if (c.bar !== null)
          pen.artifact(() =>
            doc
              .rect(xs[i]!, y + 1, w, 8)
              .fill('#eeeeee')
              .rect(xs[i]!, y + 1, Math.max(1, ((c.bar! - 1) / 4) * w), 8)
              .fill(c.colour),
          );
        td.add(
          doc.struct('Span', {}, () => {
            doc.y = y;
            pen.text(cellText(c), {
              x: xs[i]! + (c.bar === null ? 0 : w + 4),
              width: c.bar === null ? ws[i]! : 34,
              size: 9.5,
            });
          }),
        );
      } else
        td.add(
          doc.struct('Span', {}, () => {
            doc.y = y;
            pen.text(c.text, {
              x: xs[i]!,
              width: ws[i]!,
              size: 9.5,
              weight: c.strong ? 'bold' : 'regular',
              ...(c.tone ? { colour: TONE[c.tone] } : {}),
            });
          }),
        );
    });
    pen.artifact(() =>
      doc
        .moveTo(M, y + h - 3)
        .lineTo(M + W, y + h - 3)
        .strokeColor('#e0e0e0')
        .lineWidth(0.5)
        .stroke(),
    );
    doc.x = M;
    doc.y = y + h - 3;
  }
  doc.moveDown(0.6);
}

function drawChart(pen: Pen, chart: TrendChart): void {
  const { doc } = pen;
  const top = doc.y + 10;
  const g = layoutTrendChart(chart, { left: M + 60, top, width: W - 150, height: 160, labelGap: 11 });
  doc.font('regular').fontSize(8.5).fillColor(TONE.muted);
  for (const l of g.grid) {
    doc
      .moveTo(M + 60, l.y)
      .lineTo(M + W - 90, l.y)
      .strokeColor('#e5e5e5')
      .lineWidth(0.5)
      .stroke();
    doc.text(l.label, M, l.y - 4, { width: 55, lineBreak: false });
  }
  for (const c of g.cycles)
    doc.text(c.label, c.x - 30, top + 180, { width: 60, align: 'center', lineBreak: false });
  for (const l of g.lines) {
    for (const run of l.runs) {
      run.forEach((p, i) => (i ? doc.lineTo(p.x, p.y) : doc.moveTo(p.x, p.y)));
      if (l.style.dash.length) doc.dash(l.style.dash[0]!, { space: l.style.dash[1]! });
      doc.strokeColor(l.style.colour).lineWidth(1.8).stroke();
      doc.undash();
      for (const p of run) doc.circle(p.x, p.y, 2.6).fill(l.style.colour);
    }
    if (l.label)
      doc
        .fillColor(l.style.colour)
        .font('bold')
        .fontSize(8.5)
        .text(l.id, l.label.x, l.label.y - 4, { width: 40, lineBreak: false });
  }
  doc.fillColor(INK).font('regular');
  doc.x = M;
  doc.y = top + 200;
}
