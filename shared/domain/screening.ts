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

export const REMOVED = '[removed]';

/** Why a comment is held for moderation. */
export type Flag = 'email' | 'phone' | 'link' | 'name';

export const FLAG_WORDS: Record<Flag, string> = {
  email: 'an e-mail address',
  phone: 'a phone number',
  link: 'a link',
  name: 'a name',
};

const INVISIBLE = /\p{Cf}|[\u115F\u1160\u3164\uFFA0]|\u17B4|\u17B5|\p{Variation_Selector}|\u034F/gu;
const LOOK_ALIKES: Record<string, string> = /* @__PURE__ */ Object.fromEntries(
  [
    [
      'аa',
      'гr',
      'вb',
      'еe',
      'ёe',
      'кk',
      'мm',
      'нh',
      'оo',
      'рp',
      'сc',
      'тt',
      'уy',
      'хx',
      'іi',
      'їi',
      'јj',
      'ѕs',
      'ԁd',
      'ӏl',
    ],
    ['АA', 'ВB', 'ЕE', 'КK', 'МM', 'НH', 'ОO', 'РP', 'СC', 'ТT', 'ХX', 'УY', 'ІI', 'ЈJ', 'ЅS'],
    ['αa', 'οo', 'ρp', 'εe', 'ιi', 'κk', 'νv', 'τt', 'υu', 'χx'],
    ['ΑA', 'ΒB', 'ΕE', 'ΖZ', 'ΗH', 'ΙI', 'ΚK', 'ΜM', 'ΝN', 'ΟO', 'ΡP', 'ΤT', 'ΥY', 'ΧX'],
  ]
    .flat()
    .map((pair) => [pair[0]!, pair[1]!]),
);
const LOOK_ALIKE = /* @__PURE__ */ new RegExp(`[${Object.keys(LOOK_ALIKES).join('')}]`, 'g');

