// Pins what the form promises about keeping answers: the day they are deleted, from the config's
// retention and the cycle's end, on the open form and the verified one alike.
import { describe, expect, it } from 'vitest';
import { exampleConfig } from '../support/fixtures';
import { formDefinition } from '../../shared/feedback/form-definition';
import { renderFormPage } from '../../shared/feedback/form-page';
import { renderVerifyPage } from '../../shared/feedback/verified-pages';

const form = (cycleId: string) => ({
  ...{ formId: 'f1', cycleId, opensOn: '2026-09-02', closesOn: '2026-12-18' },
  anonymity: { k: 5, commentThreshold: 10 },
});

describe('the privacy notice says how long answers are kept', () => {
  it('names the day of deletion: the cycle end plus the months the config keeps responses', () => {
    const config = { ...exampleConfig(), retention: { ...exampleConfig().retention, responses: 18 } };
    // 2026-autumn ends on 18 December 2026; 18 months on is 18 June 2028.
    const def = formDefinition(form('2026-autumn'), config);
    expect(def).toMatchObject({ retentionMonths: 18, keptUntil: '2028-06-18' });
    const words =
      'Your answers and comment are deleted on 18 June 2028, 18 months after this review cycle ends.';
    expect(renderFormPage(def, '/f/f1', 'token')).toContain(words);
    expect(renderVerifyPage(def, '/verified-form.js', '/api')).toContain(words);
  });

  it('promises no deletion for a cycle the config no longer lists, whose answers have no expiry', () => {
    const def = formDefinition(form('2019-old'), exampleConfig());
    expect(def.keptUntil).toBeUndefined();
    expect(renderFormPage(def, '/f/f1', 'token')).not.toContain('are deleted');
    expect(renderFormPage(formDefinition(form('2026-autumn'), exampleConfig()), '/f/f1', 'token')).toContain(
      'Your answers and comment are deleted on 18 December 2028, 24 months after this review cycle ends.',
    );
  });
});
