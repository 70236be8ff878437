// Proves the trust config loader accepts the example trust and names the field of every problem.
import { describe, expect, it, vi } from 'vitest';
import { loadConfigFile, parseConfigText } from '../../shared/config/load-config';
import { ConfigError } from '../../shared/errors';
import { EXAMPLE_CONFIG_PATH, exampleConfig } from '../support/fixtures';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { configWarnings } from '../../shared/config/warnings';
import { formDefinition } from '../../shared/feedback/form-definition';
import { renderFormPage } from '../../shared/feedback/form-page';

/** The ConfigError `fn` throws; anything else it throws, or nothing thrown, fails the test. */
const configErrorOf = (fn: () => unknown): ConfigError => {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
};
const messagesOf = (fn: () => unknown): string[] =>
  configErrorOf(fn).issues.map((i) => `${i.path}: ${i.message}`);

describe('trust config', () => {
  it('loads the example trust with the spec defaults filled in', () => {
    const config = loadConfigFile(EXAMPLE_CONFIG_PATH);
    expect(config.divisions).toHaveLength(12);
    expect(config.objectives).toHaveLength(8);
    expect(config.cycles).toHaveLength(5);
    expect(config.anonymity).toEqual({ k: 5, commentThreshold: 10 });
    expect(config.thresholds.qa3OverdueDaysCap).toBe(90);
    expect(config.thresholds.qa4Safety).toEqual({ green: 4, amber: 3 });
  });

  it('reads JSON as well as YAML', () => {
    const json = JSON.stringify(exampleConfig());
    expect(parseConfigText(json, 'trust.json').trust.name).toBe('Riverbend Learning Trust');
  });

  it('names the field of each problem', () => {
    const bad = { ...exampleConfig(), anonymity: { k: 2, commentThreshold: 10 }, extra: true };
    bad.divisions = [{ id: 'Oak Primary', name: 'Oak' }];
    bad.email = { ...bad.email, sender: 'not-an-address' };
    const messages = messagesOf(() => parseConfigText(JSON.stringify(bad), 'trust.json'));
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^divisions\[0\]\.id: must be lower-case/),
        'email.sender: must be an email address',
        'anonymity.k: k may not be set below 3',
        expect.stringMatching(/^\(root\): Unrecognized key: "extra"/),
      ]),
    );
  });

  it('rejects overlapping cycles, duplicate ids and a green threshold below amber', () => {
    const bad = exampleConfig();
    bad.cycles.push({ id: '2026-autumn', start: '2026-12-01', end: '2027-01-31' });
    bad.thresholds.qa3Closed = { green: 0.4, amber: 0.6 };
    const messages = messagesOf(() => parseConfigText(JSON.stringify(bad), 'trust.json'));
    expect(messages).toEqual(
      expect.arrayContaining(['thresholds.qa3Closed.green: green must not be below amber']),
    );
    const onlyOverlap = exampleConfig();
    onlyOverlap.cycles.push({ id: '2026-extra', start: '2026-12-01', end: '2027-01-31' });
    onlyOverlap.cycles.push({ id: '2026-extra', start: '2027-03-01', end: '2027-04-30' });
    expect(messagesOf(() => parseConfigText(JSON.stringify(onlyOverlap), 'x.json'))).toEqual(
      expect.arrayContaining([
        'cycles[5].start: cycle "2026-extra" overlaps cycle "2026-autumn"',
        'cycles[6].id: duplicate id "2026-extra"',
      ]),
    );
  });

  it('says when the file cannot be read or parsed', () => {
    expect(messagesOf(() => loadConfigFile('/nonexistent/trust.yaml'))[0]).toMatch(
      /^\(file\): cannot be opened/,
    );
    expect(messagesOf(() => parseConfigText('trust: [unclosed', 'trust.yaml'))[0]).toMatch(
      /^\(file\): cannot be read/,
    );
  });
});

