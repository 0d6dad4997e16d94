/**
 * One row of the bench table. `value` and `baseline` sit side by side: the figure measured and
 * what it is compared with (a bare handler, the bare DynamoDB calls, the smaller table…).
 */
export interface BenchRow {
  section: string;
  item: string;
  value: number | string;
  unit: string;
  baseline?: number | string;
  /** The target, written as a reader would (e.g. "≤ 250"); empty when the row only informs. */
  target?: string;
  /** Whether the target is met; undefined when there is none. */
  ok?: boolean;
  note?: string;
}

/** Marks the line on which a phase's process hands its rows to `npm run bench`. */
export const ROWS_MARKER = '@@bench-rows ';

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

export const median = (values: number[]) => percentile(values, 50);

const format = (v: number | string | undefined): string => {
  if (v === undefined) return '';
  if (typeof v === 'string') return v;
  if (Number.isInteger(v)) return String(v);
  return Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2);
};

/** One Markdown table, so the output can be pasted into an issue or the README as it is. */
export function printTable(rows: BenchRow[]): void {
  const header = ['section', 'measure', 'value', 'baseline', 'unit', 'target', 'note'];
  const cells = rows.map((r) => [
    r.section,
    r.item,
    format(r.value),
    format(r.baseline),
    r.unit,
    r.target ? `${r.target} ${r.ok ? '✓' : '✗'}` : '',
    r.note ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: string[]) => `| ${c.map((v, i) => v.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const c of cells) console.log(line(c));
}
