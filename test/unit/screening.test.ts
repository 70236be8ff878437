// Proves comments are screened on a corpus of real-looking feedback: personal data is removed or the comment held, and no date or plain number is touched.
import { describe, expect, it } from 'vitest';
import {
  FLAG_WORDS,
  REMOVED,
  nameCandidates,
  redact,
  screenComment,
  screenFreeText,
  staffNameTokens,
  type Flag,
} from '../../shared/domain/screening';
import { staffNameHash } from '../../shared/domain/staff';

/** A comment with personal data planted in it, the planted text, and what screening must say. */
type Planted = [comment: string, planted: string, flag: Flag];

const PLANTED: Planted[] = [
  // E-mail addresses, plain, spelled out and obfuscated.
  ['Email me at jo.bloggs+qa@oak-primary.sch.uk please', 'jo.bloggs+qa@oak-primary.sch.uk', 'email'],
  ['Contact jane.smith at northprimary dot org about it', 'jane.smith at northprimary dot org', 'email'],
  ['Write to jane[at]north-primary[dot]org', 'jane[at]north-primary[dot]org', 'email'],
  ['My address is sam (at) oak (dot) sch (dot) uk', 'sam (at) oak (dot) sch (dot) uk', 'email'],
  ['reach me: p.jones{at}riverbend{dot}org', 'p.jones{at}riverbend{dot}org', 'email'],
  ['Full-width ｊｏ＠ｅｘａｍｐｌｅ．ｏｒｇ trick', 'ｊｏ＠ｅｘａｍｐｌｅ．ｏｒｇ', 'email'],
  ['zero\u200Bwidth jo\u200B@\u200Bexample.org here', 'jo\u200B@\u200Bexample.org', 'email'],
  ['Spaced out: kim @ oak-primary . org', 'kim @ oak-primary . org', 'email'],
  ['ask head@alder-special.sch.uk for the notes', 'head@alder-special.sch.uk', 'email'],
  ['CC deputy_head@birch.academy on this', 'deputy_head@birch.academy', 'email'],
  ['I am t.o.m@gmail.com if you want detail', 't.o.m@gmail.com', 'email'],
  ['Nurse at oak: n.patel[at]oak[dot]nhs[dot]uk', 'n.patel[at]oak[dot]nhs[dot]uk', 'email'],
  ['mail <ann at riverbend dot org> soon', 'ann at riverbend dot org', 'email'],
  // Phone numbers in common UK formats.
  ['Ring 07700 900123 after school', '07700 900123', 'phone'],
  ['Call 07700-900-123 any time', '07700-900-123', 'phone'],
  ['My mobile is 07700900123.', '07700900123', 'phone'],
  ['Office line +44 (0)20 7946 0958', '+44 (0)20 7946 0958', 'phone'],
  ['Try 0161/496/0000 for the office', '0161/496/0000', 'phone'],
  ['Reception (0161) 496 0000 knows', '(0161) 496 0000', 'phone'],
  ['Ring 020 7946 0018 for the trust', '020 7946 0018', 'phone'],
  ['whatsapp +447700900123', '+447700900123', 'phone'],
  ['Text 07700.900.123 if needed', '07700.900.123', 'phone'],
  ['Call +44 7700 900 123 or come in', '+44 7700 900 123', 'phone'],
  ['Fax 01632 960 001 still works', '01632 960 001', 'phone'],
  ['Full-width ０７７００ ９００１２３ number', '０７７００ ９００１２３', 'phone'],
  ['Ring 0117 496 0123 ext 4', '0117 496 0123', 'phone'],
  ['+44-161-496-0000 is the hub', '+44-161-496-0000', 'phone'],
  // Links on any domain.
  ['See https://evil.example.com/x?y=1 for my notes', 'https://evil.example.com/x?y=1', 'link'],
  ['My blog www.teachtalk.net covers it', 'www.teachtalk.net', 'link'],
  ['Profile at north-primary.school/jsmith', 'north-primary.school/jsmith', 'link'],
  ['Slides on drive.google.com/file/abc', 'drive.google.com/file/abc', 'link'],
  ['Read oak-teacher.blog for more', 'oak-teacher.blog', 'link'],
  ['My page linkedin.com/in/janesmith', 'linkedin.com/in/janesmith', 'link'],
  ['Video: youtu.be/dQw4w9WgXcQ', 'youtu.be/dQw4w9WgXcQ', 'link'],
  ['http://192.168.0.1/admin is open', 'http://192.168.0.1/admin', 'link'],
  ['ftp://files.oak.org/plans has it', 'ftp://files.oak.org/plans', 'link'],
  ['Join at teams.microsoft.com/l/meetup', 'teams.microsoft.com/l/meetup', 'link'],
  ['Padlet padlet.com/oakstaff/ideas', 'padlet.com/oakstaff/ideas', 'link'],
  ['Full-width ｗｗｗ．ｅｖｉｌ．ｃｏｍ link', 'ｗｗｗ．ｅｖｉｌ．ｃｏｍ', 'link'],
  ['blog at mrsjones.co.uk explains', 'mrsjones.co.uk', 'link'],
  // Disguises found by trying to get past the screening.
  ['send it to jsmith @ oakfield dot org before Friday', 'jsmith @ oakfield dot org', 'email'],
  ['write to jane-at-oakfield-dot-org and see', 'jane-at-oakfield-dot-org', 'email'],
  ['defanged jane@oakfield[.]org', 'jane@oakfield[.]org', 'email'],
  ['jane [at] oakfield [.] org is me', 'jane [at] oakfield [.] org', 'email'],
  ['cyrillic a: jane \u0430t oakfield dot org', 'oakfield dot org', 'email'],
  ['my email is jane dot smith at gmail, obviously', 'jane dot smith at gmail', 'email'],
  ['jane dot smith at oakfield dot sch dot uk', 'smith', 'email'],
  ['j.smith@oakfield\u3002sch\u3002uk', 'j.smith', 'email'],
  ['jane.smith.14.02.88@gmail.com wrote', 'jane.smith.14.02.88', 'email'],
  ['contact me at jane at oakfield dot org', 'jane at oakfield dot org', 'email'],
  ['ring 0044 7700 900123', '7700 900123', 'phone'],
  ['ring 447700900123', '447700900123', 'phone'],
  ['O7700 900123 is my mobile', '7700 900123', 'phone'],
  ['Tel07700900123', '07700900123', 'phone'],
  [
    '\u0660\u0667\u0667\u0660\u0660 \u0669\u0660\u0660\u0661\u0662\u0663 mobile',
    '\u0669\u0660\u0660\u0661\u0662\u0663',
    'phone',
  ],
  ['07700\u00B7900\u00B7123 works', '900\u00B7123', 'phone'],
  ['07700.90.01.23 after six', '90.01.23', 'phone'],
  ['GOV.UK has the guidance', 'GOV.UK', 'link'],
  ['see OAKFIELD.SCH.UK/STAFF', 'OAKFIELD.SCH.UK/STAFF', 'link'],
  ['hxxps://oakfield[.]org/jsmith', 'jsmith', 'link'],
  ['oakfield dot sch dot uk slash staff', 'oakfield dot sch', 'link'],
  ['www dot jsmithteaches dot com', 'jsmithteaches', 'link'],
  ['oakfield\u3002org/staff', 'oakfield', 'link'],
  ['oakfield . org', 'oakfield . org', 'link'],
  ['10.0.0.5/hr/jsmith', 'jsmith', 'link'],
  ['text O77OO 9OO123', 'O77OO 9OO123', 'phone'],
  ['text 07700 900 l23', '900 l23', 'phone'],
  ['call zero seven seven zero zero nine zero zero one two three', 'nine zero zero one two three', 'phone'],
  ['oh seven seven double oh nine double oh one two three is my number', 'double oh one two three', 'phone'],
  ['join t.me/oakfieldstaff', 'oakfieldstaff', 'link'],
  ['message wa.me/447700900123', 'wa.me', 'link'],
  ['email kay at oakfield.sch.uk for the minutes', 'kay at', 'email'],
  ['reply to office at-sign riverside dot org', 'office at-sign', 'email'],
];