describe('a YAML config with a tag or syntax the parser only warns about', () => {
  it('is refused with the reason, not loaded with a warning on the console', () => {
    const warn = vi.spyOn(process, 'emitWarning');
    try {
      expect(() => parseConfigText('!custom-tag\ntrust: x\n', 'trust.yaml')).toThrow(
        /trust\.yaml is not a valid trust config:\n {2}- \(file\): cannot be read: Unresolved tag: !custom-tag/,
      );
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });
});

describe('what config validate catches before a deploy', () => {
  const example = readFileSync(EXAMPLE_CONFIG_PATH, 'utf8');
  // An edited copy of the example, as if saved beside it (where its logo file is).
  const mine = join(dirname(EXAMPLE_CONFIG_PATH), 'my-trust.yaml');

  it('refuses a time zone the runtime does not know, naming its line in the file', () => {
    const text = example.replace(/^timezone: .*$/m, 'timezone: Europe/Londn');
    const line = text.split('\n').findIndex((l) => l.startsWith('timezone:')) + 1;
    const error = configErrorOf(() => parseConfigText(text, mine));
    expect(error.issues).toEqual([
      {
        path: 'timezone',
        line,
        message: 'must be a time zone name from the IANA list, such as Europe/London',
      },
    ]);
    expect(error.message).toContain(`line ${line}, timezone: must be a time zone name`);
  });

  it('names the line of the entry around a missing field', () => {
    const text = example.replace(/^(\s*-\s*\{\s*)id: oak-primary, /m, '$1');
    const line = text.split('\n').findIndex((l) => l.includes('name: Oak Primary School')) + 1;
    expect(configErrorOf(() => parseConfigText(text, mine)).issues[0]).toMatchObject({
      path: 'divisions[0].id',
      line,
    });
  });

  it('warns, without refusing, when alarms would reach no one or no cycle is still to come', () => {
    const config = parseConfigText(example, mine);
    expect(configWarnings(config, '2026-11-27')).toEqual(
      config.ops?.alarmEmail ? [] : [expect.stringMatching(/^ops\.alarmEmail is not set/)],
    );
    const noOps = { ...config, ops: undefined };
    expect(configWarnings(noOps, '2099-01-01')).toEqual([
      expect.stringMatching(/^ops\.alarmEmail is not set/),
      'no cycle ends on or after today (2099-01-01): nothing more will run until the next cycle is added to cycles.',
    ]);
  });
});

describe("the trust's own logo, marking and form wording", () => {
  const example = readFileSync(EXAMPLE_CONFIG_PATH, 'utf8');
  const withLogo = (file: string, bytes?: Buffer) => {
    const dir = mkdtempSync(join(tmpdir(), 'logo-'));
    if (bytes) writeFileSync(join(dir, file), bytes);
    return () =>
      parseConfigText(example.replace(/^ {2}logo: .*$/m, `  logo: ${file}`), join(dir, 'trust.yaml'));
  };
  const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

  it('reads the logo file beside the config into the config, as a data URI', () => {
    const config = withLogo('logo.png', PNG)();
    expect(config.trust.logo).toBe(`data:image/png;base64,${PNG.toString('base64')}`);
    expect(exampleConfig().trust.logo).toMatch(/^data:image\/png;base64,/);
  });

  it('refuses a logo that is missing, not a PNG or JPEG, or over 32 KB, naming the file and the line', () => {
    const line = example.split('\n').findIndex((l) => l.startsWith('  logo:')) + 1;
    expect(messagesOf(withLogo('gone.png'))).toEqual([
      'trust.logo: cannot read the logo file "gone.png" (it is looked for beside the config file)',
    ]);
    expect(messagesOf(withLogo('logo.gif', Buffer.from('GIF89a....')))).toEqual([
      'trust.logo: "logo.gif" is not a PNG or JPEG image',
    ]);
    expect(
      messagesOf(withLogo('big.png', Buffer.concat([PNG, Buffer.alloc(33 * 1024 - PNG.length)]))),
    ).toEqual(['trust.logo: "big.png" is 33 KB; a logo may be at most 32 KB (it is carried in every page)']);
    expect(configErrorOf(withLogo('gone.png')).issues[0]!.line).toBe(line);
  });

  it("keeps the form's traces, platform log lines and access logs off unless the trust turns them on", () => {
    expect(exampleConfig().ops?.formDiagnostics).toBe(false);
    // And the stack verifies the sender's domain unless another stage in the account already does.
    expect(exampleConfig().email.senderIdentity).toBe('create');
    const on = { ...exampleConfig(), ops: { formDiagnostics: true } };
    expect(parseConfigText(JSON.stringify(on), 'x.json').ops?.formDiagnostics).toBe(true);
  });

  it('marks the report Official - Sensitive unless the trust says otherwise', () => {
    const bare = { ...exampleConfig(), trust: { name: 'A Trust' } };
    expect(parseConfigText(JSON.stringify(bare), 'x.json').trust.marking).toBe('Official - Sensitive');
    const none = { ...bare, trust: { name: 'A Trust', marking: '' } };
    expect(parseConfigText(JSON.stringify(none), 'x.json').trust.marking).toBe('');
  });

  it("takes the form's intro and any question's wording, but no new question and no markup", () => {
    const form = (f: object) => ({ ...exampleConfig(), form: { access: 'open', ...f } });
    const ok = parseConfigText(
      JSON.stringify(form({ intro: 'Tell us how it is going.', questions: { safety: 'I can be honest' } })),
      'x.json',
    );
    expect(ok.form.intro).toBe('Tell us how it is going.');
    expect(ok.form.questions.safety).toBe('I can be honest');
    // The page says them (escaped, as all text is), with the logo; the JSON definition carries no logo.
    const stored = {
      ...{ formId: 'f1', cycleId: '2026-autumn', opensOn: '2026-09-02', closesOn: '2026-12-18' },
      anonymity: { k: 5, commentThreshold: 10 },
    };
    const def = formDefinition(stored, { ...ok, form: { ...ok.form, intro: 'Tell us & be honest.' } });
    const page = renderFormPage(def, '/f/f1', 'token');
    expect(page).toContain('<p>Tell us &amp; be honest.</p>');
    expect(page).toContain('I can be honest');
    expect(page).toContain(
      `<img class="logo" src="${exampleConfig().trust.logo}" alt="Riverbend Learning Trust">`,
    );
    expect(
      messagesOf(() =>
        parseConfigText(JSON.stringify(form({ questions: { pay: 'Is pay fair?' } })), 'x.json'),
      ),
    ).toEqual([expect.stringMatching(/^form\.questions: .*pay/)]);
    expect(
      messagesOf(() => parseConfigText(JSON.stringify(form({ intro: 'Hello <b>staff</b>' })), 'x.json')),
    ).toEqual(['form.intro: must be plain text, without < or >']);
    expect(
      messagesOf(() => parseConfigText(JSON.stringify(form({ questions: { vision: '' } })), 'x.json')),
    ).toEqual(['form.questions.vision: must not be empty (leave it out to use the standard wording)']);
  });
});
