import type { PillarKey } from './pillars';
import type { Role } from './roles';

/** What is stored for one response: its cycle, a random id and the answers. Nothing else: not even a date. */
export interface StoredResponse {
  responseId: string;
  cycleId: string;
  ratings: Partial<Record<PillarKey, number>>;
  safety?: number;
  influence?: number;
  role: Role;
  division: string;
  comment?: string;
  /** The comment was erased for data protection: it still counts as a comment, with no text. */
  commentErased?: true;
}
