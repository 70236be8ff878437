import middy from '@middy/core';
import { log, logContext } from '../../shared/log';
import { loadEnv } from '../../shared/schemas/env';
import { cycleStepEventSchema, parseEvent } from '../../shared/schemas/events';
import { feedbackDeps } from '../../shared/feedback/deps';
import { openFormForCycle } from '../../shared/feedback/open-form';

const deps = feedbackDeps(loadEnv('http').TABLE_NAME);

/** At each cycle's start: opens its practitioner form, or finds the one a QA lead already opened. */
export const handler = middy()
  .use(logContext())
  .handler(async (event: unknown) => {
    const { cycleId } = parseEvent(cycleStepEventSchema, event);
    const { form, created } = await openFormForCycle(cycleId, undefined, deps);
    log.info('open-form', {
      cycleId,
      formId: form.formId,
      closesOn: form.closesOn,
      created,
    });
    return { cycleId, formId: form.formId, closesOn: form.closesOn, created };
  });
