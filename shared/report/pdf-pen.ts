import type { Rating } from '../domain/evaluation';
import { scriptRuns, type Weight } from './fonts';
import { RATING_COLOUR, RATING_LABEL } from './labels';

/** The page and type the PDF is drawn to: A4, 50 pt margins, Noto Sans at 10 pt. */
export const A4 = { width: 595.28, height: 841.89 };
export const M = 50;
export const W = A4.width - 2 * M;
export const BOTTOM = A4.height - M - 16;
export const INK = '#1a1a1a';
export const TONE = { muted: '#555555', warn: RATING_COLOUR.red.bg } as const;
export const RULE = '#cccccc';
export const BODY = 10;
export const GAP = 2;

export type Doc = PDFKit.PDFDocument;
export type Struct = PDFKit.PDFStructureElement;

export interface TextStyle {
  size?: number;
  weight?: Weight;
  colour?: string;
  x?: number;
  width?: number;
  indent?: number;
}

/** Draws text in the report's fonts, a run per script, using pdfkit's public API only. */
export class Pen {
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

  /** A horizontal rule from x1 to x2 at y: decoration, so an artifact. */
  rule(x1: number, x2: number, y: number, colour: string, width: number): void {
    this.artifact(() => this.doc.moveTo(x1, y).lineTo(x2, y).strokeColor(colour).lineWidth(width).stroke());
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
