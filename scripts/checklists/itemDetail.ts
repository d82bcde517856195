/**
 * The detail text of a checklist item: guide Markdown made to read on its own in a tooltip or a
 * report. Learn-only syntax (tabs, `[!div]` blocks, `:::` grids, includes, the "applies to" box)
 * is rewritten or dropped, alerts become plain bold labels (VS Code does not render `[!NOTE]`),
 * and long text is cut at a paragraph that does not leave a heading or a "the following:" hanging.
 */

/** Longest detail kept on an item; the rest is behind its link. */
export const DETAIL_LIMIT = 1500;

const ALERT = /^(\s*>\s*)\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]\s*$/;
const ALERT_LABEL: Record<string, string> = { NOTE: 'Note', TIP: 'Tip', IMPORTANT: 'Important', WARNING: 'Warning', CAUTION: 'Caution' };
/** `# [:::image ...::: **Intune/CSP**](#tab/intune)`, a Learn tab label written as a heading. */
const TAB_LABEL = /^\s*#{1,6}\s+\[(.*)\]\([^)]*#tab\/[^)]*\)\s*$/;
const RULE = /^\s*(?:-{3,}|\*{3,}|_{3,})\s*$/;
const HEADING = /^#{1,6}\s+\S/;

/** Learn's "This article describes ... that apply to:" box and its "- **Trust type:** ..." lines. */
function dropAppliesTo(lines: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (/This article describes Windows Hello for Business functionalities/i.test(lines[i])) {
      // Drop the box: its `[!div]` marker before, and the fact lines after.
      while (out.length > 0 && /^\s*>\s*(\[!div[^\]]*\])?\s*$/.test(out[out.length - 1])) out.pop();
      while (i + 1 < lines.length && (/^\s*>?\s*$/.test(lines[i + 1]) || /^\s*[-*]\s+\*\*[^*]+:?\*\*/.test(lines[i + 1]))) i++;
      continue;
    }
    out.push(lines[i]);
  }
  return out;
}

/** Guide Markdown (links already absolute) as an item detail; `href` is where the rest can be read. */
export function itemDetail(markdown: string, href: string): string {
  const lines = dropAppliesTo(markdown.replace(/<!--[\s\S]*?-->/g, '').split('\n'));
  const kept: string[] = [];
  for (const line of lines) {
    const tab = TAB_LABEL.exec(line);
    if (tab) {
      const label = tab[1].replace(/:::[^:]*:::/g, '').replace(/\*\*/g, '').trim();
      kept.push(`**${label}**`);
      continue;
    }
    if (RULE.test(line)) continue;
    if (/^\s*>?\s*\[!div\b[^\]]*\]\s*$/.test(line)) continue;
    if (/^\s*:::[^:]*:::\s*$/.test(line) || /^\s*:::(row|column)[^\n]*$/.test(line)) continue;
    if (/^\s*\[!INCLUDE\b/.test(line)) continue;
    const alert = ALERT.exec(line);
    if (alert) {
      kept.push(`${alert[1]}**${ALERT_LABEL[alert[2]]}**`);
      continue;
    }
    kept.push(line.replace(/:::image[^\n]*?:::/g, '').replace(/\s*\[!INCLUDE\s*\[[^\]]*\]\([^)]*\)\]/g, ''));
  }
  const cleaned = kept.join('\n').replace(/^(\s*>\s*)+$/gm, '>').replace(/(\n>)+\n(?!>)/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
  return clip(cleaned, href);
}

function paragraphs(markdown: string): string[] {
  return markdown.split(/\n\s*\n/).map((p) => p.trimEnd()).filter((p) => p.trim() !== '');
}

/** A last paragraph that only leads into what follows: a heading, or a sentence ending in ":". */
function hangs(paragraph: string): boolean {
  const text = paragraph.trim();
  return HEADING.test(text) || /:\s*$/.test(text.replace(/\*\*$/, '')) || /^\*\*[^*]+\*\*$/.test(text) || /^>\s*\*\*\w+\*\*$/.test(text);
}

function withoutHangingEnd(parts: string[]): string[] {
  const out = [...parts];
  while (out.length > 0 && hangs(out[out.length - 1])) out.pop();
  return out;
}

/** Whole paragraphs up to the limit, then a pointer to the rest; never ends on a heading or a colon. */
export function clip(markdown: string, href: string): string {
  const all = paragraphs(markdown);
  let length = 0;
  const taken: string[] = [];
  for (const paragraph of all) {
    if (taken.length > 0 && length + paragraph.length > DETAIL_LIMIT) break;
    taken.push(paragraph);
    length += paragraph.length + 2;
  }
  const complete = taken.length === all.length;
  let shown = withoutHangingEnd(taken);
  // Nothing but a lead-in: keep its words, as a sentence that points at the guide for the rest.
  if (shown.length === 0 && taken.length > 0 && !HEADING.test(taken[0].trim())) shown = [taken[0].trim().replace(/:\s*$/, '.')];
  const text = shown.join('\n\n');
  if (complete && shown.length === taken.length) return text;
  return text ? `${text}\n\n[Read more](${href})` : `[Read more](${href})`;
}
