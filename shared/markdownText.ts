/**
 * Text from documents and state files, made safe to put in Markdown that VS Code renders (hovers,
 * completion documentation, tree tooltips, the exported checklist). A value the user or a shared
 * state file wrote must show as the characters it is, never as Markdown of its own: a backtick
 * must not close our code span, `![](https://...)` must not become an image (VS Code fetches
 * images in hovers, and we never touch the network), `<img>` must not become HTML, a URL must not
 * become a link, `$(icon)` must not become an icon.
 *
 * This module imports nothing, so the client (client/src) shares it without pulling in the
 * language service: one escaping rule for the server's hovers and the client's tooltips.
 */

/** Any line break Markdown (or a Unicode-aware renderer) could treat as one. */
const LINE_BREAKS = /\r\n|[\r\n\u000b\u000c\u0085\u2028\u2029]/g;

/** Characters that end a line or make no sense in one line of rendered text. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f]/g;

function oneLine(text: string): string {
  return text.replace(LINE_BREAKS, ' ').replace(CONTROL, '\uFFFD');
}

/**
 * Characters that open Markdown inline syntax anywhere in a line: escapes, code, emphasis and
 * strikethrough, links and images, autolinks and HTML, entities, table cells, theme icons
 * (`$(name)`), e-mail autolinks, headings.
 */
const INLINE_SYNTAX = /[\\`*_[\]()<>!#|~&$@]/g;

/**
 * Plain text as Markdown text, on one line (so no block can start inside it) with every character
 * that could open Markdown syntax backslash-escaped: no emphasis, link, image, autolink (neither
 * `<...>` nor a bare `https://` or `www.`), HTML, entity, table cell, theme icon or, at the start,
 * heading, quote or list can come out of it. Other punctuation stays as it is, so the Markdown
 * stays readable as text (the exported checklist is read raw as well).
 */
export function markdownText(text: string): string {
  return oneLine(String(text))
    .replace(INLINE_SYNTAX, '\\$&')
    // Bare-URL autolinks (GFM): break `scheme://` and `www.` without changing what is shown.
    .replace(/:(?=\/\/)/g, '\\:')
    .replace(/(www)\./gi, '$1\\.')
    // Block markers at the start: list items, setext underlines, ordered lists.
    .replace(/^(\s*)([-+=])/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/, '$1\\$2');
}

/**
 * Text as an inline code span that no content can close: the fence is one backtick longer than
 * the longest run of backticks inside; where the text starts or ends with a backtick or a space,
 * a space of padding on each side (which Markdown strips) keeps it from joining the fence. Line
 * breaks become spaces: a blank line would end the paragraph and with it the code span.
 */
export function markdownCode(text: string): string {
  const value = oneLine(String(text));
  const longestRun = Math.max(0, ...(value.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = value === '' || /^[` ]|[` ]$/.test(value) ? ' ' : '';
  return `${fence}${pad}${value}${pad}${fence}`;
}
