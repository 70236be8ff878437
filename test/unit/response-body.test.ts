// Proves a practitioner's answers are checked field by field, every problem named with its field, in the words the form shows.
import { describe, expect, it } from 'vitest';
import { parseResponseBody } from '../../shared/schemas/response';

const parse = (body: unknown) => parseResponseBody(body, ['oak-primary']);

describe('parseResponseBody', () => {
  it('takes a full, valid response as it is', () => {
    const body = {
      ratings: { vision: 4, capacity: 1 },
      safety: 5,
      influence: 3,
      role: 'delivery',
      division: 'oak-primary',
      comment: 'Fine.',
    };
    expect(parse(body)).toEqual({ success: true, data: body });
  });

  it.each<[string, unknown, { path: string; message: string }[]]>([
    ['a body that is not an object', [1, 2], [{ path: '(root)', message: 'must be a JSON object' }]],
    ['null', null, [{ path: '(root)', message: 'must be a JSON object' }]],
    ['no answer at all', { role: 'delivery' }, [{ path: '(root)', message: 'answer at least one question' }]],
    [
      'a blank comment only',
      { comment: '   ' },
      [{ path: '(root)', message: 'answer at least one question' }],
    ],
    [
      'an unknown field',
      { safety: 3, nickname: 'x' },
      [{ path: '(root)', message: 'Unrecognized key: "nickname"' }],
    ],
    [
      'an unknown pillar',
      { ratings: { charisma: 3 } },
      [{ path: 'ratings', message: 'Unrecognized key: "charisma"' }],
    ],
    [
      'ratings that are not an object',
      { ratings: 4 },
      [{ path: 'ratings', message: 'must be an object of ratings by pillar' }],
    ],
    [
      'a rating as text',
      { safety: '4' },
      [{ path: 'safety', message: 'must be a whole number from 1 to 5' }],
    ],
    ['a rating out of range', { influence: 6 }, [{ path: 'influence', message: 'must be from 1 to 5' }]],
    [
      'a fraction below range',
      { ratings: { vision: 0.5 } },
      [
        { path: 'ratings.vision', message: 'must be a whole number from 1 to 5' },
        { path: 'ratings.vision', message: 'must be from 1 to 5' },
      ],
    ],
    [
      'an unknown role',
      { safety: 3, role: 'ceo' },
      [{ path: 'role', message: expect.stringMatching(/^must be one of /) }],
    ],
    [
      'a division of another trust',
      { safety: 3, division: 'elm-high' },
      [{ path: 'division', message: "must be one of the trust's divisions, or undisclosed" }],
    ],
    ['a comment that is not text', { comment: 5 }, [{ path: 'comment', message: 'must be text' }]],
    [
      'a comment too long',
      { comment: 'x'.repeat(2001) },
      [{ path: 'comment', message: 'must be at most 2000 characters' }],
    ],
  ])('names the problem with %s', (_what, body, issues) => {
    expect(parse(body)).toEqual({ success: false, issues });
  });

  it('takes the undisclosed division and a comment of exactly the limit', () => {
    expect(parse({ division: 'undisclosed', comment: 'x'.repeat(2000) }).success).toBe(true);
  });
});
