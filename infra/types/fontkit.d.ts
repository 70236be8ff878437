declare module 'fontkit' {
  /** The part of a fontkit font the report uses: whether it can draw a character. */
  export interface Font {
    postscriptName: string;
    hasGlyphForCodePoint(codePoint: number): boolean;
  }
  export function create(buffer: Buffer): Font;
}
