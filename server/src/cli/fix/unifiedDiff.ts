/**
 * A unified diff (as `diff -u` and `git diff` print it) of two versions of a file, for
 * --fix-dry-run. Lines are compared with Myers' O((N+M)D) algorithm after the common head and
 * tail are cut off, so a few fixes in a large file cost little. Lines keep their own endings
 * (a CRLF file diffs as CRLF lines); a last line without one gets "\ No newline at end of file".
 */
const CONTEXT = 3;

type Op = { kind: ' ' | '-' | '+'; line: string };

export function unifiedDiff(before: string, after: string, oldName: string, newName: string): string {
  if (before === after) return '';
  const a = splitLines(before);
  const b = splitLines(after);
  const ops = diffLines(a, b);
  const hunks: string[] = [];
  let index = 0;
  while (index < ops.length) {
    while (index < ops.length && ops[index]!.kind === ' ') index++;
    if (index >= ops.length) break;
    // A hunk: from CONTEXT lines before the first change to CONTEXT after the last change that
    // is followed by no other change within 2 * CONTEXT lines.
    const start = Math.max(0, index - CONTEXT);
    let end = index;
    let lastChange = index;
    while (end < ops.length) {
      if (ops[end]!.kind !== ' ') lastChange = end;
      else if (end - lastChange > 2 * CONTEXT) break;
      end++;
    }
    end = Math.min(ops.length, lastChange + 1 + CONTEXT);
    hunks.push(renderHunk(ops, start, end));
    index = end;
  }
  return `--- ${oldName}\n+++ ${newName}\n${hunks.join('')}`;
}

function renderHunk(ops: readonly Op[], start: number, end: number): string {
  let oldStart = 1;
  let newStart = 1;
  for (let i = 0; i < start; i++) {
    if (ops[i]!.kind !== '+') oldStart++;
    if (ops[i]!.kind !== '-') newStart++;
  }
  let oldCount = 0;
  let newCount = 0;
  let body = '';
  for (let i = start; i < end; i++) {
    const op = ops[i]!;
    if (op.kind !== '+') oldCount++;
    if (op.kind !== '-') newCount++;
    const hasEnding = /\r?\n$|\r$/.test(op.line);
    body += `${op.kind}${op.line}${hasEnding ? '' : '\n\\ No newline at end of file\n'}`;
  }
  const range = (first: number, count: number) => (count === 1 ? `${first}` : `${count === 0 ? first - 1 : first},${count}`);
  return `@@ -${range(oldStart, oldCount)} +${range(newStart, newCount)} @@\n${body}`;
}

/** Lines with their endings ("\r\n", "\n" or a lone "\r"). */
export function splitLines(text: string): string[] {
  return text.match(/[^\r\n]*(?:\r\n|\n|\r)|[^\r\n]+$/g) ?? [];
}

function diffLines(a: readonly string[], b: readonly string[]): Op[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const middle = myers(a.slice(head, a.length - tail), b.slice(head, b.length - tail));
  return [
    ...a.slice(0, head).map((line) => ({ kind: ' ' as const, line })),
    ...middle,
    ...a.slice(a.length - tail).map((line) => ({ kind: ' ' as const, line })),
  ];
}

/** Myers' greedy shortest edit script, with the V array of every step kept for the walk back. */
function myers(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const trace: Int32Array[] = [];
  const v = new Int32Array(2 * max + 3);
  let found = max === 0;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) { x++; y++; }
      v[offset + k] = x;
      if (x >= n && y >= m) { found = true; break; }
    }
  }
  trace.push(v.slice());
  // Walk back from (n, m) through the saved V arrays.
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 2; d >= 0 && (x > 0 || y > 0); d--) {
    const previous = trace[d]!;
    const k = x - y;
    const down = k === -d || (k !== d && previous[offset + k - 1]! < previous[offset + k + 1]!);
    const prevK = down ? k + 1 : k - 1;
    const prevX = previous[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push({ kind: ' ', line: a[--x]! });
      y--;
    }
    if (d === 0) break;
    if (down) ops.push({ kind: '+', line: b[--y]! });
    else ops.push({ kind: '-', line: a[--x]! });
  }
  while (x > 0 && y > 0) { ops.push({ kind: ' ', line: a[--x]! }); y--; }
  return ops.reverse();
}
