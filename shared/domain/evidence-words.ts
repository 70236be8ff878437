import { PILLARS } from './pillars';
import { ukDate } from './dates';
import type { CycleEvidence } from './evidence';
import type { CriterionId } from './evaluation';

/** What the words need to name things: division names and objective titles, from the trust config. */
export interface Names {
  divisions: readonly { id: string; name: string }[];
  objectives: readonly { id: string; title: string }[];
}

/** At most this many sources are listed for a criterion; the rest are counted. */
export const MAX_SOURCES = 8;

const listed = (items: string[], noun: string): string[] =>
  items.length <= MAX_SOURCES
    ? items
    : [...items.slice(0, MAX_SOURCES - 1), `and ${items.length - MAX_SOURCES + 1} more ${noun}`];

/**
 * The evidence behind a criterion in words a governor reads (meetings by date and what they
 * looked at, peer reviews by school, pillar and date, changes by what they did), never the
 * database's ids. Practitioners' answers are described by the figures, not here.
 */
export function evidenceWords(
  id: CriterionId,
  recordIds: readonly string[],
  ev: CycleEvidence,
  names: Names,
): string[] {
  const ids = new Set(recordIds);
  const division = (d: string) =>
    d === 'trust' ? 'the whole trust' : (names.divisions.find((x) => x.id === d)?.name ?? d);
  const objective = (o: string) => names.objectives.find((x) => x.id === o)?.title ?? o;
  switch (id) {
    case 'QA1':
      return listed(
        ev.boardReviews
          .filter((b) => ids.has(b.meetingId))
          .sort((a, b) => a.date.localeCompare(b.date))
          .map(
            (b) =>
              `Board meeting of ${ukDate(b.date)}, which looked at ${b.objectiveIds.map(objective).join('; ') || 'no objective'}`,
          ),
        'meetings',
      );
    case 'QA2': {
      const visits = new Map<
        string,
        { date: string; division: string; pillars: string[]; external: boolean }
      >();
      for (const r of ev.peerReviews.filter((r) => ids.has(r.reviewId))) {
        const key = `${r.reviewId}#${r.division}`;
        const v = visits.get(key) ?? { date: r.date, division: r.division, pillars: [], external: false };
        v.pillars.push(PILLARS[r.pillar].label.toLowerCase());
        v.external ||= r.reviewerType === 'external';
        visits.set(key, v);
      }
      return listed(
        [...visits.values()]
          .sort((a, b) => a.date.localeCompare(b.date) || a.division.localeCompare(b.division))
          .map(
            (v) =>
              `Peer review of ${division(v.division)} on ${ukDate(v.date)} (${v.pillars.join(', ')}), by ${v.external ? 'an external' : 'an internal'} reviewer`,
          ),
        'reviews',
      );
    }
    case 'QA3':
      return recordIds.length
        ? [
            `The ${recordIds.length} recommendation${recordIds.length === 1 ? '' : 's'} from peer reviews due by the end of the cycle, each listed in the recommendations ledger`,
          ]
        : [];
    case 'QA4':
      return [
        ev.headcount.length
          ? "Practitioners' anonymous answers, and the imported staff headcount"
          : "Practitioners' anonymous answers (no staff headcount was imported)",
      ];
    case 'QA5':
      return listed(
        ev.modelChanges
          .filter((c) => ids.has(c.changeId))
          .sort((a, b) => a.date.localeCompare(b.date))
          .map((c) => `${ukDate(c.date)}: ${c.description}`),
        'changes',
      );
  }
}
