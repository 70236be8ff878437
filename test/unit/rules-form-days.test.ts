// Pins a form's calendar: open from its opening day to its closing day, both included, and the strictest anonymity its forms opened under.
import { beforeEach, describe, expect, it } from 'vitest';
import {
  FORM_ID_PATTERN,
  accessOf,
  effectiveAnonymity,
  formState,
  newFormId,
  type Form,
} from '../../shared/domain/forms';
import { openForm } from '../support/builders';

// Made for each test, not when the file loads: a failure in making it then fails a test.
let autumn: Form;
beforeEach(() => {
  autumn = openForm('2026-autumn', { opensOn: '2026-11-02', closesOn: '2026-11-20' });
});

describe('a form is open from its opening day to its closing day, both included', () => {
  it.each([
    ['2026-11-01', 'not_yet_open'],
    ['2026-11-02', 'open'],
    ['2026-11-10', 'open'],
    ['2026-11-20', 'open'],
    ['2026-11-21', 'closed'],
    ['2027-01-01', 'closed'],
  ] as const)('on %s it is %s', (today, state) => {
    expect(formState(autumn, today)).toBe(state);
  });

  it('is open for its one day when it opens and closes on the same day', () => {
    const oneDay = openForm('c', { opensOn: '2026-11-02', closesOn: '2026-11-02' });
    expect(['2026-11-01', '2026-11-02', '2026-11-03'].map((d) => formState(oneDay, d))).toEqual([
      'not_yet_open',
      'open',
      'closed',
    ]);
  });
});

describe('how practitioners reach a form', () => {
  it('is the mode it opened with, and the shared link for a form from before access modes', () => {
    expect(accessOf({ ...autumn, access: 'verified' })).toBe('verified');
    expect(accessOf({ ...autumn, access: 'open' })).toBe('open');
    const { access: _none, ...older } = autumn;
    expect(accessOf(older)).toBe('open');
  });
});

describe('the anonymity a cycle is reported under, once it has responses', () => {
  const form = (k: number, commentThreshold: number): Form =>
    openForm('2026-autumn', { anonymity: { k, commentThreshold } });

  it('is raised by a comment threshold alone, with k left as configured', () => {
    expect(effectiveAnonymity({ k: 5, commentThreshold: 10 }, [form(5, 15)], true)).toEqual({
      k: 5,
      commentThreshold: 15,
      raisedByForms: true,
    });
  });

  it('takes the strictest of every form, setting by setting', () => {
    expect(effectiveAnonymity({ k: 5, commentThreshold: 10 }, [form(7, 10), form(6, 12)], true)).toEqual({
      k: 7,
      commentThreshold: 12,
      raisedByForms: true,
    });
  });

  it('is the config’s own when the forms asked for no more', () => {
    expect(effectiveAnonymity({ k: 5, commentThreshold: 10 }, [form(5, 10), form(3, 5)], true)).toEqual({
      k: 5,
      commentThreshold: 10,
      raisedByForms: false,
    });
    expect(effectiveAnonymity({ k: 5, commentThreshold: 10 }, [], true)).toEqual({
      k: 5,
      commentThreshold: 10,
      raisedByForms: false,
    });
  });
});

describe('a form id is 24 URL-safe characters, as made, and nothing else', () => {
  it('accepts every id a form is given', () => {
    for (let i = 0; i < 50; i++) expect(FORM_ID_PATTERN.test(newFormId())).toBe(true);
  });

  it.each([
    'a'.repeat(23),
    'a'.repeat(25),
    `x${'a'.repeat(24)}`,
    `${'a'.repeat(24)}/`,
    `${'a'.repeat(23)}.`,
    '',
  ])('refuses "%s"', (id) => {
    expect(FORM_ID_PATTERN.test(id)).toBe(false);
  });
});
