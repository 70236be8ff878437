import { cellKey } from '../domain/aggregate';
import type { Universe } from './reader-model';

export interface AuditSet {
  /** A description for logs and tests; never published (it would say the set is small). */
  label: string;
  cells: string[];
}

/** The sets of respondents the audit protects: every division and role combination a reader could name. */
export function describableSets(u: Universe, combinedGroups: string[][] = []): AuditSet[] {
  const roleSubsets: string[][] = [];
  for (let mask = 1; mask < 1 << u.roles.length; mask++)
    roleSubsets.push(u.roles.filter((_, i) => mask & (1 << i)));
  const sets = new Map<string, AuditSet>();
  const add = (label: string, divisions: string[], roles: string[]) => {
    const cells = divisions.flatMap((d) => roles.map((r) => cellKey(d, r))).sort();
    // The same cells named another way (a combined group listed in another order) are the same set.
    const id = cells.join();
    if (!sets.has(id)) sets.set(id, { label, cells });
  };
  for (const roles of roleSubsets) {
    const r = roles.join('+');
    for (const d of u.divisions) add(`${d} × ${r}`, [d], roles);
    add(`all divisions × ${r}`, u.divisions, roles);
    for (const g of combinedGroups) add(`${g.join('+')} × ${r}`, g, roles);
  }
  return [...sets.values()];
}
