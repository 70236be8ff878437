import type { TrustConfig } from '../schemas/config';
import { dayIn } from '../domain/anonymity';
import { newFormId, type Form } from '../domain/forms';
import { FormExistsError, UnknownCycleError, ValidationError } from '../errors';
import { parseDay } from '../domain/dates';
import type { FormRepository } from '../store/forms';

export interface OpenFormDeps {
  config: TrustConfig;
  forms: FormRepository;
  now: () => Date;
}

export interface OpenedForm {
  form: Form;
  created: boolean;
}

/**
 * Opens the practitioner form for a cycle, or returns the one already open, so the schedule at
 * cycle start and a QA lead's `pillar7 form open` never make two links for one cycle. `closes`
 * moves the closing date (DD/MM/YYYY or YYYY-MM-DD); by default the form closes when the cycle ends.
 */
export async function openFormForCycle(
  cycleId: string,
  closes: string | undefined,
  deps: OpenFormDeps,
): Promise<OpenedForm> {
  const cycle = deps.config.cycles.find((c) => c.id === cycleId);
  if (!cycle) throw new UnknownCycleError(cycleId, deps.config.cycles);
  const today = dayIn(deps.config.timezone, deps.now());
  let closesOn = cycle.end;
  if (closes !== undefined) {
    const day = parseDay(closes);
    if (!day)
      throw new ValidationError([
        { path: 'closes', message: `"${closes}" is not a real date as YYYY-MM-DD or DD/MM/YYYY` },
      ]);
    if (day < today)
      throw new ValidationError([
        { path: 'closes', message: `${day} is in the past; a form must close today or later` },
      ]);
    if (day < cycle.start)
      throw new ValidationError([
        { path: 'closes', message: `${day} is before the cycle starts (${cycle.start})` },
      ]);
    closesOn = day;
  }
  const existing = await deps.forms.getForCycle(cycleId);
  if (!existing && closesOn < today)
    throw new ValidationError([
      {
        path: 'cycleId',
        message: `${cycleId} ended on ${cycle.end}, so a form opened now would already be closed; to collect responses late, give a closing date of today or later (--closes)`,
      },
    ]);
  if (existing && closes !== undefined && existing.closesOn !== closesOn && existing.figuresComputed)
    throw new ValidationError([
      {
        path: 'closes',
        message: `the practitioner figures of ${cycleId} have been worked out from its closed form, so it cannot be reopened or extended: figures from more responses, set beside the first, would give the newcomers away`,
      },
    ]);
  if (existing) {
    const form =
      closes !== undefined && existing.closesOn !== closesOn
        ? await deps.forms.setClosesOn(existing, closesOn)
        : existing;
    return { form, created: false };
  }
  const form: Form = {
    formId: newFormId(),
    cycleId,
    opensOn: cycle.start,
    closesOn,
    anonymity: { ...deps.config.anonymity },
    access: deps.config.form.access,
  };
  try {
    await deps.forms.create(form);
  } catch (err) {
    // Another caller opened this cycle's form a moment ago: theirs is the one.
    if (err instanceof FormExistsError) return openFormForCycle(cycleId, closes, deps);
    throw err;
  }
  return { form, created: true };
}
