// Where the verified form's private group keys live, apart from the group keys' repository (and
// its blind-signing code), so the evaluate step, which only deletes them, loads none of it.
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where the private halves live: never in the table. Secrets Manager in the cloud, a folder locally.
 * Every name begins with its cycle (`privateKeyName`), so a cycle's keys go together.
 */
export interface PrivateKeyStore {
  put(name: string, privateKey: string): Promise<void>;
  get(name: string): Promise<string>;
}

/**
 * Retiring a cycle's private keys once its form is final (the evaluate step). Apart from the store,
 * so the issuing function's bundle carries no delete code, and the evaluate step's no signing code.
 */
export interface PrivateKeyRetirement {
  /**
   * Deletes every private key of the cycle, and no other; returns how many it deleted. A cycle with
   * none left (a retry, a re-run) deletes nothing and succeeds.
   */
  deleteCycle(cycleId: string): Promise<number>;
}

/** The private key's name: its cycle first, then its group and its public key's fingerprint. */
export const privateKeyName = (cycleId: string, group: string, kid: string): string =>
  `${cyclePrefix(cycleId)}${group.replace('|', '/')}/${kid}`;

/** What every private key name of the cycle begins with (cycle ids hold no `/`, so no other cycle's does). */
export const cyclePrefix = (cycleId: string): string => `${cycleId}/`;

/** A local folder (under `.pillar7/`), each key a file only its owner may read. */
export class FilePrivateKeyStore implements PrivateKeyStore, PrivateKeyRetirement {
  constructor(private readonly dir: string) {}

  async put(name: string, privateKey: string): Promise<void> {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    writeFileSync(this.file(name), privateKey, { mode: 0o600, flag: 'wx' });
  }

  async get(name: string): Promise<string> {
    return readFileSync(this.file(name), 'utf8');
  }

  async deleteCycle(cycleId: string): Promise<number> {
    const prefix = encodeURIComponent(cyclePrefix(cycleId));
    let files: string[];
    try {
      files = readdirSync(this.dir);
    } catch (err) {
      // No folder: no key was ever made here.
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw err;
    }
    const mine = files.filter((f) => f.startsWith(prefix) && f.endsWith('.key'));
    for (const f of mine) rmSync(join(this.dir, f), { force: true });
    return mine.length;
  }

  private file(name: string): string {
    return join(this.dir, `${encodeURIComponent(name)}.key`);
  }
}
