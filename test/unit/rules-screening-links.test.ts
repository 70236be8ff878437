// Pins the screening rules for links and addresses at their edges: each scheme, www and bare domains, digits in a domain, and prose that only looks like one.
import { describe, expect, it } from 'vitest';
import { REMOVED, screenComment, screenFreeText } from '../../shared/domain/screening';

const R = REMOVED;

describe('a link with a scheme is removed whole, up to the first space, quote or angle bracket', () => {
  it.each([
    // Hosts that are not a known top-level domain: only the scheme tells that they are links.
    ['See http://intranet/jsmith today', `See ${R} today`],
    ['See http://oakfield.example/staff today', `See ${R} today`],
    ['See HTTP://oakfield.example/staff today', `See ${R} today`],
    ['Notes at https://oakfield.example/staff today', `Notes at ${R} today`],
    ['Old files on ftp://oakfield.example/plans too', `Old files on ${R} too`],
    // Typed straight after a word, with no space: still a link, and it still names someone.
    ['seehttp://oakfield.example/jsmith', `see${R}`],
    ['linkhttps://intranet/jsmith', `link${R}`],
    ['defanged:hxxps://intranet/jsmith', `defanged:${R}`],
  ])('%s', (comment, screened) => {
    expect(screenFreeText(comment)).toBe(screened);
    expect(screenComment(comment).flags).toEqual(['link']);
  });

  it.each([
    ['<http://oakfield.example/a>', `<${R}>`],
    ['"http://oakfield.example/a" b', `"${R}" b`],
    ["'http://oakfield.example/a' b", `'${R}' b`],
    ['http://oakfield.example/a<br>', `${R}<br>`],
  ])('stops at what encloses it: %s', (comment, screened) => {
    expect(screenFreeText(comment)).toBe(screened);
  });
});

describe('a link starting www is removed whatever it ends in, with the dot typed or spelled', () => {
  it.each([
    ['Go to www.oakfield.example for it', `Go to ${R} for it`],
    ['Go to www . oakfield.example for it', `Go to ${R} for it`],
    ['Go to www. oakfield.example for it', `Go to ${R} for it`],
    ['Go to www .oakfield.example for it', `Go to ${R} for it`],
    // Spelled out, the name after "www dot" goes; "dot example" alone names no one.
    ['Go to www dot oakfield dot example for it', `Go to ${R} dot example for it`],
    ['Visit www.example.co.uk/staff now', `Visit ${R} now`],
    ['Go to www.example.co.uk today', `Go to ${R} today`],
  ])('%s', (comment, screened) => {
    expect(screenFreeText(comment)).toBe(screened);
    expect(screenComment(comment).flags).toEqual(['link']);
  });

  it.each([
    ['<www.oakfield.example>', `<${R}>`],
    ['"www.oakfield.example"', `"${R}"`],
    ["'www.oakfield.example' it", `'${R}' it`],
    ['www.oakfield.example<br>', `${R}<br>`],
  ])('stops at what encloses it: %s', (comment, screened) => {
    expect(screenFreeText(comment)).toBe(screened);
  });

  it('reads www as a link only as a word of its own, not at the end of another word', () => {
    for (const prose of ['Awww.that was kind of them', 'www is short for world wide web'])
      expect(screenComment(prose)).toEqual({ text: prose, flags: [] });
  });
});

describe('a bare domain is a link when it ends in a real top-level domain', () => {
  it.each([
    ['Read example.org/path today', `Read ${R} today`],
    ['see example.org today', `see ${R} today`],
    ['Oakfield.Net is ours', `${R} is ours`],
    ['Oakfield.net is ours', `${R} is ours`],
    // Written all in capitals, a name is a link even when a label starts with a digit.
    ['See 4KIDS.ORG for help', `See ${R} for help`],
    // A word-like ending ("me") makes a link only with a path after it.
    ['Join t.me/oakstaff now', `Join ${R} now`],
  ])('%s', (comment, screened) => {
    expect(screenFreeText(comment)).toBe(screened);
    expect(screenComment(comment).flags).toEqual(['link']);
  });

  it.each([
    'It took 3.5 hours',
    'Scores were 3.5 and 4.25',
    'Version 2.5.1 is out',
    'The e.g. examples were clear',
    'i.e. better',
    'It ended.Then we left',
    'Term ends.Next term starts',
    // A capitalised real ending after a lower-case word is a sentence with its space missing.
    'Great term.Info evening is next week',
    'Training was good. Then we left.',
    'Say it.me too',
    'me.it was fine',
  ])('leaves "%s" exactly as written', (prose) => {
    expect(screenComment(prose)).toEqual({ text: prose, flags: [] });
    expect(screenFreeText(prose)).toBe(prose);
  });
});

