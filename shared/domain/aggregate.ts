import { suppress } from './suppression';
import { PILLAR_KEYS, type PillarKey } from './pillars';
import type { StoredResponse } from '../schemas/response';

/** A running mean: constant memory however many values are added. */
export class Mean {
  sum = 0;
  count = 0;
  add(v: number | undefined): void {
    if (v === undefined) return;
    this.sum += v;
    this.count += 1;
  }
  get value(): number | undefined {
    return this.count === 0 ? undefined : this.sum / this.count;
  }
}

/** Deterministic PRNG (mulberry32), seeded from text so a re-render of a cycle is identical. */
export function seededRandom(seedText: string): () => number {
  let h = 1779033703 ^ seedText.length;
  for (let i = 0; i < seedText.length; i++) {
    h = Math.imul(h ^ seedText.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GroupStats {
  count: number;
  safety: Mean;
  influence: Mean;
}

/**
 * Folds a cycle's responses one at a time. Everything it keeps is bounded: sums and counts per
 * pillar and per group, and a fixed-size seeded sample of comments.
 */
export class ResponseAggregator {
  responses = 0;
  readonly pillars: Record<PillarKey, Mean> = Object.fromEntries(
    PILLAR_KEYS.map((k) => [k, new Mean()]),
  ) as Record<PillarKey, Mean>;
  readonly safety = new Mean();
  readonly influence = new Mean();
  readonly byDivision = new Map<string, GroupStats>();
  readonly byRole = new Map<string, GroupStats>();
  /** Keyed `division|role`. */
  readonly byDivisionRole = new Map<string, GroupStats>();
  private readonly sample: string[] = [];
  private commentsSeen = 0;
  private readonly random: () => number;

  constructor(
    seed: string,
    private readonly sampleSize = 40,
  ) {
    this.random = seededRandom(`comments:${seed}`);
  }

  add(r: StoredResponse): void {
    this.responses += 1;
    for (const key of PILLAR_KEYS) this.pillars[key].add(r.ratings?.[key]);
    this.safety.add(r.safety);
    this.influence.add(r.influence);
    for (const [map, group] of [
      [this.byDivision, r.division],
      [this.byRole, r.role],
      [this.byDivisionRole, `${r.division}|${r.role}`],
    ] as const) {
      const stats = map.get(group) ?? { count: 0, safety: new Mean(), influence: new Mean() };
      stats.count += 1;
      stats.safety.add(r.safety);
      stats.influence.add(r.influence);
      map.set(group, stats);
    }
    const comment = r.comment?.trim();
    if (comment) {
      // Reservoir sampling: every comment has the same chance of being kept, in constant memory.
      this.commentsSeen += 1;
      if (this.sample.length < this.sampleSize) this.sample.push(comment);
      else {
        const j = Math.floor(this.random() * this.commentsSeen);
        if (j < this.sampleSize) this.sample[j] = comment;
      }
    }
  }

  /** The kept comments in a seeded shuffled order, so their order says nothing about who or when. */
  comments(): { shown: string[]; total: number } {
    const shuffled = [...this.sample];
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(this.random() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    return { shown: shuffled, total: this.commentsSeen };
  }
}

export interface PublishedGroup {
  group: string;
  count: number | null;
  safetyMean: number | null;
  influenceMean: number | null;
}

export interface PublishedBreakdowns {
  byDivision: PublishedGroup[];
  byRole: PublishedGroup[];
  /** Each cell is `division|role`. */
  byDivisionAndRole: PublishedGroup[];
}

/**
 * The practitioner breakdowns as they may be published: by division, by role and by their cross,
 * suppressed together (see suppression.ts), because a division's total and its role cells are
 * linked sums and hiding in one table alone could be undone from the other.
 */
export function publishBreakdowns(agg: ResponseAggregator, k: number): PublishedBreakdowns {
  const counts = new Map<string, number>();
  const id = { d: (g: string) => `d:${g}`, r: (g: string) => `r:${g}`, c: (g: string) => `c:${g}` };
  for (const [g, s] of agg.byDivision) counts.set(id.d(g), s.count);
  for (const [g, s] of agg.byRole) counts.set(id.r(g), s.count);
  for (const [g, s] of agg.byDivisionRole) counts.set(id.c(g), s.count);
  counts.set('total', agg.responses);
  const cells = [...agg.byDivisionRole.keys()];
  const relations = [
    { total: 'total', parts: [...agg.byDivision.keys()].map(id.d) },
    { total: 'total', parts: [...agg.byRole.keys()].map(id.r) },
    ...[...agg.byDivision.keys()].map((d) => ({
      total: id.d(d),
      parts: cells.filter((c) => c.startsWith(`${d}|`)).map(id.c),
    })),
    ...[...agg.byRole.keys()].map((r) => ({
      total: id.r(r),
      parts: cells.filter((c) => c.endsWith(`|${r}`)).map(id.c),
    })),
  ];
  const hidden = suppress(counts, relations, k, new Set(['total']));
  const figure = (m: Mean) => (m.count >= k && m.value !== undefined ? m.value : null);
  const publish = (map: Map<string, GroupStats>, key: (g: string) => string): PublishedGroup[] =>
    [...map.entries()]
      .map(([group, s]) =>
        hidden.has(key(group))
          ? { group, count: null, safetyMean: null, influenceMean: null }
          : { group, count: s.count, safetyMean: figure(s.safety), influenceMean: figure(s.influence) },
      )
      .sort((a, b) => a.group.localeCompare(b.group));
  return {
    byDivision: publish(agg.byDivision, id.d),
    byRole: publish(agg.byRole, id.r),
    byDivisionAndRole: publish(agg.byDivisionRole, id.c),
  };
}