/** Names: the comment is held, not changed; screening says why. */
const NAMED: [comment: string, names?: string[]][] = [
  ['Mrs Smith in Year 4 is great.'],
  ['Mr. Patel never answers emails'],
  ['Dr Okafor led the best session'],
  ['Ms J. Brown was unfair to my team'],
  ['Miss Hughes-Wright should be thanked'],
  ['I think Mx Taylor deserves credit'],
  ['Sir Ken would disagree'],
  ['Prof Williams visited us'],
  ['Our head, Mrs O’Neill, listens'],
  ['Mr Adeyemi-Jones runs the hub'],
  ['Jo Bloggs was dismissive in the review', ['Jo Bloggs']],
  ['the deputy, bloggs, was late again', ['Bloggs']],
  ['Priya kept us going all term', ['Priya']],
  ['PRIYA PATEL deserves a medal', ['Priya Patel']],
  ['Thanks to Dr Amir for the training'],
  ['mrs smith', ['x']],
  ['MRS SMITH shouted'],
  ['Mrs.Smith again'],
  ['Mrs de Souza', ['x']],
  ['Mr J was off', ['x']],
  ['Revd Jones visited'],
  ['Cllr Ahmed came in'],
  ['Sister Mary helps'],
  ['Madame Dubois teaches French'],
  ['\u041Crs Smith'],
  ['Jo  Bloggs said', ['Jo Bloggs']],
  ['Jo-Bloggs said', ['Jo Bloggs']],
  ['PriyaPatel said', ['Priya Patel']],
  ['Sean O\u2019Neill said', ["Sean O'Neill"]],
  ["Se\u00E1n O'Neill said", ["Sean O'Neill"]],
  ['Bloggs, Jo said', ['Jo Bloggs']],
  ['J. Bloggs said', ['Jo Bloggs']],
  ['Priya P. said', ['Priya Patel']],
  ['Bloggs said', ['Jo Bloggs']],
  ['MISS WRIGHT IS UNFAIR'],
  ['MrsSmith is the problem'],
  ['M\u0433s Smith'],
  ['Mr-Jones teaches maths'],
  ['Jo was amazing at parents evening', ['Jo Bloggs']],
  ["Jo's lessons are dull", ['Jo Bloggs']],
  ['Tom covered my class', ['Tom Harris']],
  ['ONeill ignored the report', ["Sean O'Neill"]],
  ['O Neill ignored the report', ["Sean O'Neill"]],
  ['P a t e l is the issue', ['Priya Patel']],
  ['P-a-t-e-l', ['Priya Patel']],
  ['Pr1ya Pate1 again', ['Priya Patel']],
];

