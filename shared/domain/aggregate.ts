import { PILLAR_KEYS, type PillarKey } from './pillars';
import type { StoredResponse } from './response';

/** Every question a practitioner answers on a 1-5 scale: the two about feedback, then the pillars. */
export const QUESTIONS = ['safety', 'influence', ...PILLAR_KEYS] as const;
export type Question = (typeof QUESTIONS)[number];
export const isPillar = (q: Question): q is PillarKey => (PILLAR_KEYS as readonly string[]).includes(q);

/** The three bands an answer on the 1-5 scale falls in: 1-2, 3, 4-5. */
export const BANDS = ['disagree', 'neutral', 'agree'] as const;
export type Band = (typeof BANDS)[number];
export const bandOf = (v: number): Band => (v <= 2 ? 'disagree' : v === 3 ? 'neutral' : 'agree');

/** A running mean, with how many answers fell in each band: constant memory however many are added. */
export class Mean {
  sum = 0;
  count = 0;
  disagree = 0;
  agree = 0;
  add(v: number | undefined): void {
    if (v === undefined) return;
    this.sum += v;
    this.count += 1;
    if (bandOf(v) === 'disagree') this.disagree += 1;
    else if (bandOf(v) === 'agree') this.agree += 1;
  }
  get neutral(): number {
    return this.count - this.disagree - this.agree;
  }
}

/** Deterministic PRNG (mulberry32), seeded from text so a re-render of a cycle is identical. */
export function seededRandom(seedText: string): () => number {
  let h = 1779033703 ^ seedText.length;
  // Stryker disable next-line EqualityOperator: one more round only changes which seed a text gives
  for (let i = 0; i < seedText.length; i++) {
    h = Math.imul(h ^ seedText.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  let a = h >>> 0;
  return () => {
    // Stryker disable next-line ArithmeticOperator: stepping back by the constant is as good a generator
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    // Stryker disable next-line ArithmeticOperator: as above; the sample is pinned by its fairness, not its sequence
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What one division-and-role cell holds: a count, and per question how many answered and their sum. */
export interface CellStats {
  count: number;
  comments: number;
  answers: Record<Question, Mean>;
}

const newCell = (): CellStats => ({
  count: 0,
  comments: 0,
  answers: Object.fromEntries(QUESTIONS.map((q) => [q, new Mean()])) as Record<Question, Mean>,
});

export const cellKey = (division: string, role: string) => `${division}|${role}`;

/** Adds up the cells whose key passes `include`: a group's figures, from its cells. */
export function sumCells(
  cells: ReadonlyMap<string, CellStats>,
  include: (division: string, role: string) => boolean,
): CellStats {
  const total = newCell();
  for (const [key, cell] of cells) {
    const [division, role] = key.split('|') as [string, string];
    if (!include(division, role)) continue;
    total.count += cell.count;
    total.comments += cell.comments;
    for (const q of QUESTIONS) {
      total.answers[q].sum += cell.answers[q].sum;
      total.answers[q].count += cell.answers[q].count;
      total.answers[q].disagree += cell.answers[q].disagree;
      total.answers[q].agree += cell.answers[q].agree;
    }
  }
  return total;
}

/** An erased comment's place in the sample: no comment kept is empty (each is trimmed text). */
// Stryker disable next-line StringLiteral: any mark works that no comment kept can be; the empty text is one
const ERASED = '';

/**
 * Folds a cycle's responses one at a time. Everything it keeps is bounded: per division-and-role
 * cell a count and per question a sum and a count, and a fixed-size seeded sample of comments. The
 * cells are never published as such: shared/disclosure decides what may be.
 */
export class ResponseAggregator {
  responses = 0;
  readonly pillars: Record<PillarKey, Mean> = Object.fromEntries(
    PILLAR_KEYS.map((k) => [k, new Mean()]),
  ) as Record<PillarKey, Mean>;
  readonly safety = new Mean();
  readonly influence = new Mean();
  /** Keyed `division|role`. */
  readonly cells = new Map<string, CellStats>();

  /** How many responded per division (internal: for the headcount check, never published). */
  countsByDivision(): Map<string, number> {
    const out = new Map<string, number>();
    for (const [key, cell] of this.cells) {
      const division = key.split('|')[0]!;
      out.set(division, (out.get(division) ?? 0) + cell.count);
    }
    return out;
  }
  private readonly sample: string[] = [];
  private commentsSeen = 0;
  private readonly random: () => number;

  constructor(
    private readonly seed: string,
    private readonly sampleSize = 40,
  ) {
    this.random = seededRandom(`comments:${seed}`);
  }

  add(r: StoredResponse): void {
    this.responses += 1;
    for (const key of PILLAR_KEYS) this.pillars[key].add(r.ratings?.[key]);
    this.safety.add(r.safety);
    this.influence.add(r.influence);
    const key = cellKey(r.division, r.role);
    const cell = this.cells.get(key) ?? newCell();
    cell.count += 1;
    cell.answers.safety.add(r.safety);
    cell.answers.influence.add(r.influence);
    for (const p of PILLAR_KEYS) cell.answers[p].add(r.ratings?.[p]);
    this.cells.set(key, cell);
    // An erased comment keeps its place, as an empty one: it is counted and sampled as before, so
    // the cycle's figures and the other comments shown are the same as when it was published.
    const comment = r.comment?.trim() || (r.commentErased ? ERASED : undefined);
    if (comment !== undefined) {
      cell.comments += 1;
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
    // A fresh generator seeded by the cycle: asking twice gives the same order.
    const random = seededRandom(`shuffle:${this.seed}`);
    // Stryker disable next-line EqualityOperator: a last step at 0 would swap the first comment with itself
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    return { shown: shuffled.filter((c) => c !== ERASED), total: this.commentsSeen };
  }
}
