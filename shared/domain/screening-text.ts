// The words screening shares (what replaces a find, why a comment is held) and the copy of a
// comment detection reads, made to defeat disguises: see shared/domain/screening.ts.

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
// Cyrillic and Greek letters that look like Latin ones, each with the Latin letter it is read as.
const LOOK_ALIKES: Record<string, string> = {};
for (const [from, to] of [
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
].flat())
  LOOK_ALIKES[from!] = to!;
const LOOK_ALIKE = /* @__PURE__ */ new RegExp(`[${Object.keys(LOOK_ALIKES).join('')}]`, 'g');

/** The copy detection reads: see the module's comment. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(LOOK_ALIKE, (c) => LOOK_ALIKES[c]!)
    .replace(/\p{Nd}/gu, (d) => String(digitOf(d)))
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[。｡﹒．]/g, '.')
    .replace(/\s*[[({]\s*\.\s*[\])}]\s*/g, '.')
    .replace(/hxxp(s?):\/\//gi, 'http$1://')
    .replace(/[’‘ʼ`´]/g, "'")
    .replace(/[^\S\n]/gu, ' ');
}

/**
 * The value of any Unicode decimal digit (ASCII, Arabic-Indic, Devanagari, ...). Unicode encodes
 * decimal digits in runs of ten, 0 to 9, and some runs follow one another with no gap (Myanmar Pao,
 * then Eastern Pwo Karen): the value is the place in the whole run of digits, counted in tens.
 */
function digitOf(d: string): number {
  const cp = d.codePointAt(0)!;
  let start = cp;
  while (/\p{Nd}/u.test(String.fromCodePoint(start - 1))) start--;
  return (cp - start) % 10;
}

/** Accents and other combining marks off. */
export const withoutAccents = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '');
/** Accents off, apostrophes plain, lower case: how names are compared. */
export const fold = (s: string) => withoutAccents(normaliseText(s)).toLowerCase();
export const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
