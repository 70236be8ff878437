import { documentClient } from '../../shared/aws/dynamodb';
import { seededRandom } from '../../shared/domain/aggregate';
import { dayIn } from '../../shared/domain/anonymity';
import { PILLAR_KEYS } from '../../shared/domain/pillars';
import { openFormForCycle } from '../../shared/feedback/open-form';
import { recordResponse } from '../../shared/feedback/submit';
import { ROLES } from '../../shared/schemas/response';
import type { TrustConfig } from '../../shared/schemas/config';
import { FormRepository } from '../../shared/store/forms';
import { ResponseRepository } from '../../shared/store/responses';
import { LOCAL_NAMES } from '../local/environment';
import { progressBar } from './progress';
import { UnknownCycleError } from '../../shared/errors';
import { Retention } from '../../shared/domain/retention';

/**
 * `pillar7 seed --responses N`: synthetic practitioner responses for demos and benchmarks, sent
 * through the same submit use case as the form, into the cycle open today (or the latest one).
 */
export async function seedResponses(
  config: TrustConfig,
  count: number,
  cycleId?: string,
): Promise<{ cycleId: string; stored: number }> {
  const today = dayIn(config.timezone, new Date());
  const sorted = [...config.cycles].sort((a, b) => a.start.localeCompare(b.start));
  const cycle = cycleId
    ? config.cycles.find((c) => c.id === cycleId)
    : ([...sorted].reverse().find((c) => c.start <= today) ?? sorted[0]);
  if (!cycle) throw new UnknownCycleError(String(cycleId), config.cycles);
  const db = documentClient();
  const forms = new FormRepository(db, LOCAL_NAMES.table, Retention.of(config));
  const { form } = await openFormForCycle(cycle.id, undefined, { config, forms, now: () => new Date() });
  const responses = new ResponseRepository(db, LOCAL_NAMES.table, Retention.of(config));
  const random = seededRandom(`seed:${cycle.id}:${Date.now()}`);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const divisions = [...config.divisions.map((d) => d.id), 'undisclosed'];
  // Responses arrive on a day inside the form's window, so the form is open for each of them.
  const day = new Date(
    `${form.opensOn > today ? form.opensOn : today < form.closesOn ? today : form.closesOn}T12:00:00Z`,
  );
  const bar = progressBar(count);
  for (let i = 0; i < count; i++) {
    await recordResponse(
      form.formId,
      {
        ratings: Object.fromEntries(
          PILLAR_KEYS.filter(() => random() > 0.1).map((k) => [k, 1 + Math.floor(random() * 5)]),
        ),
        safety: 1 + Math.floor(random() * 5),
        influence: 1 + Math.floor(random() * 5),
        role: pick(ROLES),
        division: pick(divisions),
      },
      { config, forms, responses, now: () => day },
    );
    bar.update(i + 1, `${(i + 1).toLocaleString('en-GB')} of ${count.toLocaleString('en-GB')} responses`);
  }
  bar.end();
  return { cycleId: cycle.id, stored: count };
}
