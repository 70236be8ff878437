// Names in a comment: a title before a name, a configured staff name in any common form, a first
// name on its own, and the phrases a staff list is tested against.
import { escapeRegExp, fold, normaliseText, withoutAccents } from './screening-text';

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

export function hasTitledName(text: string): boolean {
  for (const re of [STRICT_TITLE_NAME, SOFT_TITLE_NAME, GLUED_TITLE_NAME])
    for (const m of text.matchAll(re)) {
      // Groups: an initial (absent for a title run into a name), then the name.
      const [initial, name] = re === GLUED_TITLE_NAME ? [undefined, m[1]!] : [m[1], m[2]!];
      if (initial || (!NOT_NAMES.test(name) && !NOT_AFTER_TITLE.test(name))) return true;
    }
  return false;
}

/** Every way a configured name is commonly written: in full, surname first, initials, or in part. */
export function namePattern(names: readonly string[]): RegExp | undefined {
  const forms = new Set<string>();
  for (const name of names) {
    const words = fold(name).split(/\s/).filter(Boolean);
    if (!words.length) continue;
    const parts = words.map((word) => escapeRegExp(word).replace(/'/g, String.raw`['\s]?`));
    const first = parts[0]!;
    const last = parts.at(-1)!;
    forms.add(parts.join(String.raw`[\s_.,'-]*`));
    if (parts.length > 1) {
      forms.add(`${last}[\\s,]+${first}`);
      forms.add(`${first[0]}\\.?\\s*${last}`);
      forms.add(`${first}\\s+${last[0]}(?![\\p{L}])\\.?`);
      // The first name or the surname on its own when it has four letters or more (an apostrophe is not one).
      for (const i of [0, words.length - 1])
        if (words[i]!.replace(/'/g, '').length >= 4) forms.add(parts[i]!);
    }
  }
  if (!forms.size) return undefined;
  return new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${[...forms].join('|')})(?![\p{L}\p{N}])`, 'iu');
}

/** Accents off, apostrophes plain, lower case: how a name is compared, here and in the staff list. */
export const nameKey = (word: string) => fold(word).replace(/['’]/g, "'");

/**
 * The phrases of a comment a staff list is tested against: every pair of words as a full name
 * (`full:jane smith`), and every capitalised word as a surname on its own (`last:smith`).
 */
export function nameCandidates(text: string): string[] {
  const words = normaliseText(text)
    .split(/[^\p{L}'’-]/u)
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
  const parts = (after !== undefined ? `${after} ${before}` : name).match(/\S+/g) ?? [];
  if (!parts.length) return [];
  const last = nameKey(parts.at(-1)!);
  const surname = last.length >= 3 ? [`last:${last}`] : [];
  return parts.length > 1 ? [`full:${nameKey(parts[0]!)} ${last}`, ...surname] : surname;
}

/** Runs of single letters or digits spaced out by single spaces or hyphens, run together. */
export const squash = (s: string) =>
  s.replace(/(?<![^\s-])(?:[^\s-][ -]){2,}[^\s-](?![^\s-])/gu, (m) => m.replace(/[ -]/g, ''));

/** Digits and symbols typed for letters in a name ("Pr1ya Pate1"). */
export const unleet = (s: string) =>
  s.replace(
    /[103457@$]/g,
    (c) => ({ '1': 'i', '0': 'o', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's' })[c]!,
  );

/**
 * The first word of a configured name on its own, as a name is written: capitalised, or in capitals
 * ("Jo said"), with accents off. Test it against text with accents off too (`withoutAccents`): "Zoë"
 * and "Zoe" alike. A first word with no capital in it is a particle ("de Souza"), not a first name;
 * one with a capital anywhere is a name as typed ("aJ Lee").
 */
export function firstNames(names: readonly string[]): RegExp | undefined {
  const firsts = names.map((n) => withoutAccents(n.trim().split(/\s/)[0]!)).filter((f) => /\p{Lu}/u.test(f));
  if (!firsts.length) return undefined;
  const alternatives = firsts.flatMap((f) => [escapeRegExp(f), escapeRegExp(f.toUpperCase())]);
  return new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${alternatives.join('|')})(?![\p{L}\p{N}])`, 'u');
}
