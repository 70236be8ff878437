/**
 * What the rubric reads of a trust: its name, objectives, divisions, thresholds, anonymity and
 * cycles. The domain owns these types; shared/schemas/config.ts validates a config file into them
 * (and fails to compile if it ever stops doing so).
 */

/** A green and an amber threshold: green at or above `green`, amber at or above `amber`. */
export interface Band {
  green: number;
  amber: number;
}

/** The rubric's thresholds (SPEC section 2). */
export interface Thresholds {
  qa1Coverage: Band;
  qa1KpiMissingCap: number;
  qa2PillarsCovered: Band;
  qa2WindowMonths: number;
  qa3Closed: Band;
  qa3OverdueDaysCap: number;
  qa4Participation: Band;
  qa4Safety: Band;
  qa5MinChanges: number;
  qa5Influence: number;
  triangulationGap: number;
}

/** One cycle: its id and its first and last days (YYYY-MM-DD). */
export interface Cycle {
  id: string;
  start: string;
  end: string;
}

/** The slice of the trust config a cycle is judged with. */
export interface RubricConfig {
  trust: { name: string };
  objectives: readonly { id: string; title: string }[];
  divisions: readonly { id: string; name: string }[];
  thresholds: Thresholds;
  anonymity: { k: number; commentThreshold: number };
}
