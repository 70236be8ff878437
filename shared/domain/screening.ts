/**
 * Screening of practitioners' free text (SPEC sections 3 and 10): contact details are removed before
 * a comment is stored, and anything that may name a person holds the comment back for the QA lead.
 * Text is Unicode-normalised first, so full-width letters, zero-width characters and look-alike
 * punctuation cannot slip an address or a number past the patterns. Dates and plain numbers are
 * never touched.
 */

export const REMOVED = '[removed]';

/** Why a comment is held for moderation. */
export type Flag = 'email' | 'phone' | 'link' | 'name';

export const FLAG_WORDS: Record<Flag, string> = {
  email: 'an e-mail address',
  phone: 'a phone number',
  link: 'a link',
  name: 'a name',
};

// Zero-width and invisible formatting characters, and the soft hyphen: they split words unseen.
const INVISIBLE = /\p{Cf}|[\u115F\u1160\u3164\uFFA0]|\u17B4|\u17B5|\p{Variation_Selector}|\u034F/gu;

/** NFKC (full-width and styled letters to plain ones), invisible characters removed, spaces made plain. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s/gu, (c) => (c === '\n' ? '\n' : ' '));
}

const LOCAL = String.raw`[\p{L}\p{N}._%+-]+`;
const LABEL = String.raw`[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?`;
const EMAIL = new RegExp(String.raw`${LOCAL}\s*@\s*${LABEL}(?:\s*\.\s*${LABEL})*\s*\.\s*\p{L}{2,}`, 'gu');
// "jane.smith at northprimary dot org", "jane[at]north-primary[dot]org", "jane (at) school (dot) uk"
const AT = String.raw`(?:\s*[\[({<]\s*at\s*[\])}>]\s*|\s+at\s+)`;
const DOT = String.raw`(?:\s*[\[({<]\s*dot\s*[\])}>]\s*|\s+dot\s+|\.)`;
// Spelled out with plain words, it must end in a common top-level domain: "look at the dot plots" is prose.
const TLD = 'org|com|net|uk|edu|gov|io|co|info|biz|me|academy|school|ac|sch|nhs|ie|eu|us';
const SPELLED_EMAIL = new RegExp(
  String.raw`${LOCAL}${AT}${LABEL}(?:${DOT}${LABEL})*(?:\s*[\[({<]\s*dot\s*[\])}>]\s*|\s+dot\s+)(?:${TLD})(?:${DOT}(?:${TLD}))*(?![\p{L}\p{N}])`,
  'giu',
);
const BRACKET_AT_EMAIL = new RegExp(
  String.raw`${LOCAL}\s*[\[({<]\s*at\s*[\])}>]\s*${LABEL}(?:${DOT}${LABEL})+`,
  'giu',
);
const SCHEME_URL = /\b(?:https?|ftp):\/\/[^\s<>"']+|\bwww\.[^\s<>"']+/giu;
// A bare domain: labels, a dot, and a lower-case top-level domain of letters (never "3.5" or a
// sentence run together as "fine.But"), with any path.
const BARE_DOMAIN = new RegExp(
  String.raw`(?<![\p{L}\p{N}@.-])(?:${LABEL}\.)+[a-z]{2,24}(?![\p{L}\p{N}-])(?:\/[^\s<>"']*)?`,
  'gu',
);
// A phone number: starts with + (a country code) or 0, then digits with the separators people type.
const PHONE_CANDIDATE = /(?<![\p{L}\p{N}+])(?:\+\s?\d|\(\s?0|0)[\d\s()./-]{7,22}\d(?!\p{N})/gu;
// Dates are never numbers to remove: YYYY-MM-DD, DD/MM/YYYY, DD.MM.YY and the like.
const DATE = /\b(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4})\b/g;
const TITLES = 'Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Sir|Dame|Lady|Lord|Madam|Mme|Mlle|Rev|Fr|Sr|Coach';
const TITLE_NAME = new RegExp(
  String.raw`\b(?:${TITLES})\.?\s+(?:\p{Lu}\.?\s*)?\p{Lu}[\p{L}'’-]+(?:[\s-]+\p{Lu}[\p{L}'’-]+)?`,
  'gu',
);

function isPhone(candidate: string): boolean {
  const digits = candidate.replace(/\D/g, '');
  return candidate.trim().startsWith('+')
    ? digits.length >= 10 && digits.length <= 15
    : digits.length >= 10 && digits.length <= 12;
}

/** Removes contact details, noting which kinds were found. Dates are kept as they were. */
function removeContacts(text: string, found: Set<Flag>): string {
  const dates: string[] = [];
  let out = normaliseText(text).replace(DATE, (d) => `\uE000${dates.push(d) - 1}\uE001`);
  const remove = (flag: Flag) => () => {
    found.add(flag);
    return REMOVED;
  };
  out = out
    .replace(EMAIL, remove('email'))
    .replace(BRACKET_AT_EMAIL, remove('email'))
    .replace(SPELLED_EMAIL, remove('email'))
    .replace(SCHEME_URL, remove('link'))
    .replace(BARE_DOMAIN, remove('link'))
    .replace(PHONE_CANDIDATE, (c) => (isPhone(c) ? remove('phone')() : c));
  return out.replace(/\uE000(\d+)\uE001/g, (_, i: string) => dates[Number(i)]!);
}

/** Replaces anything that could contact someone (address, phone number, link) with `[removed]`. */
export function screenFreeText(text: string): string {
  return removeContacts(text, new Set());
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Screens a comment for the board: contact details are removed (as at submission, with today's
 * patterns), and a title followed by a name or any of `names` (staff names from the config, or words
 * the caller recognises as names) flags it. A flagged comment is held until the QA lead decides.
 */
export function screenComment(
  text: string,
  opts: { names?: readonly string[]; isName?: (word: string) => boolean } = {},
): { text: string; flags: Flag[] } {
  const found = new Set<Flag>();
  const out = removeContacts(text, found);
  if (TITLE_NAME.test(out)) found.add('name');
  TITLE_NAME.lastIndex = 0;
  const names = (opts.names ?? []).map((n) => normaliseText(n).trim()).filter((n) => n.length >= 2);
  if (names.length) {
    const anyName = new RegExp(
      String.raw`(?<![\p{L}\p{N}])(?:${names.map(escapeRegExp).join('|')})(?![\p{L}\p{N}])`,
      'iu',
    );
    if (anyName.test(out)) found.add('name');
  }
  if (opts.isName && out.split(/[^\p{L}'’-]+/u).some((w) => w.length >= 2 && opts.isName!(w)))
    found.add('name');
  return { text: out, flags: [...found].sort() };
}

/** Replaces every occurrence of `span` (as the QA lead marked it) with `[removed]`. */
export function redact(text: string, span: string): string {
  const wanted = span.trim();
  if (!wanted) return text;
  return text.replace(new RegExp(escapeRegExp(wanted), 'giu'), REMOVED);
}
