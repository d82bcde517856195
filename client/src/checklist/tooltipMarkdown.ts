/**
 * Guide Markdown as it reads in a tree item's tooltip, without vscode. A tooltip renders Markdown
 * but not Learn's extensions: `> [!IMPORTANT]` would show as raw text and a `#` heading as a
 * banner bigger than the item it explains. The generator already cleans most guide text
 * (scripts/checklists/itemDetail.ts); this is the last step for any text that reaches a tooltip:
 * callouts become a bold label, headings become bold lines, Learn tab labels and `:::` blocks go,
 * `<br>` in table cells becomes a line of its own (HTML is never rendered in our tooltips).
 */

const CALLOUT = /^(\s*>\s*)\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]\s*(.*)$/i;
const CALLOUT_LABEL: Record<string, string> = { NOTE: 'Note', TIP: 'Tip', IMPORTANT: 'Important', WARNING: 'Warning', CAUTION: 'Caution' };
/** `# [:::image ...::: **Intune/CSP**](#tab/intune)`: a Learn tab label written as a heading. */
const TAB_HEADING = /^\s*#{1,6}\s+\[(.*)\]\([^)]*#tab\/[^)]*\)\s*$/;
const HEADING = /^(\s*(?:>\s*)?)#{1,6}\s+(.+?)\s*#*\s*$/;
const FENCE = /^\s*(```|~~~)/;

function plainLabel(text: string): string {
  return text.replace(/:::[^:]*:::/g, '').replace(/\*\*/g, '').trim();
}

export function tooltipMarkdown(markdown: string): string {
  const out: string[] = [];
  let inFence = false;
  for (const line of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    if (FENCE.test(line)) inFence = !inFence;
    if (inFence || FENCE.test(line)) {
      out.push(line);
      continue;
    }
    const tab = TAB_HEADING.exec(line);
    if (tab) {
      const label = plainLabel(tab[1]);
      if (label) out.push(`**${label}**`);
      continue;
    }
    if (/^\s*:::/.test(line) || /^\s*>?\s*\[!div\b[^\]]*\]\s*$/i.test(line) || /^\s*\[!INCLUDE\b/i.test(line)) continue;
    const callout = CALLOUT.exec(line);
    if (callout) {
      const label = CALLOUT_LABEL[callout[2].toUpperCase()];
      out.push(`${callout[1]}**${label}**${callout[3] ? ` ${callout[3]}` : ''}`);
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      const text = heading[2].replace(/^\*\*(.*)\*\*$/, '$1');
      out.push(`${heading[1]}**${text}**`);
      continue;
    }
    out.push(line.replace(/:::image[^\n]*?:::/g, '').replace(/<br\s*\/?>/gi, /^\s*\|/.test(line) ? ', ' : '  \n'));
  }
  return out.join('\n');
}
