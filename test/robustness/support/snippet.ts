/** The text an editor ends with after inserting a snippet and accepting every default. */
export function renderSnippet(snippet: string): string {
  let out = '';
  for (let i = 0; i < snippet.length; i++) {
    const ch = snippet[i]!;
    if (ch === '\\' && i + 1 < snippet.length) {
      out += snippet[++i];
    } else if (ch === '$' && snippet[i + 1] === '{') {
      // ${n:default} or ${n|first,second|}: keep the default or the first choice.
      let j = i + 2;
      while (/\d/.test(snippet[j]!)) j++;
      const kind = snippet[j];
      let depth = 1;
      let body = '';
      let k = j + 1;
      for (; k < snippet.length && depth > 0; k++) {
        const c = snippet[k]!;
        if (c === '\\') { body += c + snippet[++k]; continue; }
        if (c === '{') depth++;
        if (c === '}') depth--;
        if (depth > 0) body += c;
      }
      i = k - 1;
      if (kind === ':') out += renderSnippet(body);
      else if (kind === '|') out += renderSnippet(body.replace(/\|$/, '').split(/(?<!\\),/)[0] ?? '');
    } else if (ch === '$' && /\d/.test(snippet[i + 1] ?? '')) {
      while (/\d/.test(snippet[i + 1] ?? '')) i++;
    } else {
      out += ch;
    }
  }
  return out;
}
