/**
 * The seven pillars of improvement at scale (Forum Strategy). Labels and summaries here are our own
 * paraphrase; the framework's wording belongs to Forum Strategy and is credited in every report.
 */
export const PILLAR_KEYS = [
  'vision',
  'capacity',
  'commitment',
  'intelligence',
  'process',
  'innovation',
  'assurance',
] as const;

export type PillarKey = (typeof PILLAR_KEYS)[number];

export const PILLARS: Record<PillarKey, { number: number; label: string; summary: string }> = {
  vision: {
    number: 1,
    label: 'Vision for improvement',
    summary: 'a shared picture of what better looks like',
  },
  capacity: { number: 2, label: 'Capacity', summary: 'the people and time to make improvement happen' },
  commitment: { number: 3, label: 'Collective commitment', summary: 'everyone owning improvement together' },
  intelligence: {
    number: 4,
    label: 'Intelligence and data',
    summary: 'knowing where things stand and why',
  },
  process: {
    number: 5,
    label: 'Project and process management',
    summary: 'improvement work that is planned and followed through',
  },
  innovation: {
    number: 6,
    label: 'Innovation, research and development',
    summary: 'trying, testing and learning from new approaches',
  },
  assurance: {
    number: 7,
    label: 'Quality assurance',
    summary: 'checking the improvement model itself works and keeps getting better',
  },
};

export const FRAMEWORK_CREDIT =
  "The criteria paraphrase the quality assurance pillar of Forum Strategy's seven pillars of improvement at scale. The framework is Forum Strategy's; the wording here is ours.";

/** Accepts a pillar key or its number 1-7, as QA leads write either in their spreadsheets. */
export function parsePillar(value: string): PillarKey | undefined {
  const v = value.trim().toLowerCase();
  if ((PILLAR_KEYS as readonly string[]).includes(v)) return v as PillarKey;
  // A whole number from 1 to 7 is its pillar; any other number is no entry of the list.
  return PILLAR_KEYS[Number(v) - 1];
}