/** Clean comments: dates, numbers, percentages, years, times and ordinary words stay exactly. */
const CLEAN = [
  'Year 6 scored 85% in 2026',
  'The review on 2026-10-14 was useful',
  'We met on 14/10/2026 and again on 21/10/2026',
  'Dates 2026-10-14 2026-12-18 were fine',
  'Between 2024 2025 2026 things improved',
  'We have 3000 pupils and 120 staff',
  'Budget was 1,250,000 this year',
  'About 12 500 children across the trust',
  'It took 3.5 hours, twice',
  'Sessions at 09:30 and 15:45 clash with duty',
  'Version 2.0 of the toolkit is better',
  'Ratio is 1:30 in Reception',
  'We scored 4/5 on the rubric',
  'Up 0.5 points since last year',
  'Ofsted visited on 3.11.25',
  'Over 10 000 hours of CPD logged',
  'The 2026/27 plan looks right',
  'Target of 95% attendance was met',
  'Our phonics check pass rate rose to 88%',
  'We need more than 45 minutes for moderation',
  'Peer review helped us a lot.',
  'Time for improvement work is short.',
  'Data arrives late, so leaders cannot act on it quickly enough.',
  'The model works well in primary but less so in special schools.',
  'I was not asked for my view at all this term.',
  'Good at listening, slow at acting.',
  'We looked at data over the summer term.',
  'Look at the dot plots in the appendix',
  'Our leaders meet at lunch.',
  'I felt safe raising concerns with my line manager.',
  'More release time please.',
  'Year 4 team is great.',
  'The e.g. examples were clear, i.e. usable',
  'Key stage 2 results: 72, 68 and 81',
  'In 2019 there were 4 schools; now 40',
  'Room 101 is too cold',
  'We used 3 rounds of 20 minutes',
  'It is 2026 and we still print everything',
  'Cohort of 0 SEN pupils this year is unusual',
  'Deadline 31/12/2026 is tight',
  'Meeting 2026-11-02 to 2026-11-06 went well',
  'Scores: 3, 4, 4, 5, 2',
  'Only 1 in 10 staff felt heard',
  'Trust-wide CPD day is on 5 January',
  'The QA5 criterion confused us',
  'Can we have the slides sooner?',
  'Feedback loops are much better than last year!',
  'Thanks to the central team.',
  'I am a teaching assistant and I feel listened to.',
  'Five stars for the new induction.',
  'The new RAG rating is fairer.',
  'Invoice 00012345 was paid late',
  'Timetable with dots: 08.45 - 09.30 - 10.15 then break.',
  'Slots 0900-1030-1200 are taken.',
  'Sessions on 01.09 - 05.09 - 12.09 were good.',
  'PO number 0004512345 was never paid.',
  'Pupil codes 0012 0013 0014 were missing',
  'It took 1\u00BD hours',
  'The hall is 120 m\u00B2',
  'The 2025\u201326 plan',
  'Scores 72 \u2014 68',
  'It was \u22122 degrees',
  'On 5\u00A0January we met',
  'We love it \u2764\uFE0F',
  'Teacher \uD83D\uDC69\u200D\uD83C\uDFEB emoji',
  'Appraisal.docx and tracker.xlsx were late',
  'Training was good.but it ran late',
  'the sessions.however the rest',
  'e.g.phonics sessions',
  'The Lord Mayor visited',
  'I miss the old days',
  'Placeholder \uE0001\uE001 hi',
  'Good results.Net gain of 4 points.',
  'Mocks end 30 Jan 2026.Info evening is 3 Feb.',
  'The new structure is ok.Org chart is confusing though.',
  'MS Awareness Week raised 340.',
  'Parking on Oakfield Dr. is awful.',
  'Counting: one, two, three, four, five, six, seven, eight, nine, ten',
  'Scores 0, 7, 7, 9, 0, 0, 1, 2, 3, 4, 5',
  'We have MS Teams and miss Maths sometimes',
];

