// Pins how screening sees through disguises before it looks for contact details and names: look-alike letters, dashes, defanged dots and schemes, curly apostrophes, and digits from any script.
import { describe, expect, it } from 'vitest';
import { REMOVED, screenComment, screenFreeText } from '../../shared/domain/screening';
import { staffNameHash } from '../../shared/domain/staff';

const R = REMOVED;

describe('a Greek letter that looks like a Latin one is read as the Latin one', () => {
  it.each([
    ['see oakfield.\u03BFrg today', `see ${R} today`],
    ['see oakfield.\u03B1cademy today', `see ${R} today`],
    ['SEE OAKFIELD.\u039FRG NOW', `SEE ${R} NOW`],
    ['SEE OAKFIELD.\u0395DU NOW', `SEE ${R} NOW`],
  ])('%s', (comment, screened) => {
    expect(screenFreeText(comment)).toBe(screened);
    expect(screenComment(comment).flags).toEqual(['link']);
  });
});

describe('every look-alike letter in a comment is read, not only the first', () => {
  it('finds a link with Cyrillic o in its name and in its ending', () => {
    expect(screenFreeText('see \u043Eakfield.\u043Erg today')).toBe(`see ${R} today`);
  });
});

describe('a dash of any kind is read as a hyphen', () => {
  it('finds an address spelled with en-dash-like hyphens', () => {
    const comment = 'write to jane\u2010at\u2010oakfield\u2010dot\u2010org';
    expect(screenFreeText(comment)).toBe(`write to ${R}`);
    expect(screenComment(comment).flags).toEqual(['email']);
  });
});

describe('a defanged dot or scheme is read as the plain one', () => {
  it.each([
    ['see oakfield[.]org today', `see ${R} today`],
    ['see oakfield [ . ] org today', `see ${R} today`],
    ['see oakfield(.)org today', `see ${R} today`],
    ['see oakfield{.}org today', `see ${R} today`],
    ['defanged hxxp://intranet/jsmith', `defanged ${R}`],
  ])('%s', (comment, screened) => {
    expect(screenFreeText(comment)).toBe(screened);
    expect(screenComment(comment).flags).toEqual(['link']);
  });
});

describe('a curly or modifier apostrophe in a name is read as a plain one', () => {
  const key = Buffer.alloc(32, 7);
  it.each([
    'Thanks to O\u2018Brien',
    'Thanks to O\u2019Brien',
    'Thanks to O\u02BCBrien',
    'Thanks to O`Brien',
  ])('%s', (comment) => {
    const known = new Set([staffNameHash(key, "last:o'brien")]);
    const isStaffName = (c: string) => known.has(staffNameHash(key, c));
    expect(screenComment(comment, { isStaffName }).flags).toEqual(['name']);
  });
});

describe('a digit from any script is read by its place in its own run of ten', () => {
  it('reads digits from a run that directly follows another run (Myanmar Pao, U+116DA)', () => {
    const pao = (s: string) => s.replace(/\d/g, (d) => String.fromCodePoint(0x116da + Number(d)));
    const comment = `Ring ${pao('07700 900123')} today`;
    expect(screenFreeText(comment)).toBe(`Ring ${R} today`);
    expect(screenComment(comment).flags).toEqual(['phone']);
  });
});

describe('an address or a link is found with accents or other marks on its letters, and holds the comment', () => {
  it.each([
    ['an accented ending', 'see oakfield.òrg for the notes', 'link'],
    ['an accented address, spelled out', 'jane at oakfield dot òrg', 'email'],
    ['struck-through letters', 'see oakfield.o\u0336r\u0336g\u0336 for the notes', 'link'],
    ['a mark after an invisible space', 'write to jo@m\u200B\u0301.org please', 'email'],
  ])('%s', (_what, comment, flag) => {
    const { flags } = screenComment(comment);
    expect(flags).toContain(flag);
  });

  it('does not hold plain accented prose', () => {
    expect(screenComment('Le café était très agréable, et l’équipe a été formidable.').flags).toEqual([]);
  });
});
