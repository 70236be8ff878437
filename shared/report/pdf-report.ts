import PDFDocument from 'pdfkit';
import { fontBytes, SCRIPTS } from './fonts';
import type { Block, ReportDocument, Section } from './document';
import { A4, BODY, BOTTOM, INK, M, Pen, RULE, TONE, W, type Struct, type TextStyle } from './pdf-pen';
import { drawChart, drawTable } from './pdf-figures';

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
    // A fixed creation date (pdfkit would take the clock's) also fixes the file ID derived from it:
    // a report rendered again, to restore it, has the sha256 its manifest recorded.
    info: { Title: d.title, Author: d.trustName, Subject: d.subject, CreationDate: new Date(d.evaluatedAt) },
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
  pen.rule(M, M + W, doc.y + 1, RULE, 1);
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
