import { PILLAR_KEYS, PILLARS } from '../domain/pillars';
import { ROLES } from '../schemas/response';
import { MAX_COMMENT_LENGTH } from '../domain/anonymity';
import type { Form } from '../domain/forms';
import type { TrustConfig } from '../schemas/config';

export const QUESTION_TEXT = {
  safety: 'I can give honest feedback about the improvement model without fear or favour',
  influence: 'Feedback I give leads to changes in the improvement model',
} as const;

export const ROLE_LABEL: Record<(typeof ROLES)[number], string> = {
  delivery: 'I deliver improvement work',
  leadership: 'I lead improvement work',
  undisclosed: 'Prefer not to say',
};

export const SCALE = [
  { value: 1, label: 'Strongly disagree' },
  { value: 2, label: 'Disagree' },
  { value: 3, label: 'Neither' },
  { value: 4, label: 'Agree' },
  { value: 5, label: 'Strongly agree' },
] as const;

export type Question =
  | { id: string; text: string; type: 'rating'; scale: typeof SCALE; required: false }
  | { id: string; text: string; type: 'choice'; choices: { value: string; label: string }[]; required: false }
  | { id: string; text: string; type: 'text'; maxLength: number; required: false };

/** The form's public definition: what the HTML page shows and GET /api/forms/{formId} returns. */
export function formDefinition(form: Form, config: TrustConfig) {
  return {
    formId: form.formId,
    trust: config.trust.name,
    cycleId: form.cycleId,
    opensOn: form.opensOn,
    closesOn: form.closesOn,
    questions: <Question[]>[
      ...PILLAR_KEYS.map((key) => ({
        id: `ratings.${key}`,
        text: `The improvement model is working well on ${PILLARS[key].label.toLowerCase()}: ${PILLARS[key].summary}`,
        type: 'rating' as const,
        scale: SCALE,
        required: false as const,
      })),
      { id: 'safety', text: QUESTION_TEXT.safety, type: 'rating' as const, scale: SCALE, required: false },
      {
        id: 'influence',
        text: QUESTION_TEXT.influence,
        type: 'rating' as const,
        scale: SCALE,
        required: false,
      },
      {
        id: 'role',
        text: 'Your role in improvement work',
        type: 'choice' as const,
        choices: ROLES.map((value) => ({ value, label: ROLE_LABEL[value] })),
        required: false,
      },
      {
        id: 'division',
        text: 'Where you work',
        type: 'choice' as const,
        choices: [
          ...config.divisions.map((d) => ({ value: d.id, label: d.name })),
          { value: 'undisclosed', label: 'Prefer not to say' },
        ],
        required: false as const,
      },
      {
        id: 'comment',
        text: 'Anything else about the improvement model?',
        type: 'text' as const,
        maxLength: MAX_COMMENT_LENGTH,
        required: false,
      },
    ],
  };
}
