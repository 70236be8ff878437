// Contact details in a comment: e-mail addresses (written out or disguised), links and bare
// domains, IP addresses with a path, and phone numbers in digits, look-alike letters or words.
import { normaliseText, REMOVED, type Flag } from './screening-text';

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
function isAddress(match: string): boolean {
  const at = AT_FIND.exec(match)!;
  const domain = match.slice(at.index + at[0].length);
  const labels = domain.split(DOT_SPLIT);
  const last = labels.at(-1)!.toLowerCase();
  const plainAt = ['at', '-at-'].includes(at[0].trim().toLowerCase());
  // "look at oakfield.org", "profile at ...": everyday words before "at" make it a place, not an address.
  if (plainAt && PLACE_WORDS.test(match.slice(0, at.index))) return false;
  if (labels.length === 1) return new RegExp(`^(?:${WEBMAIL})$`).test(last);
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
      // A name followed by a slash is a link's path ("jane at oakfield.org/staff"): left to the link patterns.
      if (m && !m[1] && isAddress(m[0])) {
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

const SCHEME_URL = /(?:https?|ftp):\/\/[^\s<>"']+|\bwww(?:\s*\.\s*|\s+dot\s+)[^\s<>"']+/giu;
const BARE_DOMAIN = /* @__PURE__ */ new RegExp(
  String.raw`(?<![\p{L}\p{N}@.-])(?:${LABEL}\s*\.\s*)+(\p{L}{2,24})(?![\p{L}\p{N}-])(?:\/[^\s<>"']*)?`,
  'giu',
);
const SPELLED_DOMAIN = /* @__PURE__ */ new RegExp(
  String.raw`(?<![\p{L}\p{N}])${LABEL}(?:\s+dot\s+${LABEL})+(?:\s+slash\s+[\p{L}\p{N}_-]+)*`,
  'giu',
);
// A domain spelled with hyphens ("oakfield-dot-org"): a word with "-dot-" in it.
const HYPHEN_DOMAIN = /(?<![\p{L}\p{N}-])[\p{L}\p{N}-]*-dot-[\p{L}\p{N}-]*/giu;
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
  const before = labels.at(-2)!;
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
  const groups = candidate.match(/\d+/g)!;
  // Times and days in a row ("08.45 - 09.30", "0900-1030-1200", "01.09 - 05.09") are not a number.
  const timeLike = (g: string) =>
    (g.length === 2 && Number(g) <= 59) ||
    (g.length === 4 && Number(g.slice(0, 2)) <= 23 && Number(g.slice(2)) <= 59);
  if (groups.every(timeLike)) return false;
  if (digits.startsWith('00') && !digits.startsWith('0044')) return false;
  if (candidate.startsWith('+')) return digits.length >= 10 && digits.length <= 15;
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
const REPEATS: Record<string, number> = { double: 2, treble: 3, triple: 3 };

/**
 * A phone number written out in words ("oh seven seven double oh nine..."): ten digits or more, at
 * least one of them a word. `run` is a match of NUMBER_RUN: number words and digits only.
 */
function spelledPhone(run: string): boolean {
  let digits = '';
  let repeat = 1;
  let words = false;
  for (const word of run.toLowerCase().match(/[^\s,.-]+/g)!) {
    const times = REPEATS[word];
    if (times !== undefined) {
      repeat = times;
      continue;
    }
    const digit = NUMBER_WORDS[word];
    digits += digit === undefined ? word : digit.repeat(repeat);
    words ||= digit !== undefined;
    repeat = 1;
  }
  return words && digits.length >= 10;
}

/**
 * Control characters (a terminal's escape sequences, a bell, a NUL) mean nothing in a comment and
 * can act on whatever shows it: gone before anything else, but for line breaks and tabs.
 */
const withoutControls = (text: string) => text.replace(/\r\n?/g, '\n').replace(/[^\P{Cc}\n\t]/gu, '');

/** Contact details removed from the detection copy, noting which kinds were found. */
export function removeContacts(comment: string): { text: string; found: Set<Flag> } {
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
      // The last word before any path: labels hold no spaces.
      const last = m
        .split(/\s+slash\s/i)[0]!
        .split(/\s/)
        .at(-1)!
        .toLowerCase();
      return TLDS.has(last) ? remove('link')() : m;
    })
    .replace(HYPHEN_DOMAIN, (m) =>
      TLDS.has(m.split(/-dot-/i).at(-1)!.toLowerCase()) ? remove('link')() : m,
    );
  out = out
    .replace(DIGIT_LOOK_ALIKES, fixDigits)
    .replace(PHONE_CANDIDATE, (c) => (isPhone(c) ? remove('phone')() : c))
    .replace(NUMBER_RUN, (run) => (spelledPhone(run) ? `${remove('phone')()} ` : run));
  return { text: found.size ? out : original, found };
}
