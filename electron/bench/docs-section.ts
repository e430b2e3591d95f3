import { mkdir, readFile, writeFile } from 'node:fs/promises';

const DOCS_PATH = 'docs/benchmarks.md';
const NEW_DOC_HEADER =
  '# Benchmarks\n\nNumbers from `npm run bench` on the development machine. Ratios compare with a baseline measured in the same run.\n';

/**
 * Replaces (or appends) only the "## <heading>" section of docs/benchmarks.md; the other sections belong to other
 * benchmarks, so one benchmark's run never erases another's numbers.
 */
export async function writeDocsSection(heading: string, section: string, where: 'end' | 'top' = 'end'): Promise<void> {
  let text: string;
  try {
    text = await readFile(DOCS_PATH, 'utf8');
  } catch {
    text = NEW_DOC_HEADER;
  }
  const start = text.indexOf(`\n## ${heading}\n`);
  if (start >= 0) {
    const next = text.indexOf('\n## ', start + 1);
    text = `${text.slice(0, start)}\n${section}\n${next >= 0 ? text.slice(next) : ''}`;
  } else if (where === 'top' && text.indexOf('\n## ') >= 0) {
    const first = text.indexOf('\n## ');
    text = `${text.slice(0, first)}\n${section}\n${text.slice(first)}`;
  } else {
    text = `${text.trimEnd()}\n\n${section}\n`;
  }
  await mkdir('docs', { recursive: true });
  await writeFile(DOCS_PATH, text.replace(/\n{3,}/g, '\n\n'));
}