describe('screening a corpus of comments', () => {
  const total = PLANTED.length + NAMED.length + CLEAN.length;

  it('is a corpus of at least 100 real-looking comments', () => {
    expect(total).toBeGreaterThanOrEqual(100);
  });

  it.each(PLANTED)('removes it from "%s"', (comment, planted, flag) => {
    const screened = screenComment(comment);
    expect(screened.text).toContain(REMOVED);
    expect(screened.text).not.toContain(planted.normalize('NFKC').replace(/\u200B/g, ''));
    expect(screened.text).not.toContain(planted);
    expect(screened.flags).toContain(flag);
    // The same removal happens before a comment is stored.
    expect(screenFreeText(comment)).toBe(screened.text);
  });

  it.each(NAMED)('holds "%s" for the QA lead, unchanged', (comment, names) => {
    const screened = screenComment(comment, { names });
    expect(screened.flags).toEqual(['name']);
    expect(screened.text).toBe(comment);
  });

  it.each(CLEAN)('leaves "%s" exactly as written', (comment) => {
    expect(screenComment(comment, { names: ['Jo Bloggs'] })).toEqual({ text: comment, flags: [] });
    expect(screenFreeText(comment)).toBe(comment);
  });

  it('holds a title before a name, but not before the few words that are never people', () => {
    expect(screenComment('Mr Men books are popular in reception').flags).toEqual([]);
    expect(screenComment('We use Ms Teams for meetings').flags).toEqual([]);
    expect(screenComment('Mr Mendez ran the session').flags).toEqual(['name']);
    expect(screenComment('I miss the old days').flags).toEqual([]);
    expect(screenComment('mrs smith was lovely').flags).toEqual(['name']);
  });

  it('recognises a name from the staff list by the caller’s own test (a keyed hash), whole words only', () => {
    const key = Buffer.alloc(32, 7);
    const known = new Set(
      ['Priya Patel', 'Bloggs, Joe', 'Siân Ó Briain'].flatMap((n) =>
        staffNameTokens(n).map((t) => staffNameHash(key, t)),
      ),
    );
    const isStaffName = (c: string) => known.has(staffNameHash(key, c));
    const flags = (text: string) => screenComment(text, { isStaffName }).flags;
    expect(flags('priya patel runs the hub')).toEqual(['name']);
    expect(flags('Thanks to Patel for the training')).toEqual(['name']);
    expect(flags('Joe Bloggs was great')).toEqual(['name']);
    expect(flags('Sian O Briain helped')).toEqual(['name']);
    expect(flags('Siân Ó Briain helped')).toEqual(['name']);
    expect(flags('sian briain helped')).toEqual(['name']);
    // A surname in lower case is a word, not a name; a first name alone, or a longer word, is not flagged.
    expect(flags('we patel the wall')).toEqual([]);
    expect(flags('Priya runs the hub')).toEqual([]);
    expect(flags('Patelson runs the hub')).toEqual([]);
    expect(flags('Nothing to report, 2026-10-14 and 12 staff')).toEqual([]);
  });

  it('keeps only the phrases a name is known by, and never the name itself', () => {
    expect(staffNameTokens('Jane Smith')).toEqual(['full:jane smith', 'last:smith']);
    expect(staffNameTokens('  Smith,  Jane ')).toEqual(['full:jane smith', 'last:smith']);
    expect(staffNameTokens('Jo Li')).toEqual(['full:jo li']);
    expect(staffNameTokens('Cher')).toEqual(['last:cher']);
    expect(staffNameTokens('')).toEqual([]);
    expect(staffNameTokens("Seán O'Brien")).toEqual(["full:sean o'brien", "last:o'brien"]);
    expect(nameCandidates('Ask Mr. Jones.')).toEqual([
      'full:ask mr',
      'last:ask',
      'full:mr jones',
      'last:mr',
      'last:jones',
    ]);
  });
});