describe('a link is removed on every listed top-level domain', () => {
  it.each(
    (
      'com org net edu gov uk sch ac nhs police io info biz app dev ie eu ch au nz ca za ai tv fm gg je im scot ' +
      'wales cymru london school academy college education blog online site website tech page link xyz store ' +
      'shop news live life world email cloud digital media club team services solutions agency design studio ' +
      'works today ltd plc'
    ).split(' '),
  )('oakfield.%s', (tld) => {
    expect(screenFreeText(`see oakfield.${tld} today`)).toBe(`see ${R} today`);
  });

  it.each(['me', 'it', 'is', 'to', 'in', 'us', 'so', 'at', 'do', 'no', 'go', 'my', 'am', 'la'])(
    'oakfield.%s is a link with a path after it, and a word without one',
    (tld) => {
      expect(screenFreeText(`Join oakfield.${tld}/staff now`)).toBe(`Join ${R} now`);
      const prose = `It was oakfield.${tld} again`;
      expect(screenComment(prose)).toEqual({ text: prose, flags: [] });
    },
  );
});

describe('a bare domain is read by the case of its last two labels', () => {
  it.each([
    // A capitalised ending after a capitalised label is a name written in title case.
    ['Visit my.Oakfield.Net today', `Visit ${R} today`],
    // An ending that starts in lower case is a link, whatever follows.
    ['see oakfield.neT today', `see ${R} today`],
  ])('%s', (comment, screened) => {
    expect(screenFreeText(comment)).toBe(screened);
    expect(screenComment(comment).flags).toEqual(['link']);
  });

  it('reads a capitalised ending after a word starting in lower case as two sentences', () => {
    const prose = 'We use iPads.Net access is slow';
    expect(screenComment(prose)).toEqual({ text: prose, flags: [] });
  });
});

describe('an IP address with a path is a link; a score out of ten is not', () => {
  it.each([
    ['Open 192.168.10.20/staff now', `Open ${R} now`],
    ['Open 10.0.0.5:8080/hr now', `Open ${R} now`],
  ])('%s', (comment, screened) => {
    expect(screenFreeText(comment)).toBe(screened);
    expect(screenComment(comment).flags).toEqual(['link']);
  });

  it('leaves "We rated it 3.5/5 overall"', () => {
    const prose = 'We rated it 3.5/5 overall';
    expect(screenComment(prose)).toEqual({ text: prose, flags: [] });
  });
});

describe('a domain spelled out with "dot" and "slash" is a link, however it is spaced', () => {
  it.each([
    ['see oakfield dot  org', `see ${R}`],
    ['see oakfield dot org  slash staff', `see ${R}`],
    ['Go to www  dot  oakfield dot example for it', `Go to ${R} dot example for it`],
  ])('%s', (comment, screened) => {
    expect(screenFreeText(comment)).toBe(screened);
    expect(screenComment(comment).flags).toEqual(['link']);
  });
});

describe('a domain spelled with hyphens ("-dot-") is a link when it ends in a real top-level domain', () => {
  it.each([
    ['visit oakfield-dot-org today', `visit ${R} today`],
    ['visit OAKFIELD-DOT-ORG today', `visit ${R} today`],
    ['visit oak-dot-primary-dot-org today', `visit ${R} today`],
    ['oak-primary-dot-sch-dot-uk has it', `${R} has it`],
    // After an everyday word, "-at-" is a place, not an address.
    ['look-at-oakfield-dot-org', R],
  ])('%s', (comment, screened) => {
    expect(screenFreeText(comment)).toBe(screened);
    expect(screenComment(comment).flags).toEqual(['link']);
  });

  it.each(['She wore a polka-dot-dress', 'the mid-dot-point was fine'])(
    'leaves "%s" exactly as written',
    (prose) => {
      expect(screenComment(prose)).toEqual({ text: prose, flags: [] });
    },
  );
});

describe('an e-mail address is removed with digits anywhere in its domain or local part', () => {
  it.each([
    ['Email a.b@school42.example now', `Email ${R} now`],
    ['Email a.b@42school.example now', `Email ${R} now`],
    ['Email a.b@school-42.example now', `Email ${R} now`],
    ['Email teacher@st-42.sch.uk now', `Email ${R} now`],
    ['a.b@school42.example', R],
    ['Write to a1@b2.example soon', `Write to ${R} soon`],
    ['Write to 1a@oak.school soon', `Write to ${R} soon`],
    ['Ask year6.lead@oak7.sch.uk or me', `Ask ${R} or me`],
  ])('%s', (comment, screened) => {
    expect(screenFreeText(comment)).toBe(screened);
    expect(screenComment(comment).flags).toEqual(['email']);
  });
});
