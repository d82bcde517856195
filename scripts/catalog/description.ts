/**
 * DDF descriptions are plain text with hard line breaks and stray indentation; hovers render Markdown,
 * where a single line break disappears. Each source line becomes its own paragraph, list items stay a list.
 */

const LIST_ITEM = /^(?:[-*•]\s+|\d+[.)]\s+)/;

export function cleanDescription(text: string): string {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim());
  const out: string[] = [];
  let previous = '';
  for (const line of lines) {
    if (line === '') {
      previous = '';
      continue;
    }
    const item = LIST_ITEM.test(line);
    const normalized = item ? line.replace(/^[*•]\s+/, '- ') : line;
    if (out.length > 0) out.push(item && LIST_ITEM.test(previous) ? '\n' : '\n\n');
    out.push(normalized);
    previous = normalized;
  }
  return out.join('');
}
