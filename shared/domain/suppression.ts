/**
 * Minimum group size with complementary suppression, over a set of figures and the sums that link
 * them (a division's total is the sum of its role cells; the trust total is the sum of the divisions).
 *
 * Every figure under k is hidden. Then, while any sum has exactly one hidden figure in it (so that
 * figure could be worked out by subtracting the others from the sum), the smallest visible figure in
 * that sum is hidden too. Figures marked `fixed` (the published trust total) are never hidden.
 */
export interface Relation {
  /** The figures that add up: the first is the total, the rest its parts. */
  total: string;
  parts: string[];
}

export function suppress(
  counts: ReadonlyMap<string, number>,
  relations: Relation[],
  k: number,
  fixed: ReadonlySet<string> = new Set(),
): Set<string> {
  const count = (id: string) => counts.get(id) ?? 0;
  const hidden = new Set([...counts.keys()].filter((id) => !fixed.has(id) && count(id) < k));
  for (let changed = true; changed;) {
    changed = false;
    for (const { total, parts } of relations) {
      const members = [total, ...parts];
      const unknown = members.filter((m) => hidden.has(m));
      if (unknown.length !== 1) continue;
      const candidate = members
        .filter((m) => !hidden.has(m) && !fixed.has(m))
        .sort((a, b) => count(a) - count(b) || a.localeCompare(b))[0];
      if (candidate === undefined) continue;
      hidden.add(candidate);
      changed = true;
    }
  }
  return hidden;
}
