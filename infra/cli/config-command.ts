import { resolve } from 'node:path';
import { loadConfigFile } from '../../shared/config/load-config';
import { configWarnings } from '../../shared/config/warnings';
import { dayIn } from '../../shared/domain/anonymity';
import { UsageError } from './usage';

/** `config validate FILE`: the file checked, its shape summarised, and every warning; no database. */
export function validateConfig(file: string | undefined, out: (l: string) => void): number {
  if (!file) throw new UsageError('config validate needs a FILE');
  const config = loadConfigFile(resolve(file));
  out(
    `${file} is a valid trust config: ${config.trust.name}, ${config.divisions.length} divisions, ${config.objectives.length} objectives, ${config.cycles.length} cycles.`,
  );
  for (const w of configWarnings(config, dayIn(config.timezone, new Date()))) out(`warning: ${w}`);
  return 0;
}
