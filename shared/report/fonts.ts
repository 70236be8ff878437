import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as fontkit from 'fontkit';

/**
 * The report's typeface, Noto Sans (SIL Open Font License), embedded in every PDF so it looks the
 * same everywhere and no reader substitutes a font. In a Lambda bundle the files sit in ./fonts/
 * beside the code (copied there at bundling); in a checkout they come from the npm package.
 */
/** The scripts the report can print, in the order a character is looked for: Latin first. */
export const SCRIPTS = [
  'latin',
  'latin-ext',
  'greek',
  'greek-ext',
  'cyrillic',
  'cyrillic-ext',
  'vietnamese',
] as const;
export type Script = (typeof SCRIPTS)[number];
export type Weight = 'regular' | 'bold';

const fileOf = (weight: Weight, script: Script) =>
  `noto-sans-${script}-${weight === 'bold' ? 700 : 400}-normal.woff`;

/** Every font file the report embeds (as needed): each script, regular and bold. */
export const FONT_FILES: Record<string, string> = Object.fromEntries(
  (['regular', 'bold'] as const).flatMap((w) => SCRIPTS.map((s) => [`${w}-${s}`, fileOf(w, s)])),
);

const cache = new Map<string, Buffer>();

export function fontBytes(weight: Weight, script: Script = 'latin'): Buffer {
  const name = fileOf(weight, script);
  const hit = cache.get(name);
  if (hit) return hit;
  const beside = fileURLToPath(new URL(`./fonts/${name}`, import.meta.url));
  const path = existsSync(beside)
    ? beside
    : createRequire(import.meta.url).resolve(`@fontsource/noto-sans/files/${name}`);
  const bytes = readFileSync(path);
  cache.set(name, bytes);
  return bytes;
}

const glyphs = new Map<string, { hasGlyphForCodePoint(cp: number): boolean }>();
const faceOf = (weight: Weight, script: Script) => {
  const key = `${weight}-${script}`;
  let face = glyphs.get(key);
  if (!face) {
    face = fontkit.create(fontBytes(weight, script)) as unknown as {
      hasGlyphForCodePoint(cp: number): boolean;
    };
    glyphs.set(key, face);
  }
  return face;
};

/**
 * Text split into runs, each in the first script's font that draws all of it (Latin first; spaces
 * and punctuation stay with the run they are in). A character no font has becomes "?" in the Latin
 * run.
 */
export function scriptRuns(text: string, weight: Weight): { script: Script; text: string }[] {
  const runs: { script: Script; text: string }[] = [];
  for (const c of text) {
    const cp = c.codePointAt(0)!;
    const current = runs.at(-1);
    const found =
      current && faceOf(weight, current.script).hasGlyphForCodePoint(cp)
        ? current.script
        : SCRIPTS.find((s) => faceOf(weight, s).hasGlyphForCodePoint(cp));
    // A character no embedded font can draw prints as "?" (in the Latin run), not as an empty box.
    const ch = found || c === '\n' ? c : '?';
    const script = found ?? 'latin';
    if (current && current.script === script) current.text += ch;
    else runs.push({ script, text: ch });
  }
  return runs;
}
