export type Cell = string | number | null;
export type Table = { title: string; columns: string[]; rows: Cell[][]; notes?: string[] };

export type BenchResult = { name: string; title: string; tables: Table[]; notes: string[] };
export type BenchContext = { tiny: boolean; log: (line: string) => void };
export type Bench = { name: string; title: string; run(ctx: BenchContext): Promise<BenchResult> };

const show = (c: Cell) => (c === null ? '–' : typeof c === 'number' ? formatNumber(c) : c);

function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n)) return n.toLocaleString('en-US');
  return Math.abs(n) >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(Math.abs(n) >= 10 ? 1 : 2);
}

/** A plain-text table; numbers right-aligned. */
export function renderTable(t: Table): string {
  const cells = t.rows.map((r) => r.map(show));
  const widths = t.columns.map((c, i) => Math.max(c.length, ...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[], numeric: boolean[]) =>
    r.map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
  const numeric = t.columns.map((_, i) => t.rows.some((r) => typeof r[i] === 'number'));
  const out = [
    `\n${t.title}`,
    line(t.columns, numeric),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...cells.map((r) => line(r, numeric)),
  ];
  for (const n of t.notes ?? []) out.push(`  * ${n}`);
  return out.join('\n');
}

export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}
