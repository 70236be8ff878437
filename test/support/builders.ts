import type { CycleEvidence } from '../../shared/domain/evidence';
import { ResponseAggregator } from '../../shared/domain/aggregate';
import type { StoredResponse } from '../../shared/schemas/response';

export const emptyEvidence = (): CycleEvidence => ({
  peerReviews: [],
  recommendations: [],
  boardReviews: [],
  kpis: [],
  modelChanges: [],
  headcount: [],
});

let seq = 0;
export function response(patch: Partial<StoredResponse> = {}): StoredResponse {
  seq += 1;
  return {
    responseId: `r-${seq}`,
    cycleId: '2026-autumn',
    receivedOn: '2026-10-01',
    ratings: {},
    role: 'delivery',
    division: 'oak-primary',
    ...patch,
  };
}

export function aggregate(responses: StoredResponse[], seed = '2026-autumn'): ResponseAggregator {
  const agg = new ResponseAggregator(seed);
  for (const r of responses) agg.add(r);
  return agg;
}

export const times = <T>(n: number, make: (i: number) => T): T[] =>
  Array.from({ length: n }, (_, i) => make(i));
