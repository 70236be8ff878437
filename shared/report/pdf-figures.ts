import type { Block, Cell } from './document';
import { RATING_LABEL } from './labels';
import { layoutTrendChart, type TrendChart } from './trend-chart';
import { BOTTOM, INK, M, TONE, W, type Pen, type Struct } from './pdf-pen';
import type { Weight } from './fonts';

export const cellText = (c: Cell) =>
  'text' in c
    ? c.text
    : 'badge' in c
      ? RATING_LABEL[c.badge]
      : c.bar === null
        ? 'not shown'
        : c.bar.toFixed(1);

/** A table whose rows never overlap: each starts below the tallest cell of the one before; the header repeats on a new page. */
export function drawTable(pen: Pen, sect: Struct, b: Extract<Block, { kind: 'table' }>): void {
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
    pen.rule(M, M + W, y + h - 2, '#999999', 0.8);
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
    pen.rule(M, M + W, y + h - 3, '#e0e0e0', 0.5);
    doc.x = M;
    doc.y = y + h - 3;
  }
  doc.moveDown(0.6);
}

export function drawChart(pen: Pen, chart: TrendChart): void {
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
