/** A fixture's CSV text without column `name` (header and cells; no quoted commas in fixtures). */
export function dropColumn(csv: string, name: string): string {
  const lines = csv
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const i = lines[0]!.split(',').indexOf(name);
  if (i < 0) throw new Error(`no column ${name} in the fixture`);
  return lines
    .map((l) =>
      l
        .split(',')
        .filter((_, j) => j !== i)
        .join(','),
    )
    .join('\n');
}
