import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project's root folder, found by walking up from this module to the package.json that names
 * the project: the same answer whether this runs from its source (through tsx) or from the CLI's
 * compiled bundle under dist/.
 */
function findRoot(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'pillar7-qa'
    )
      return dir;
    if (dirname(dir) === dir) throw new Error('pillar7: cannot find the project folder (its package.json)');
  }
}

let root: string | undefined;

/** A file of the project, by its path from the project's root. */
export const repoFile = (path: string): string => join((root ??= findRoot()), path);
