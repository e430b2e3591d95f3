/** One line of a diff: ' ' unchanged, '-' only in the text we read, '+' only in the file as it is now. */
export interface DiffLine {
  op: ' ' | '-' | '+';
  text: string;
}

/**
 * A line diff (longest common subsequence) with `context` unchanged lines around each change; distant unchanged
 * runs collapse to one '…' line. StaticRoutes files are small, so the quadratic table is fine.
 */
export function lineDiff(before: string, after: string, context = 2): DiffLine[] {
  const a = before.split(/\r?\n/);
  const b = after.split(/\r?\n/);
  const rows = a.length + 1;
  const cols = b.length + 1;
  const table = new Uint32Array(rows * cols);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i * cols + j] =
        a[i] === b[j] ? table[(i + 1) * cols + j + 1]! + 1 : Math.max(table[(i + 1) * cols + j]!, table[i * cols + j + 1]!);
    }
  }
  const all: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      all.push({ op: ' ', text: a[i]! });
      i++;
      j++;
    } else if (i < a.length && (j >= b.length || table[(i + 1) * cols + j]! >= table[i * cols + j + 1]!)) {
      all.push({ op: '-', text: a[i]! });
      i++;
    } else {
      all.push({ op: '+', text: b[j]! });
      j++;
    }
  }
  const keep = all.map(
    (line, index) => line.op !== ' ' || all.slice(Math.max(0, index - context), index + context + 1).some((l) => l.op !== ' '),
  );
  const out: DiffLine[] = [];
  all.forEach((line, index) => {
    if (keep[index]) out.push(line);
    else if (out.at(-1)?.text !== '…' || out.at(-1)?.op !== ' ') out.push({ op: ' ', text: '…' });
  });
  return out;
}

export function formatDiff(lines: DiffLine[]): string {
  return lines.map((line) => `${line.op} ${line.text}`).join('\n');
}
