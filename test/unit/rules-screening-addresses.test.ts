// Pins the screening rules for e-mail addresses at their edges: what makes an "at" an address and not a place, the endings an address may have, and the case it is written in.
import { describe, expect, it } from 'vitest';
import { REMOVED, screenComment, screenFreeText } from '../../shared/domain/screening';

const R = REMOVED;

describe('an address is removed whatever the case of its "at" and "dot"', () => {
  it.each([
    ['Write to jane AT oakfield dot org', `Write to ${R}`],
    ['Write to jane at oakfield DOT org', `Write to ${R}`],
  ])('%s', (comment, screened) => {
    expect(screenFreeText(comment)).toBe(screened);
    expect(screenComment(comment).flags).toEqual(['email']);
  });
});

describe('a name before a spelled-out "at" is an address unless it is an everyday word', () => {
  it.each([
    // Names that begin or end like an everyday word ("it", "in") are still names.
    ['Write to kevin at oakfield dot org', `Write to ${R}`],
    ['Write to ithompson at oakfield dot org', `Write to ${R}`],
    // An "at" in brackets is a disguise, whatever word comes before it.
    ['look [ at ] oakfield dot org', R],
    // "at sign" is a disguise too.
    ['write to them at sign riverside dot org', `write to ${R}`],
  ])('%s', (comment, screened) => {
    expect(screenFreeText(comment)).toBe(screened);
    expect(screenComment(comment).flags).toEqual(['email']);
  });

  it.each([
    ['We looked  at oakfield dot org', `We looked  at ${R}`],
    ['We looked at  oakfield dot org', `We looked at  ${R}`],
    ['We looked AT oakfield dot org', `We looked AT ${R}`],
    // A name followed by a path is a link, not an address.
    ['Ask jane at oakfield.org/staff', `Ask jane at ${R}`],
  ])('reads "%s" as a place with a link', (comment, screened) => {
    expect(screenFreeText(comment)).toBe(screened);
    expect(screenComment(comment).flags).toEqual(['link']);
  });
});

describe('an address with an @ may end in any word; a spelled-out "at" needs a real ending', () => {
  it('removes an @ address with spaces around the @ and an ending that is not a real domain', () => {
    expect(screenFreeText('Mail kim @ oak-primary . example soon')).toBe(`Mail ${R} soon`);
    expect(screenComment('Mail kim @ oak-primary . example soon').flags).toEqual(['email']);
  });

  it.each([
    'Lunch at noon. Sandwiches were late',
    // An ending with a digit in it is not a domain: times and rooms.
    'Two sessions @ 3.30pm each',
    'Sets 1-3 @ lab.rm12 on Friday',
  ])('leaves "%s" exactly as written', (prose) => {
    expect(screenComment(prose)).toEqual({ text: prose, flags: [] });
    expect(screenFreeText(prose)).toBe(prose);
  });
});