describe('what screening says about a comment', () => {
  it('lists every reason a comment is held, in order', () => {
    expect(screenComment('Mrs Smith: 07700 900123')).toEqual({
      text: `Mrs Smith: ${REMOVED}`,
      flags: ['name', 'phone'],
    });
  });

  it('holds a link spelled out letter by letter, leaving its text for the QA lead', () => {
    const comment = 'see o a k f i e l d . o r g';
    expect(screenComment(comment)).toEqual({ text: comment, flags: ['link'] });
  });

  it('says why a comment is held in words the QA lead reads', () => {
    expect(FLAG_WORDS).toEqual({
      email: 'an e-mail address',
      phone: 'a phone number',
      link: 'a link',
      name: 'a name',
    });
  });
});

describe('redact', () => {
  it('replaces every occurrence of the span the QA lead marked, whatever its case', () => {
    expect(redact('Thanks Sam. sam helped', 'Sam')).toBe(`Thanks ${REMOVED}. ${REMOVED} helped`);
    expect(redact('a.b (c)', '(c)')).toBe(`a.b ${REMOVED}`);
    expect(redact('unchanged', '  ')).toBe('unchanged');
  });

  it('matches the marked span without the spaces around it', () => {
    expect(redact('Thanks Sam.', ' Sam ')).toBe(`Thanks ${REMOVED}.`);
  });
});
