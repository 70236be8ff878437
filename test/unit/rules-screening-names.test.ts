// Pins the screening rules for names at their edges: titles before a name, configured staff names in their common forms and disguises, and the phrases a staff list is tested against.
import { describe, expect, it } from 'vitest';
import { nameCandidates, screenComment, staffNameTokens } from '../../shared/domain/screening';

const flags = (comment: string, names?: string[]) => screenComment(comment, { names }).flags;

describe('a title before a name holds the comment', () => {
  it.each([
    // A title that is an everyday word, then a particle, then a capitalised name.
    'Father de Souza visited',
    // A surname that ends like a word that is never a person ("men", "word").
    'Ms Carmen was kind',
    'Mr Hayword was kind',
    // A title run into a name, after other words.
    'Then MrsSmith came',
  ])('%s', (comment) => {
    expect(flags(comment)).toEqual(['name']);
  });

  it('does not read a product run into a title ("MsTeams") as a name', () => {
    expect(flags('We use MsTeams daily')).toEqual([]);
  });
});

describe('a configured staff name holds the comment in any common form', () => {
  it.each([
    // Spaces around a configured name do not hide it.
    ['Bloggs said it', [' Jo Bloggs ']],
    ['Jo said it', [' Jo Bloggs ']],
    // A first name on its own, as written: with its accent, without it, or in capitals.
    ['Zoë was brilliant', ['Zoë Ball']],
    ['Zoe was brilliant', ['Zoë Ball']],
    ['JO was late', ['Jo Bloggs']],
    // A two-letter name is still a name.
    ['Al was late', ['Al']],
    // Surname first, in lower case, for a name of three words.
    ['lee, jo said', ['Jo Ann Lee']],
    // Run together as a user name would be.
    ['jo_li said', ['Jo Li']],
    // A surname of four letters on its own.
    ['lees said', ['Jo Lees']],
    // A first word with a capital anywhere is a name as typed, however short; only one with no
    // capital at all is a particle ("de Souza").
    ['aJ was late', ['aJ Lee']],
  ])('"%s" with %j', (comment, names) => {
    expect(flags(comment, names)).toEqual(['name']);
  });

  it.each([
    'P4tel was late',
    'Pat3l was late',
    'Pa7el was late',
    'P@tel was late',
    'Bl0ggs was late',
    'Blogg5 was late',
    'Blogg$ was late',
  ])('reads digits and symbols typed for letters: "%s"', (comment) => {
    expect(flags(comment, ['Jo Bloggs', 'Priya Patel'])).toEqual(['name']);
  });

  it('reads a name spaced out letter by letter in the middle of a sentence', () => {
    expect(flags('Is it P a t e l again', ['Priya Patel'])).toEqual(['name']);
  });

  it('matches a name as a whole word only', () => {
    expect(flags('Josh said hi', ['Jo Bloggs'])).toEqual([]);
    expect(flags('Bloggsworth said hi', ['Jo Bloggs'])).toEqual([]);
    expect(flags('Jjo said hi', ['Jo'])).toEqual([]);
  });

  it.each([
    // A surname under four letters may be an everyday word; an apostrophe is not a letter.
    ['We met in may', ['Jo May']],
    ["Prix d'or winners", ["Jo D'Or"]],
    // A first word in lower case is a particle, not a first name.
    ['de facto we agreed', ['de Souza']],
  ])('does not look for a short or lower-case part on its own: "%s" with %j', (comment, names) => {
    expect(flags(comment, names)).toEqual([]);
  });

  it('ignores configured names shorter than two letters, or with no letters at all', () => {
    expect(flags('Plan B and option J were fine', ['J', ' J ', ' '])).toEqual([]);
    expect(flags('Good term.', ['\u200B\u200B'])).toEqual([]);
  });
});

describe('the phrases a staff list is tested against', () => {
  it('keeps a surname of three letters', () => {
    expect(staffNameTokens('Ann Lee')).toEqual(['full:ann lee', 'last:lee']);
  });

  it('offers only a word that starts with a capital as a surname', () => {
    expect(nameCandidates('we saw iPads')).toEqual(['full:we saw', 'full:saw ipads']);
  });
});
