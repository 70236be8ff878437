// Pins the screening rules for phone numbers at their edges: how many digits each kind of number has, times and days that only look like one, letters typed for digits, and numbers written in words.
import { describe, expect, it } from 'vitest';
import { REMOVED, screenComment, screenFreeText } from '../../shared/domain/screening';

const R = REMOVED;

/** The comment is screened to `screened`, and flagged as holding a phone number. */
function expectPhoneRemoved(comment: string, screened: string) {
  expect(screenFreeText(comment)).toBe(screened);
  expect(screenComment(comment).flags).toEqual(['phone']);
}

/** The comment comes back exactly as written, with nothing flagged. */
function expectKept(comment: string) {
  expect(screenComment(comment)).toEqual({ text: comment, flags: [] });
  expect(screenFreeText(comment)).toBe(comment);
}

describe('a number with a country code (+) is a phone number when it has 10 to 15 digits', () => {
  it.each([
    ['Call +12 3456 7890 today', `Call ${R} today`],
    ['Call +86 138 0013 8000 today', `Call ${R} today`],
    ['Call +123 4567 8901 2345 today', `Call ${R} today`],
    ['call + 44 7700 900123', `call ${R}`],
  ])('%s', expectPhoneRemoved);

  it.each(['Code +12 345 6789 today', 'Ref +1234 5678 9012 3456 today'])('leaves "%s"', expectKept);
});

describe('a number starting 44 without a plus is a phone number when it has 12 to 14 digits', () => {
  it.each([
    ['ring 44 7700 900 123 today', `ring ${R} today`],
    ['ring 44 20 7946 0958 12 today', `ring ${R} today`],
    ['ring 0044 20 7946 0958', `ring ${R}`],
    // Wide separators do not split an international number.
    ['Ring 0044  -  20  -  7946  -  0958 today', `Ring ${R} today`],
    ['Ring 00 44  -  20  -  7946  -   0958 today', `Ring ${R} today`],
  ])('%s', expectPhoneRemoved);

  it.each(['Ref 44 1234 5678 today', 'Ref 44 1234 5678 9012 3 today', 'Ref 0033 1 23 45 67 89 today'])(
    'leaves "%s"',
    expectKept,
  );
});

describe('a number starting 0 is a phone number when it has 10 to 12 digits', () => {
  it.each([
    ['Freephone 0800 123 456 today', `Freephone ${R} today`],
    ['Line 0117 496 01 234 today', `Line ${R} today`],
    // Ending in 44 does not make it an international number.
    ['Call 07700 900 144 today', `Call ${R} today`],
    ['Reception (0161) 496 0000 knows', `Reception ${R} knows`],
    ['Reception ( 0161 ) 496 0000 knows', `Reception ${R} knows`],
  ])('%s', expectPhoneRemoved);

  it.each(['Code 0117 496 01 today', 'Line 0117 496 012 345 today'])('leaves "%s"', expectKept);
});

describe('times and days in a row are not a phone number, but a group that cannot be one is', () => {
  it.each([
    'Slots 08.59 - 09.30 - 10.15 then break',
    'Slots 0800-1230-2359 are booked',
    'Slots (0845-0930-1015) are booked',
  ])('leaves "%s"', expectKept);

  it.each([
    ['Call 07 77 09 00 12 34 please', `Call ${R} please`],
    ['Call 08.60 - 09.30 - 10.15 now', `Call ${R} now`],
    ['Call 0860-1030-1200 now', `Call ${R} now`],
    ['Call 0900-2430-1200 now', `Call ${R} now`],
    // Single digits spaced out are not times.
    ['Text 0 7 7 0 0 9 0 0 1 2 3 now', `Text ${R} now`],
  ])('%s', expectPhoneRemoved);
});

describe('the letter O, l or I typed for a digit counts only inside a run of digits', () => {
  it('reads "l23" after digits as 123', () => {
    expectPhoneRemoved('text 0161 496 l23', `text ${R}`);
  });

  it('leaves a word made of those letters alone in a comment that had a number removed', () => {
    expectPhoneRemoved('Ill since Monday, ring 07700 900123', `Ill since Monday, ring ${R}`);
  });
});

describe('a phone number written in words is removed when it holds ten digits or more', () => {
  it.each([
    'zero',
    'oh',
    'o',
    'nought',
    'one',
    'two',
    'three',
    'four',
    'five',
    'six',
    'seven',
    'eight',
    'nine',
  ])('"%s" counts as one digit', (word) => {
    expectPhoneRemoved(`ring ${word} 77 00 90 01 2 today`, `ring ${R} today`);
  });

  it.each([
    ['Oh seven seven treble nine oh one two three, thanks', `${R} thanks`],
    ['oh seven seven triple nine oh one two three thanks', `${R} thanks`],
    ['call oh seven seven double nine oh one two three four', `call ${R} `],
    ['It is oh seven seven, double oh nine, double oh one, two three, thanks', `It is ${R} thanks`],
    ['OH SEVEN SEVEN DOUBLE OH NINE DOUBLE OH ONE TWO THREE thanks', `${R} thanks`],
    [
      'home oh one one five double four nine one two three four, work oh seven seven double oh nine double oh one two three',
      `home ${R} work ${R} `,
    ],
  ])('%s', expectPhoneRemoved);

  it('keeps nine digits in words (double counts two)', () => {
    expectKept('oh seven seven double nine oh one two three thanks');
  });
});
