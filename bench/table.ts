export interface BenchRow {
  section: string;
  item: string;
  value: string;
  unit: string;
  note: string;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

/** One Markdown table, so the output can be pasted into an issue or the README as it is. */
export function printTable(rows: BenchRow[]): void {
  const header = ['section', 'measure', 'value', 'unit', 'note'];
  const cells = rows.map((r) => [r.section, r.item, r.value, r.unit, r.note]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: string[]) => `| ${c.map((v, i) => v.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const c of cells) console.log(line(c));
}
