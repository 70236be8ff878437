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

/** Accents off, apostrophes plain, lower case: how names are compared. */
export const fold = (s: string) => normaliseText(s).normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
export const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
