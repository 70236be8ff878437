/** One line of the benchmark table: a measured figure beside its SPEC section 9 budget. */
export interface BenchRow {
  figure: string;
  value: string;
  budget: string;
  pass: boolean | null;
}

export function printTable(rows: BenchRow[], out = (l: string) => console.log(l)): void {
  const head = { figure: 'figure', value: 'measured', budget: 'budget', pass: 'result' };
  const cells = rows.map((r) => ({ ...r, pass: r.pass === null ? 'info' : r.pass ? 'pass' : 'FAIL' }));
  const width = (k: keyof typeof head) => Math.max(head[k].length, ...cells.map((c) => String(c[k]).length));
  const line = (c: Record<keyof typeof head, string>) =>
    `| ${(Object.keys(head) as (keyof typeof head)[]).map((k) => String(c[k]).padEnd(width(k))).join(' | ')} |`;
  out(line(head));
  out(`|${(Object.keys(head) as (keyof typeof head)[]).map((k) => '-'.repeat(width(k) + 2)).join('|')}|`);
  for (const c of cells) out(line(c));
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
