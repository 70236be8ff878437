// Pins the import rules at their edges: the 20 MB JSON limit, rows that are not objects, null and nested cells, batches of 100, progress, and row numbers past blank lines.
import { describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { ImportFileError } from '../../shared/errors';
import { MAX_JSON_BYTES, importRows, readRows, type SourceRow } from '../../shared/imports/import-rows';
import type { EvidenceByKind, EvidenceKindName } from '../../shared/domain/evidence';
import type { EvidenceRepository } from '../../shared/store/evidence';
import { times } from '../support/builders';
import { exampleConfig } from '../support/fixtures';

const config = exampleConfig();

/** Storage that keeps what it is handed, batch by batch: the import's side of the boundary is under test. */
function recordingRepo() {
  const batches: unknown[][] = [];
  const repo = {
    reviewIds: async () => new Set<string>(),
    upsertMany: async (_kind: EvidenceKindName, records: EvidenceByKind[EvidenceKindName][]) => {
      batches.push(records);
      return records.map(() => 'imported' as const);
    },
  } as unknown as EvidenceRepository;
  return { repo, batches };
}

const importFile = (kind: EvidenceKindName, name: string, chunks: Buffer[], repo = recordingRepo().repo) =>
  importRows(kind, readRows(kind, name, Readable.from(chunks)), { config, repo, today: '2026-06-01' });
const text = (s: string) => [Buffer.from(s)];

describe('a JSON file may be up to 20 MB', () => {
  const MB = 1024 * 1024;
  const row = '[{"division":"oak-primary","role":"delivery","count":"3"}';
  /** A valid one-row file of exactly `bytes`, padded with spaces, arriving a megabyte at a time. */
  const fileOf = (bytes: number) => {
    const whole = Buffer.alloc(bytes, ' ');
    whole.write(row, 0);
    whole.write(']', bytes - 1);
    return times(Math.ceil(bytes / MB), (i) => whole.subarray(i * MB, (i + 1) * MB));
  };

  it('is 20 MB exactly', () => {
    expect(MAX_JSON_BYTES).toBe(20 * MB);
  });

  it('reads a file of exactly 20 MB', async () => {
    const { repo, batches } = recordingRepo();
    expect(await importFile('headcount', 'h.json', fileOf(20 * MB), repo)).toEqual({
      imported: 1,
      unchanged: 0,
      rejected: [],
    });
    expect(batches).toEqual([[{ division: 'oak-primary', role: 'delivery', count: 3 }]]);
  });

  it('refuses one byte more, counted across every chunk, and loads nothing', async () => {
    const { repo, batches } = recordingRepo();
    const refused = importFile('headcount', 'h.json', fileOf(20 * MB + 1), repo);
    await expect(refused).rejects.toThrow(
      new ImportFileError('JSON files may be at most 20 MB; send a larger file as CSV'),
    );
    expect(batches).toEqual([]);
  });
});

describe('a JSON row must be an object of column names and values', () => {
  it.each([
    ['[null]', 1],
    ['[1]', 1],
    ['["x"]', 1],
    ['[[]]', 1],
    ['[{"division":"oak-primary","role":"delivery","count":3}, 7]', 2],
  ])('refuses %s, naming row %i, and loads nothing', async (json, row) => {
    const { repo, batches } = recordingRepo();
    const refused = importFile('headcount', 'h.json', text(json), repo);
    await expect(refused).rejects.toBeInstanceOf(ImportFileError);
    await expect(importFile('headcount', 'h.json', text(json))).rejects.toThrow(
      `row ${row} is not an object of column names and values`,
    );
    expect(batches).toEqual([]);
  });
});

describe('JSON cells', () => {
  it('read null as empty: a required column is then rejected, an optional one left out', async () => {
    const { repo, batches } = recordingRepo();
    const summary = await importFile(
      'kpis',
      'k.json',
      text(
        '[{"objective_id":"obj-qa","cycle_id":"2026-autumn","actual":"93%","target":null},' +
          '{"objective_id":"obj-send","cycle_id":"2026-autumn","actual":null}]',
      ),
      repo,
    );
    expect(summary.rejected).toEqual([{ row: 2, column: 'actual', reason: '"" is not a number' }]);
    expect(batches).toEqual([[{ objectiveId: 'obj-qa', cycleId: '2026-autumn', actual: 93 }]]);
  });

  it('read a list, nested or not, as ;-separated values, and an object as its JSON text', async () => {
    const { repo, batches } = recordingRepo();
    await importFile(
      'board-reviews',
      'b.json',
      text(
        '[{"meeting_id":"BR-1","date":"2026-10-01","objective_ids":[["obj-send","obj-qa"],"obj-leaders"]}]',
      ),
      repo,
    );
    expect(batches).toEqual([
      [{ meetingId: 'BR-1', date: '2026-10-01', objectiveIds: ['obj-send', 'obj-qa', 'obj-leaders'] }],
    ]);
    const summary = await importFile(
      'headcount',
      'h.json',
      text('[{"division":"oak-primary","role":"delivery","count":{"n":3}}]'),
    );
    expect(summary.rejected).toEqual([{ row: 1, column: 'count', reason: '"{"n":3}" is not a number' }]);
  });
});

describe('rows are stored 100 at a time, with progress every 1,000 rows read', () => {
  const changes = (n: number, bad = () => false): SourceRow[] =>
    times(n, (i) => ({
      row: i + 2,
      raw: {
        change_id: `MC-${i}`,
        date: bad() ? 'soon' : '2026-10-01',
        pillar: 'process',
        description: 'd',
        source: 'board',
      },
    }));
  async function* from(rows: SourceRow[]) {
    yield* rows;
  }
  const run = async (rows: SourceRow[]) => {
    const { repo, batches } = recordingRepo();
    const progress: number[] = [];
    const summary = await importRows('model-changes', from(rows), {
      config,
      repo,
      today: '2026-06-01',
      onProgress: (n) => progress.push(n),
    });
    return { summary, sizes: batches.map((b) => b.length), progress };
  };

  it('hands on 250 rows as 100, 100 and 50, and 100 rows as one batch', async () => {
    expect((await run(changes(250))).sizes).toEqual([100, 100, 50]);
    expect((await run(changes(100))).sizes).toEqual([100]);
    expect((await run(changes(101))).sizes).toEqual([100, 1]);
  });

  it('stores nothing when every row is rejected', async () => {
    const { summary, sizes } = await run(changes(3, () => true));
    expect(sizes).toEqual([]);
    expect(summary.rejected.map((r) => r.row)).toEqual([2, 3, 4]);
  });

  it('reports progress at each thousandth row read, good or bad, and the total at the end', async () => {
    let i = 0;
    const { summary, progress } = await run(changes(2500, () => i++ % 2 === 1));
    expect(progress).toEqual([1000, 2000, 2500]);
    expect(summary.imported).toBe(1250);
    expect((await run(changes(999))).progress).toEqual([999]);
  });
});

describe('CSV row numbers are the spreadsheet’s, counting blank lines', () => {
  it('numbers rows after empty, comma-only and space-only lines, and reads missing or empty cells as empty', async () => {
    const csv =
      'division,role,count\n\noak-primary,delivery,x\n,,\n  , ,\nash-primary,governor,3\noak-primary,delivery\noak-primary,,3\n';
    expect(await importFile('headcount', 'h.csv', text(csv))).toEqual({
      imported: 0,
      unchanged: 0,
      rejected: [
        { row: 3, column: 'count', reason: '"x" is not a number' },
        { row: 6, column: 'role', reason: '"governor" is not one of delivery, leadership' },
        { row: 7, column: 'count', reason: '"" is not a number' },
        // One empty cell is a row with a gap, not a blank row.
        { row: 8, column: 'role', reason: '"" is not one of delivery, leadership' },
      ],
    });
  });
});

describe('a file is read by its extension, and a broken one is named by where it broke', () => {
  const headcount = 'division,role,count\noak-primary,delivery,3\n';

  it('takes the extension from the end of the name only, in any case', async () => {
    expect((await importFile('headcount', 'H.CSV', text(headcount))).imported).toBe(1);
    expect(() => readRows('headcount', 'h.csv.txt', Readable.from(text(headcount)))).toThrow(
      new ImportFileError('"h.csv.txt" is neither .csv nor .json'),
    );
    expect(() => readRows('headcount', 'h.json.bak', Readable.from(text('[]')))).toThrow(
      new ImportFileError('"h.json.bak" is neither .csv nor .json'),
    );
  });

  it('reads a JSON file that starts with a byte-order mark', async () => {
    const json = '\uFEFF[{"division":"oak-primary","role":"delivery","count":3}]';
    expect((await importFile('headcount', 'h.json', text(json))).imported).toBe(1);
  });

  it('takes a byte-order mark off the start of a JSON file only, never out of a value', async () => {
    const json = '[{"division":"oak\uFEFFprimary","role":"delivery","count":3}]';
    const rows: SourceRow[] = [];
    for await (const r of readRows('headcount', 'h.json', Readable.from(text(json)))) rows.push(r);
    expect(rows.map((r) => r.raw.division)).toEqual(['oak\uFEFFprimary']);
  });

  it('reads a CSV file that starts with a byte-order mark before a quoted header', async () => {
    const csv = '\uFEFF"division","role","count"\r\noak-primary,delivery,3\r\n';
    expect(await importFile('headcount', 'h.csv', text(csv))).toEqual({
      imported: 1,
      unchanged: 0,
      rejected: [],
    });
  });

  it('closes a refused file at once, without reading it to its end', async () => {
    const input = Readable.from(text(`division,count\n${times(100, () => 'oak-primary,3').join('\n')}\n`));
    await expect(
      importRows('headcount', readRows('headcount', 'h.csv', input), {
        config,
        repo: recordingRepo().repo,
        today: '2026-06-01',
      }),
    ).rejects.toThrow(new ImportFileError('missing required column: role'));
    expect(input.destroyed).toBe(true);
  });

  it('names the spreadsheet row a CSV stops being readable at, counting cells over several lines as one row', async () => {
    const broken = 'division,role,count\noak-primary,delivery,3\nash-primary,"delivery,3\n';
    await expect(importFile('headcount', 'h.csv', text(broken))).rejects.toThrow(
      /^not readable as CSV near row 3: Quote Not Closed/,
    );
    const later = 'division,role,count\n"oak\nprimary",delivery,3\n\n"x"y,delivery,3\n';
    await expect(importFile('headcount', 'h.csv', text(later))).rejects.toThrow(
      /^not readable as CSV near row 4: Invalid Closing Quote/,
    );
  });

  it('fails, rather than waits, when the file stops arriving, naming the row after the last one read', async () => {
    async function* cut() {
      // Row 2 arrives whole, but the parser holds a row until it sees what follows its line end: the
      // last row read is the header, and the file stopped in row 2.
      yield Buffer.from('division,role,count\noak-primary,delivery,3\n');
      await new Promise((r) => setTimeout(r, 50));
      throw new Error('connection reset');
    }
    await expect(
      importRows('headcount', readRows('headcount', 'h.csv', Readable.from(cut())), {
        config,
        repo: recordingRepo().repo,
        today: '2026-06-01',
      }),
    ).rejects.toThrow(new ImportFileError('not readable as CSV near row 2: connection reset'));
  });

  it('refuses a header with a required column missing, with or without rows, before reading a row', async () => {
    const progress: number[] = [];
    const rows = times(1500, () => 'oak-primary,3').join('\n');
    const { repo, batches } = recordingRepo();
    await expect(
      importRows(
        'headcount',
        readRows('headcount', 'h.csv', Readable.from(text(`division,count\n${rows}\n`))),
        {
          config,
          repo,
          today: '2026-06-01',
          onProgress: (n) => progress.push(n),
        },
      ),
    ).rejects.toThrow(new ImportFileError('missing required column: role'));
    expect(progress).toEqual([]);
    expect(batches).toEqual([]);
    await expect(importFile('headcount', 'h.csv', text('division,count\n'))).rejects.toThrow(
      new ImportFileError('missing required column: role'),
    );
  });

  it('counts progress without anyone listening', async () => {
    const rows = times(1000, (i) => `oak-primary,delivery,${i}`).join('\n');
    expect((await importFile('headcount', 'h.csv', text(`division,role,count\n${rows}\n`))).imported).toBe(
      1000,
    );
  });
});

describe('column names are read as people type them', () => {
  it('in any case, with spaces around them', async () => {
    const csv = ' Division ,ROLE,  count\noak-primary,delivery,3\n';
    expect((await importFile('headcount', 'h.csv', text(csv))).imported).toBe(1);
  });
});
