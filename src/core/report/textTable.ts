// A plain-text table for terminals and logs: every column as wide as its widest cell, two spaces
// between columns, no trailing blanks. Cells are left-aligned unless their column is named in
// `rightAligned` (numbers line up by their last digit).
export function textTableLines(
  rows: readonly (readonly string[])[],
  rightAligned: ReadonlySet<number> = new Set(),
): string[] {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) =>
    row
      .map((cell, i) => {
        const width = widths[i] ?? 0;
        return rightAligned.has(i) ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd(),
  );
}

export function textTable(
  rows: readonly (readonly string[])[],
  rightAligned?: ReadonlySet<number>,
): string {
  return textTableLines(rows, rightAligned).join('\n');
}
