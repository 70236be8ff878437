import { subtractMonths } from './dates';

/** Months each kind of record is kept (the trust config's `retention`). */
export interface RetentionMonths {
  responses: number;
  evaluations: number;
  reports: number;
  evidence: number;
}

const epochSeconds = (day: string) => Math.floor(Date.parse(`${day}T00:00:00Z`) / 1000);

/**
 * When each record is deleted, as a DynamoDB TTL (seconds since the epoch). A response's expiry
 * comes from its cycle's last day, the same for every response of the cycle, so it says nothing
 * about when anyone answered (SPEC section 3).
 */
export class Retention {
  private readonly ends: ReadonlyMap<string, string>;

  constructor(
    readonly months: RetentionMonths,
    cycles: readonly { id: string; end: string }[],
    private readonly now: () => Date = () => new Date(),
  ) {
    this.ends = new Map(cycles.map((c) => [c.id, c.end]));
  }

  static of(config: {
    retention: RetentionMonths;
    cycles: readonly { id: string; end: string }[];
  }): Retention {
    return new Retention(config.retention, config.cycles);
  }

  /**
   * Responses, their comments and the QA lead's moderation of them. Undefined (kept) for a cycle the
   * config does not list: an expiry counted from the day of writing would date each response.
   */
  responses(cycleId: string): number | undefined {
    const end = this.ends.get(cycleId);
    return end === undefined ? undefined : epochSeconds(subtractMonths(end, -this.months.responses));
  }

  /** The cycle's evaluation, run record and form; undefined (kept) for a cycle the config does not list. */
  cycleRecords(cycleId: string): number | undefined {
    const end = this.ends.get(cycleId);
    return end === undefined ? undefined : epochSeconds(subtractMonths(end, -this.months.evaluations));
  }

  /**
   * The record that a comment was erased: kept as long as what it accounts for, the cycle's records
   * and the report files written again without the comment, whichever is deleted last. Undefined
   * (kept) for a cycle the config does not list.
   */
  erasures(cycleId: string): number | undefined {
    const records = this.cycleRecords(cycleId);
    if (records === undefined) return undefined;
    const today = this.now().toISOString().slice(0, 10);
    return Math.max(records, epochSeconds(subtractMonths(today, -this.months.reports)));
  }

  /** Imported evidence, from the day it was imported. */
  evidence(): number {
    return epochSeconds(subtractMonths(this.now().toISOString().slice(0, 10), -this.months.evidence));
  }
}
