import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/**
 * The report's typeface, Noto Sans (SIL Open Font License), embedded in every PDF so it looks the
 * same everywhere and no reader substitutes a font. In a Lambda bundle the files sit in ./fonts/
 * beside the code (copied there at bundling); in a checkout they come from the npm package.
 */
export const FONT_FILES = {
  regular: 'noto-sans-latin-400-normal.woff',
  bold: 'noto-sans-latin-700-normal.woff',
} as const;

const cache = new Map<string, Buffer>();

export function fontBytes(weight: keyof typeof FONT_FILES): Buffer {
  const name = FONT_FILES[weight];
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
