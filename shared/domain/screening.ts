/**
 * Screening of practitioners' free text (SPEC sections 3 and 10): contact details are removed before
 * a comment is stored, and anything that may name a person holds the comment back for the QA lead.
 *
 * Detection runs on a copy made to defeat disguises: Unicode-normalised (full-width and styled
 * letters), invisible characters removed, look-alike Cyrillic and Greek letters and non-Latin digits
 * folded to Latin ones, defanged dots ("[.]", "。") and "hxxp" undone. A comment in which nothing is
 * found comes back exactly as written (a date, a number, an emoji or a fraction is never touched);
 * one with something removed comes back as that copy, with each find replaced by `[removed]`.
 */

import { escapeRegExp, fold, normaliseText, REMOVED, withoutAccents, type Flag } from './screening-text';
import { removeContacts } from './screening-contacts';
import { firstNames, hasTitledName, nameCandidates, namePattern, squash, unleet } from './screening-names';

export { FLAG_WORDS, REMOVED, normaliseText, type Flag } from './screening-text';
export { nameCandidates, nameKey, staffNameTokens } from './screening-names';

interface Screened {
  text: string;
  flags: Flag[];
}

/** Replaces anything that could contact someone (address, phone number, link) with `[removed]`. */
export function screenFreeText(text: string): string {
  return removeContacts(text).text;
}

/**
 * Screens a comment for the board: contact details are removed (as at submission, with today's
 * patterns), and a title before a name, or any of `names` (staff names from the config) in any
 * common form, or a name from the staff list (`isStaffName`), flags it. A flagged comment is held for the QA lead.
 */
export interface NameScreening {
  /** Staff names from the config, matched in every common form. */
  names?: readonly string[];
  /** The staff list's names, tested by the caller (against keyed hashes): see `nameCandidates`. */
  isStaffName?: (candidate: string) => boolean;
}

export function screenComment(text: string, opts: NameScreening = {}): Screened {
  const { text: out, found } = removeContacts(text);
  const detect = normaliseText(out);
  // Letters spaced out ("o f f i c e @ ...", "P a t e l") are read run together as well; what is
  // found only that way holds the comment (its text is left for the QA lead to judge).
  const squashed = squash(detect);
  // So are both without accents and other marks: a mark on the letters of an address or a link
  // ("oakfield.òrg", "o̶r̶g̶", "jo@m\u0301.org") hides it from the patterns, which read plain letters.
  const readings = new Set([squashed, withoutAccents(detect), withoutAccents(squashed)]);
  readings.delete(detect);
  for (const reading of readings) for (const flag of removeContacts(reading).found) found.add(flag);
  if (hasTitledName(detect)) found.add('name');
  const names = opts.names?.filter((n) => n.trim().length >= 2);
  if (names) {
    const pattern = namePattern(names);
    const forms = [detect, squashed].flatMap((v) => [fold(v), unleet(fold(v))]);
    if (pattern && forms.some((f) => pattern.test(f))) found.add('name');
    if (firstNames(names)?.test(withoutAccents(detect))) found.add('name');
  }
  if (opts.isStaffName && nameCandidates(out).some(opts.isStaffName)) found.add('name');
  return { text: out, flags: [...found].sort() };
}

/** Replaces every occurrence of `span` (as the QA lead marked it) with `[removed]`. */
export function redact(text: string, span: string): string {
  const wanted = span.trim();
  if (!wanted) return text;
  return text.replace(new RegExp(escapeRegExp(wanted), 'giu'), REMOVED);
}
