/**
 * Top self-time functions of a V8 .cpuprofile (from `node --cpu-prof`), so a missed target can be
 * reported precisely. Usage: tsx bench/profileSummary.ts <file.cpuprofile>... [top=25]
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

type SelfTimeRow = { name: string; selfMs: number; percent: number };

/** Self time of a profile's samples, added up under the name `nameOf` gives each sampled frame. */
function selfTimeBy(profile: CpuProfile, top: number, nameOf: (frame: ProfileNode['callFrame']) => string): SelfTimeRow[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<string, number>();
  let totalUs = 0;
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    const frame = byId.get(id)?.callFrame;
    if (!frame) return;
    const name = nameOf(frame);
    selfUs.set(name, (selfUs.get(name) ?? 0) + delta);
    totalUs += delta;
  });
  return [...selfUs.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, us]) => ({ name, selfMs: Math.round(us / 100) / 10, percent: Math.round((1000 * us) / Math.max(totalUs, 1)) / 10 }));
}

export function topSelfTime(profile: CpuProfile, top: number): SelfTimeRow[] {
  return selfTimeBy(profile, top, (frame) => {
    const file = frame.url.replace(/^.*\//, '');
    return `${frame.functionName || '(anonymous)'} ${file ? `${file}:${frame.lineNumber + 1}` : ''}`.trim();
  });
}

/**
 * Self time per source module. esbuild marks each bundled module with a `// path/to/module.ts`
 * comment line; a sample belongs to the module whose marker precedes its line.
 */
export function selfTimeByModule(profile: CpuProfile, top: number): SelfTimeRow[] {
  const markers = new Map<string, { line: number; module: string }[]>();
  const moduleOf = (url: string, line: number): string => {
    if (!url.startsWith('file://')) return url || '(native)';
    let list = markers.get(url);
    if (!list) {
      list = [];
      const path = fileURLToPath(url);
      if (existsSync(path)) {
        readFileSync(path, 'utf8').split('\n').forEach((text, index) => {
          const match = /^\/\/ ((?:node_modules|server|client|data|scripts)\/\S+)$/.exec(text);
          if (match) list!.push({ line: index, module: match[1]! });
        });
      }
      markers.set(url, list);
    }
    let low = 0;
    let high = list.length - 1;
    let found = url.replace(/^.*\//, '');
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (list[mid]!.line <= line) { found = list[mid]!.module; low = mid + 1; } else high = mid - 1;
    }
    return found;
  };
  return selfTimeBy(profile, top, (frame) => (frame.url ? moduleOf(frame.url, frame.lineNumber) : `(${frame.functionName || 'native'})`));
}

/** Adds up rows of several profiles (the CLI's worker threads each write one). */
function merge(rows: { name: string; selfMs: number }[][], top: number): { name: string; selfMs: number; percent: number }[] {
  const total = new Map<string, number>();
  for (const list of rows) for (const row of list) total.set(row.name, (total.get(row.name) ?? 0) + row.selfMs);
  const sum = [...total.values()].reduce((a, b) => a + b, 0);
  return [...total.entries()].sort((a, b) => b[1] - a[1]).slice(0, top)
    .map(([name, ms]) => ({ name, selfMs: Math.round(ms * 10) / 10, percent: Math.round((1000 * ms) / Math.max(sum, 1)) / 10 }));
}

if (require.main === module) {
  const files = process.argv.slice(2).filter((arg) => !/^\d+$/.test(arg));
  const top = Number(process.argv.slice(2).find((arg) => /^\d+$/.test(arg)) ?? 25);
  if (files.length === 0) {
    console.error('usage: tsx bench/profileSummary.ts <file.cpuprofile>... [top]');
    process.exit(2);
  }
  const profiles = files.map((file) => JSON.parse(readFileSync(file, 'utf8')) as CpuProfile);
  const wall = profiles.map((p) => Math.round((p.endTime - p.startTime) / 1000));
  console.log(`${profiles.length} profile(s), ${wall.join(' + ')} ms`);
  const print = (row: { name: string; selfMs: number; percent: number }) => console.log(`${String(row.selfMs).padStart(9)} ms ${String(row.percent).padStart(5)}%  ${row.name}`);
  console.log('-- functions');
  merge(profiles.map((p) => topSelfTime(p, Number.MAX_SAFE_INTEGER)), top).forEach(print);
  console.log('-- modules');
  merge(profiles.map((p) => selfTimeByModule(p, Number.MAX_SAFE_INTEGER)), top).forEach(print);
}
