/**
 * README.md's Performance figures are generated from bench/results.json: the text between the
 * two markers below is replaced by the report's tables and verdicts. `npm run bench` does it after
 * a full run; `tsx bench/readmeSection.ts` re-renders it from the committed results.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { markdownFigures, type BenchResults } from './report';

export const BEGIN = '<!-- bench:figures:begin (generated from bench/results.json by bench/readmeSection.ts) -->';
export const END = '<!-- bench:figures:end -->';

export function writeReadmeSection(root: string, results: BenchResults): void {
  const path = join(root, 'README.md');
  const readme = readFileSync(path, 'utf8');
  const begin = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (begin === -1 || end < begin) throw new Error(`README.md has no ${BEGIN} ... ${END} block for the bench figures`);
  writeFileSync(path, `${readme.slice(0, begin + BEGIN.length)}\n\n${markdownFigures(results)}\n${readme.slice(end)}`);
}

if (require.main === module) {
  const root = resolve(__dirname, '..');
  writeReadmeSection(root, JSON.parse(readFileSync(join(root, 'bench', 'results.json'), 'utf8')) as BenchResults);
}
