// Pins that a comment's control characters never reach a screen: removed when the comment is
// screened (before it is stored), and written as codes by the command line for any stored before.
import { describe, expect, it } from 'vitest';
import { screenComment, screenFreeText } from '../../shared/domain/screening';
import { printable } from '../../infra/cli/review-commands';

describe('control characters in a comment', () => {
  it('are removed when it is screened: escape sequences, bell, NUL, C1 codes; line breaks and tabs kept', () => {
    expect(screenFreeText('ok \x1b[31mred\x1b[0m bell\x07 nul\x00 c1\x9b2J end')).toBe(
      'ok [31mred[0m bell nul c12J end',
    );
    expect(screenFreeText('first line\r\nsecond\rthird\nfourth\tafter a tab')).toBe(
      'first line\nsecond\nthird\nfourth\tafter a tab',
    );
    expect(screenComment('fine \x1b]0;title\x07 text').text).toBe('fine ]0;title text');
  });

  it('are shown by the command line as their codes, never sent to the terminal', () => {
    expect(printable('a \x1b[2J b\x07 c\x9b d\ne')).toBe('a \\x1b[2J b\\x07 c\\x9b d\ne');
    expect(printable('plain words, "quoted" and ünïcode')).toBe('plain words, "quoted" and ünïcode');
  });
});
