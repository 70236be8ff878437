// Proves the trust config loader accepts the example trust and names the field of every problem.
import { describe, expect, it, vi } from 'vitest';
import { ConfigError, loadConfigFile, parseConfigText } from '../../shared/config/load-config';
import { EXAMPLE_CONFIG_PATH, exampleConfig } from '../support/fixtures';
import { readFileSync } from 'node:fs';
import { configWarnings } from '../../shared/config/warnings';

const messagesOf = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err.issues.map((i) => `${i.path}: ${i.message}`);
    throw err;
  }
  throw new Error('expected a ConfigError');
};

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

  it('refuses a time zone the runtime does not know, naming its line in the file', () => {
    const text = example.replace(/^timezone: .*$/m, 'timezone: Europe/Londn');
    const line = text.split('\n').findIndex((l) => l.startsWith('timezone:')) + 1;
    let error: ConfigError | undefined;
    try {
      parseConfigText(text, 'my-trust.yaml');
    } catch (err) {
      error = err as ConfigError;
    }
    expect(error?.issues).toEqual([
      {
        path: 'timezone',
        line,
        message: 'must be a time zone name from the IANA list, such as Europe/London',
      },
    ]);
    expect(error?.message).toContain(`line ${line}, timezone: must be a time zone name`);
  });

  it('names the line of the entry around a missing field', () => {
    const text = example.replace(/^(\s*-\s*\{\s*)id: oak-primary, /m, '$1');
    const line = text.split('\n').findIndex((l) => l.includes('name: Oak Primary School')) + 1;
    let error: ConfigError | undefined;
    try {
      parseConfigText(text, 'my-trust.yaml');
    } catch (err) {
      error = err as ConfigError;
    }
    expect(error?.issues[0]).toMatchObject({ path: 'divisions[0].id', line });
  });

  it('warns, without refusing, when alarms would reach no one or no cycle is still to come', () => {
    const config = parseConfigText(example, 'trust.yaml');
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
