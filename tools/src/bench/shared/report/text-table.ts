/** A fixed-table row: the first cell is a label, the others are numbers already formatted. */
export type TableRow = readonly string[];

/** Left-aligned first column, right-aligned numbers, two spaces between columns, indented by two. */
export function textTable(header: TableRow, rows: readonly TableRow[]): string[] {
  const all = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...all.map((row) => row[column]?.length ?? 0)));
  return all.map(
    (row) =>
      '  ' +
      row
        .map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0)))
        .join('  ')
        .trimEnd(),
  );
}
