import { PILLAR_KEYS, PILLARS } from '../domain/pillars';
import { ROLES } from '../domain/roles';
import { MAX_COMMENT_LENGTH } from '../domain/anonymity';
import type { Form } from '../domain/forms';
import type { TrustConfig } from '../schemas/config';
import { subtractMonths } from '../domain/dates';

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

export const SECTIONS = {
  pillars: {
    title: 'How well does the improvement model work?',
    intro: 'For each part of the model, how much do you agree that it works well? Skip any you cannot judge.',
  },
  voice: { title: 'Giving feedback', intro: 'How much do you agree with each statement?' },
  about: { title: 'About you', intro: '' },
  comment: { title: 'Anything else', intro: '' },
} as const;

interface QuestionBase {
  /** The path in the JSON body, e.g. `ratings.vision`. */
  id: string;
  /** A short name for error messages, e.g. "Vision for improvement". */
  label: string;
  text: string;
  hint?: string;
  section: keyof typeof SECTIONS;
  required: false;
}

export type Question =
  | (QuestionBase & { type: 'rating'; scale: typeof SCALE })
  | (QuestionBase & { type: 'choice'; choices: { value: string; label: string }[] })
  | (QuestionBase & { type: 'text'; maxLength: number });

export interface FormDefinition {
  formId: string;
  trust: string;
  cycleId: string;
  opensOn: string;
  closesOn: string;
  /** Figures are only ever reported for groups at least this large. */
  minimumGroupSize: number;
  /** How many months after its cycle ends an answer (and its comment) is deleted: config `retention.responses`. */
  retentionMonths: number;
  /** The day the answers to this form are deleted; absent for a cycle the config does not list (kept). */
  keptUntil?: string;
  /** The form's opening words: the trust's own (config `form.intro`) or the standard ones. */
  intro: string;
  /** The trust's logo (a data URI) for the page's header; never in the JSON definition. */
  logo?: string;
  questions: Question[];
}

/** The form's opening words when a trust sets none. */
export const standardIntro = (trust: string) =>
  `${trust} wants to know how well its improvement model is working. It takes about three minutes. Answer what you can: any question can be left blank.`;

/** The form's public definition: what the HTML page shows and GET /api/forms/{formId} returns. */
export function formDefinition(form: Form, config: TrustConfig): FormDefinition {
  const rating = (
    id: string,
    label: string,
    text: string,
    section: Question['section'],
    hint?: string,
  ): Question => ({
    id,
    label,
    text,
    hint,
    section,
    type: 'rating',
    scale: SCALE,
    required: false,
  });
  const wording = config.form.questions;
  const cycle = config.cycles.find((c) => c.id === form.cycleId);
  return {
    formId: form.formId,
    trust: config.trust.name,
    cycleId: form.cycleId,
    opensOn: form.opensOn,
    closesOn: form.closesOn,
    minimumGroupSize: Math.max(form.anonymity?.k ?? 0, config.anonymity.k),
    retentionMonths: config.retention.responses,
    ...(cycle ? { keptUntil: subtractMonths(cycle.end, -config.retention.responses) } : {}),
    intro: config.form.intro ?? standardIntro(config.trust.name),
    ...(config.trust.logo ? { logo: config.trust.logo } : {}),
    questions: [
      ...PILLAR_KEYS.map((key) =>
        rating(
          `ratings.${key}`,
          PILLARS[key].label,
          `${PILLARS[key].number}. ${PILLARS[key].label}`,
          'pillars',
          // A trust's own wording describes the pillar; the pillar itself (its number and name) stays.
          wording[key] ?? `${PILLARS[key].summary[0]!.toUpperCase()}${PILLARS[key].summary.slice(1)}.`,
        ),
      ),
      rating('safety', 'Honest feedback', wording.safety ?? QUESTION_TEXT.safety, 'voice'),
      rating('influence', 'Feedback leads to change', wording.influence ?? QUESTION_TEXT.influence, 'voice'),
      {
        id: 'role',
        label: 'Your role',
        text: 'Your role in improvement work',
        section: 'about',
        type: 'choice',
        choices: ROLES.map((value) => ({ value, label: ROLE_LABEL[value] })),
        required: false,
      },
      {
        id: 'division',
        label: 'Where you work',
        text: 'Where you work',
        section: 'about',
        type: 'choice',
        choices: [
          ...config.divisions.map((d) => ({ value: d.id, label: d.name })),
          { value: 'undisclosed', label: 'Prefer not to say' },
        ],
        required: false,
      },
      {
        id: 'comment',
        label: 'Your comment',
        text: 'Is there anything else you want to tell us about the improvement model?',
        hint: `Up to ${MAX_COMMENT_LENGTH} characters. Please do not name anyone: email addresses, phone numbers and links are removed before your comment is saved.`,
        section: 'comment',
        type: 'text',
        maxLength: MAX_COMMENT_LENGTH,
        required: false,
      },
    ],
  };
}