/** The copy detection reads: see the module's comment. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(LOOK_ALIKE, (c) => LOOK_ALIKES[c]!)
    .replace(/\p{Nd}/gu, (d) => (d >= '0' && d <= '9' ? d : String(digitOf(d))))
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[。｡﹒．]/g, '.')
    .replace(/\s*[[({]\s*\.\s*[\])}]\s*/g, '.')
    .replace(/hxxp(s?):\/\//gi, 'http$1://')
    .replace(/[’‘ʼ`´]/g, "'")
    .replace(/[^\S\n]/gu, ' ');
}

/** The value of any Unicode decimal digit (Arabic-Indic, Devanagari, ...): its place in its run of ten. */
function digitOf(d: string): number {
  const cp = d.codePointAt(0)!;
  let zero = cp;
  while (zero > cp - 9 && /\p{Nd}/u.test(String.fromCodePoint(zero - 1))) zero--;
  return cp - zero;
}

// Top-level domains a link or an address spelled out can end in. Words that are also everyday
// English (it, is, at, in, to, me, us, so, no, do, go) are left out: "it.it works" is prose.
const TLDS = /* @__PURE__ */ new Set(
  (
    'com org net edu gov mil int uk sch ac nhs police co io info biz app dev ly ie eu de fr es nl se dk fi pl pt be gl gle ' +
    'ch au nz ca za ai tv fm gg je im scot wales cymru london school academy college education blog online site ' +
    'website tech page link xyz store shop news live life world email cloud digital media club team uk.com ' +
    'services solutions agency design studio works today me.uk org.uk co.uk ltd plc'
  ).split(' '),
);
// Endings that are everyday words too: a link only with a path after them ("t.me/staff", "wa.me/...").
const PATH_TLDS = /* @__PURE__ */ new Set([
  'me',
  'it',
  'is',
  'to',
  'in',
  'us',
  'so',
  'at',
  'do',
  'no',
  'go',
  'my',
  'am',
  'la',
  'ly',
]);
const WEBMAIL =
  'gmail|googlemail|hotmail|outlook|yahoo|icloud|btinternet|btopenworld|live|aol|protonmail|sky|virginmedia|talktalk';

const LABEL = String.raw`[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?`;
// "-dot-" is left to isAddress: a hyphen is also part of a label, and the two together would let
// the pattern try every split of a long hyphenated word.
const DOT_SEP = String.raw`(?:\s*[[({<]\s*(?:dot|\.)\s*[\])}>]\s*|\s+dot\s+|\s*\.\s*)`;
const AT_SEP = String.raw`(?:\s*[[({<]\s*(?:at|@|a)\s*[\])}>]\s*|\s+at[\s-]sign\s+|\s+at\s+|-at-|\s*@\s*)`;
const LOCAL = String.raw`[\p{L}\p{N}_%+-]+(?:(?:\.|\s+dot\s+)[\p{L}\p{N}_%+-]+)*`;
const ADDRESS = /* @__PURE__ */ new RegExp(`${LOCAL}${AT_SEP}${LABEL}(?:${DOT_SEP}${LABEL})*(/?)`, 'iuy');
const LOCAL_CHAR = /[\p{L}\p{N}_%+.-]/u;
const PLACE_WORDS =
  /^(?:look|looked|looking|me|us|them|him|her|it|this|that|here|there|see|seen|found|available|online|posted|profile|blog|join|video|info|details|everything|anything|everyone|read|check|go|visit|find|meet|met|stay|live|lives|work|works|worked|based|school|staff|arrive|arrived|home|now|later|once|all|one|two|out|in)$/i;
const DOT_SPLIT = /* @__PURE__ */ new RegExp(`${DOT_SEP}|-dot-`, 'giu');
const AT_FIND = /* @__PURE__ */ new RegExp(AT_SEP, 'iu');

/**
 * Whether an address-shaped match is an address: an @ (plain or bracketed) or a spelled-out dot,
 * ending in a real top-level domain or a webmail name. "See it at oakfield.org/staff" is a link,
 * not an address: a plain " at " before a plainly dotted name is left to the link patterns.
 */
function isAddress(match: string, slash: string): boolean {
  const at = AT_FIND.exec(match);
  if (!at || slash) return false;
  const domain = match.slice(at.index + at[0].length);
  const labels = domain.split(DOT_SPLIT).filter(Boolean);
  const last = labels.at(-1)?.toLowerCase() ?? '';
  const plainAt = /^(?:\s+at\s+|-at-)$/i.test(at[0]);
  // "look at oakfield.org", "profile at ...": everyday words before "at" make it a place, not an address.
  if (plainAt && PLACE_WORDS.test(match.slice(0, at.index))) return false;
  if (labels.length === 1) return new RegExp(`^(?:${WEBMAIL})$`, 'i').test(last);
  return TLDS.has(last) || (at[0].trim() === '@' && /^\p{L}{2,}$/u.test(last));
}

/** Every address in the text replaced, trying each word start (a near miss does not hide one after it). */
function removeAddresses(text: string, found: Set<Flag>): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    if (i === 0 || !LOCAL_CHAR.test(text[i - 1]!)) {
      ADDRESS.lastIndex = i;
      const m = ADDRESS.exec(text);
      if (m && isAddress(m[0].replace(/\/$/, ''), m[1] ?? '')) {
        found.add('email');
        out += REMOVED;
        i += m[0].length;
        continue;
      }
    }
    out += text[i];
    i += 1;
  }
  return out;
}

const SCHEME_URL = /(?:https?|ftp):\/\/[^\s<>"']+|\bwww\s*(?:\.|\s+dot\s+)\s*[^\s<>"']+/giu;
const BARE_DOMAIN = /* @__PURE__ */ new RegExp(
  String.raw`(?<![\p{L}\p{N}@.-])(?:${LABEL}\s*\.\s*)+(\p{L}{2,24})(?![\p{L}\p{N}-])(?:\/[^\s<>"']*)?`,
  'giu',
);
const SPELLED_DOMAIN = /* @__PURE__ */ new RegExp(
  String.raw`(?<![\p{L}\p{N}])${LABEL}(?:\s+dot\s+${LABEL})+(?:\s+slash\s+[\p{L}\p{N}_-]+)*`,
  'giu',
);
/**
 * A bare domain is a link when it ends in a real top-level domain (or, with a path, in one that is
 * also a word). "results.Net gain", "2026.Info evening": a capitalised ending after a lower-case or
 * numeric word is a sentence with its space missing, unless the whole name is in capitals.
 */
function isBareLink(match: string, tld: string): boolean {
  const path = match.includes('/');
  const ending = tld.toLowerCase();
  if (!TLDS.has(ending) && !(path && PATH_TLDS.has(ending))) return false;
  if (path || match === match.toUpperCase()) return true;
  const labels = match.split(/\s*\.\s*/);
  const before = labels.at(-2) ?? '';
  return !(/^\p{Lu}/u.test(tld) && !/^\p{Lu}/u.test(before));
}

const IP_PATH = /\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\/[^\s<>"']*/g;

// A phone number: + or 00 (a country code), 44, or 0, then digits with the separators people type.
const PHONE_CANDIDATE = /(?<![\p{N}+])(?:\+\s?\d|00\s?\d|44|\(\s?0|0)[\d\s()./·•_-]{7,26}\d(?!\p{N})/gu;
// The letter O typed for a zero, or l or I for a one, inside a run of digits ("O77OO 9OO l23").
const DIGIT_LOOK_ALIKES = /(?<![\p{L}])[0-9OoIl]{3,}(?![\p{L}])/gu;
const fixDigits = (token: string) =>
  (token.match(/\d/g)?.length ?? 0) >= 2 ? token.replace(/[Oo]/g, '0').replace(/[Il]/g, '1') : token;
// A phone number written in words ("oh seven seven double oh nine ..."), removed when it holds ten digits.
const NUMBER_RUN = /* @__PURE__ */ new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:(?:zero|oh|o|nought|one|two|three|four|five|six|seven|eight|nine|double|treble|triple|\d+)(?:[\s,.-]+|$)){5,}`,
  'giu',
);

function isPhone(candidate: string): boolean {
  const digits = candidate.replace(/\D/g, '');
  const groups = candidate.split(/[^\d]+/).filter(Boolean);
  // Times and days in a row ("08.45 - 09.30", "0900-1030-1200", "01.09 - 05.09") are not a number.
  const timeLike = (g: string) =>
    (g.length === 2 && Number(g) <= 59) ||
    (g.length === 4 && Number(g.slice(0, 2)) <= 23 && Number(g.slice(2)) <= 59);
  if (groups.length >= 2 && groups.every(timeLike)) return false;
  if (digits.startsWith('00') && !digits.startsWith('0044')) return false;
  if (candidate.trim().startsWith('+')) return digits.length >= 10 && digits.length <= 15;
  if (digits.startsWith('44') || digits.startsWith('0044')) return digits.length >= 12 && digits.length <= 14;
  return digits.length >= 10 && digits.length <= 12;
}

const NUMBER_WORDS: Record<string, string> = {
  zero: '0',
  oh: '0',
  o: '0',
  nought: '0',
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
};

/** A phone number written out in words ("oh seven seven double oh nine..."): ten digits or more. */
function spelledPhone(text: string): boolean {
  let run = '';
  let repeat = 1;
  let words = false;
  for (const word of text.toLowerCase().split(/[\s,.-]+/)) {
    if (word === 'double' || word === 'treble' || word === 'triple') {
      repeat = word === 'double' ? 2 : 3;
      continue;
    }
    const digits = /^\d+$/.test(word) ? word : NUMBER_WORDS[word]?.repeat(repeat);
    repeat = 1;
    if (digits === undefined) {
      if (words && run.length >= 10) return true;
      run = '';
      words = false;
      continue;
    }
    words ||= !/^\d+$/.test(word);
    run += digits;
  }
  return words && run.length >= 10;
}

const STRICT_TITLES =
  'Mr|Mrs|Ms|Mx|Dr|Prof|Professor|Revd|Rev|Cllr|Mister|Mme|Mlle|Herr|Frau|Monsieur|Madame|Señora|Señor|Senora|Senor|Signora|Signor|Rabbi|Imam';
const SOFT_TITLES = 'Miss|Sir|Dame|Lady|Lord|Madam|Father|Sister|Brother|Coach|Canon|Fr|Sr';
const PARTICLES = String.raw`(?:(?:de|da|van|von|der|den|le|la|di|du|del|al|el|bin|ap|st)\s+)*`;
// "Ms Teams", "Prof Dev": not people.
const NOT_NAMES = /^(?:teams|word|excel|office|forms|powerpoint|onenote|outlook|dev|development|mayor|men)$/i;
const TITLED = String.raw`(?:\.\s*|\s+|-)(\p{Lu}\.?\s+)?${PARTICLES}`;
// Unambiguous titles, in any case, before a name in any case ("mrs smith").
const STRICT_TITLE_NAME = /* @__PURE__ */ new RegExp(
  String.raw`(?<![\p{L}])(?:${STRICT_TITLES})${TITLED}(\p{L}[\p{L}'-]*)`,
  'giu',
);
// Titles that are everyday words too ("I miss the old days"): capitalised, before a capitalised name.
const SOFT_TITLE_NAME = /* @__PURE__ */ new RegExp(
  String.raw`(?<![\p{L}])(?:${SOFT_TITLES}|${SOFT_TITLES.toUpperCase()})${TITLED}(\p{Lu}[\p{L}'-]*)`,
  'gu',
);
// A title run into a name ("MrsSmith").
const GLUED_TITLE_NAME = /(?<![\p{L}])(?:Mrs|Mr|Ms|Miss|Dr)(\p{Lu}\p{Ll}+)/gu;
// After a title, words that are not names ("Oakfield Dr. is", "MS Awareness Week").
const NOT_AFTER_TITLE =
  /^(?:is|was|are|and|the|of|to|in|on|at|a|an|has|had|said|who|will|would|can|could|for|with|awareness)$/i;

function hasTitledName(text: string): boolean {
  for (const re of [STRICT_TITLE_NAME, SOFT_TITLE_NAME, GLUED_TITLE_NAME])
    for (const m of text.matchAll(re)) {
      // Groups: an initial (absent for a title run into a name), then the name.
      const [initial, name] = re === GLUED_TITLE_NAME ? [undefined, m[1] ?? ''] : [m[1], m[2] ?? ''];
      if (initial || (!NOT_NAMES.test(name) && !NOT_AFTER_TITLE.test(name))) return true;
    }
  return false;
}

/** Accents off, apostrophes plain, lower case: how names are compared. */
const fold = (s: string) => normaliseText(s).normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every way a configured name is commonly written: in full, surname first, initials, or in part. */
function namePattern(names: readonly string[]): RegExp | undefined {
  const forms = new Set<string>();
  for (const name of names) {
    const parts = fold(name)
      .split(/\s+/)
      .filter(Boolean)
      .map((part) => escapeRegExp(part).replace(/'/g, String.raw`['\s]?`));
    if (!parts.length) continue;
    const first = parts[0]!;
    const last = parts.at(-1)!;
    forms.add(parts.join(String.raw`[\s_.,'-]*`));
    if (parts.length > 1) {
      forms.add(`${last}[\\s,]+${first}`);
      forms.add(`${first[0]}\\.?\\s*${last}`);
      forms.add(`${first}\\s+${last[0]}(?![\\p{L}])\\.?`);
      for (const part of [first, last]) if (part.replace(/\\|\[.*?\]\??/g, '').length >= 4) forms.add(part);
    }
  }
  if (!forms.size) return undefined;
  return new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${[...forms].join('|')})(?![\p{L}\p{N}])`, 'iu');
}

interface Screened {
  text: string;
  flags: Flag[];
}

/** Contact details removed from the detection copy, noting which kinds were found. */
/**
 * Control characters (a terminal's escape sequences, a bell, a NUL) mean nothing in a comment and
 * can act on whatever shows it: gone before anything else, but for line breaks and tabs.
 */
const withoutControls = (text: string) => text.replace(/\r\n?/g, '\n').replace(/[^\P{Cc}\n\t]/gu, '');

function removeContacts(comment: string): { text: string; found: Set<Flag> } {
  const original = withoutControls(comment);
  const found = new Set<Flag>();
  const remove = (flag: Flag) => () => {
    found.add(flag);
    return REMOVED;
  };
  let out = removeAddresses(normaliseText(original), found)
    .replace(SCHEME_URL, remove('link'))
    .replace(IP_PATH, remove('link'))
    .replace(BARE_DOMAIN, (m, tld: string) => (isBareLink(m, tld) ? remove('link')() : m))
    .replace(SPELLED_DOMAIN, (m) => {
      const last = m
        .replace(/\s+slash\s+.*$/i, '')
        .split(/\s+dot\s+/i)
        .at(-1)!
        .toLowerCase();
      return TLDS.has(last) ? remove('link')() : m;
    });
  out = out
    .replace(DIGIT_LOOK_ALIKES, fixDigits)
    .replace(PHONE_CANDIDATE, (c) => (isPhone(c) ? remove('phone')() : c))
    .replace(NUMBER_RUN, (run) => (spelledPhone(run) ? `${remove('phone')()} ` : run));
  return { text: found.size ? out : original, found };
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

/** Accents off, apostrophes plain, lower case: how a name is compared, here and in the staff list. */
export const nameKey = (word: string) => fold(word).replace(/['’]/g, "'");

/**
 * The phrases of a comment a staff list is tested against: every pair of words as a full name
 * (`full:jane smith`), and every capitalised word as a surname on its own (`last:smith`).
 */
export function nameCandidates(text: string): string[] {
  const words = normaliseText(text)
    .split(/[^\p{L}'’-]+/u)
    .filter((w) => w.length >= 2);
  const out: string[] = [];
  words.forEach((w, i) => {
    if (i + 1 < words.length) out.push(`full:${nameKey(w)} ${nameKey(words[i + 1]!)}`);
    if (/^\p{Lu}/u.test(w)) out.push(`last:${nameKey(w)}`);
  });
  return out;
}

/**
 * The phrases a staff member's name is known by, in the same form: the full name (first and last
 * word; "Smith, Jane" is read as Jane Smith) and the surname on its own when it has 3 letters or more.
 */
export function staffNameTokens(name: string): string[] {
  const [before, after] = name.split(',', 2);
  const parts = (after !== undefined ? `${after} ${before}` : name).trim().split(/\s+/).filter(Boolean);
  if (!parts.length) return [];
  const last = nameKey(parts.at(-1)!);
  const surname = last.length >= 3 ? [`last:${last}`] : [];
  return parts.length > 1 ? [`full:${nameKey(parts[0]!)} ${last}`, ...surname] : surname;
}

export function screenComment(text: string, opts: NameScreening = {}): Screened {
  const { text: out, found } = removeContacts(text);
  const detect = normaliseText(out);
  // Letters spaced out ("o f f i c e @ ...", "P a t e l") are read run together as well; what is
  // found only that way holds the comment (its text is left for the QA lead to judge).
  const squashed = squash(detect);
  if (squashed !== detect) for (const flag of removeContacts(squashed).found) found.add(flag);
  if (hasTitledName(detect)) found.add('name');
  const names = (opts.names ?? []).filter((n) => n.trim().length >= 2);
  const pattern = namePattern(names);
  const forms = [detect, squashed].flatMap((v) => [fold(v), unleet(fold(v))]);
  if (pattern && forms.some((f) => pattern.test(f))) found.add('name');
  if (firstNames(names)?.test(detect)) found.add('name');
  if (opts.isStaffName && nameCandidates(out).some(opts.isStaffName)) found.add('name');
  return { text: out, flags: [...found].sort() };
}

/** Runs of single letters or digits spaced out by single spaces or hyphens, run together. */
const squash = (s: string) =>
  s.replace(/(?<![^\s-])(?:[^\s-][ -]){2,}[^\s-](?![^\s-])/gu, (m) => m.replace(/[ -]/g, ''));

/** Digits and symbols typed for letters in a name ("Pr1ya Pate1"). */
const unleet = (s: string) =>
  s.replace(
    /[103457@$]/g,
    (c) => ({ '1': 'i', '0': 'o', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's' })[c]!,
  );

/** A configured first name on its own, as a name is written: capitalised, or in capitals ("Jo said"). */
function firstNames(names: readonly string[]): RegExp | undefined {
  const firsts = names
    .map((n) => n.trim().split(/\s+/))
    .filter((parts) => parts.length > 1)
    .map((parts) => parts[0]!.normalize('NFD').replace(/\p{M}/gu, ''))
    .filter((f) => /^\p{Lu}/u.test(f));
  if (!firsts.length) return undefined;
  const alternatives = firsts.flatMap((f) => [escapeRegExp(f), escapeRegExp(f.toUpperCase())]);
  return new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${alternatives.join('|')})(?![\p{L}\p{N}])`, 'u');
}

/** Replaces every occurrence of `span` (as the QA lead marked it) with `[removed]`. */
export function redact(text: string, span: string): string {
  const wanted = span.trim();
  if (!wanted) return text;
  return text.replace(new RegExp(escapeRegExp(wanted), 'giu'), REMOVED);
}
