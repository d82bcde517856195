/**
 * The language service in-process, without LSP or another process in the way: where an edit's
 * validation spends its time and what it allocates (the allocations are what grow the server's
 * peak memory). Usage: tsx bench/profileService.ts [settings=10000] [synthetic|duplicates|type-errors|unknown-nodes]
 * Writes bench/tmp/open.cpuprofile and bench/tmp/edits.cpuprofile (read them with profileSummary.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { getLanguageService } from '../server/src/service/languageService';
import { percentile } from './stats';
import { harshPolicies, loadCatalog, syntheticPolicy } from './syntheticPolicies';

interface SamplingNode { callFrame: { functionName: string; url: string; lineNumber: number }; selfSize: number; children: SamplingNode[] }

const EDITS = 40;

async function main(): Promise<void> {
  const root = join(__dirname, '..');
  const tmp = join(root, 'bench', 'tmp');
  mkdirSync(tmp, { recursive: true });
  const settings = Number(process.argv[2] ?? 10000);
  const kind = process.argv[3] ?? 'synthetic';
  const catalog = loadCatalog(join(root, 'data', 'generated', 'catalog.json'));
  const policy = kind === 'synthetic'
    ? syntheticPolicy(catalog, { name: `synthetic-${settings}`, settings })
    : harshPolicies(catalog, settings).find((p) => p.name.startsWith(`${kind}-`));
  if (!policy) throw new Error(`no bench file of kind ${kind}`);
  const probe = policy.probe!;
  const uri = `file:///bench/${policy.name}.whfb.yaml`;
  const service = getLanguageService();
  const session = new Session();
  session.connect();
  const post = <T>(method: string, params: object = {}) =>
    new Promise<T>((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result as T))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 200 });

  await post('Profiler.start');
  let started = performance.now();
  const opened = service.validate({ uri, version: 1, text: policy.text });
  const openMs = performance.now() - started;
  writeFileSync(join(tmp, 'open.cpuprofile'), JSON.stringify((await post<{ profile: unknown }>('Profiler.stop')).profile));
  console.log(`open: ${openMs.toFixed(1)} ms wall, ${opened.length} diagnostics`);

  const lines = policy.text.split('\n');
  const editText = (i: number) => {
    lines[probe.valueLine] = `${lines[probe.valueLine]!.slice(0, probe.valueStart)}${probe.values[(i + 1) % 2]}`;
    return lines.join('\n');
  };
  const wall: number[] = [];
  const cpu: number[] = [];
  await post('Profiler.start');
  for (let i = 0; i < EDITS; i++) {
    const text = editText(i);
    started = performance.now();
    const before = process.cpuUsage();
    service.validate({ uri, version: i + 2, text });
    const used = process.cpuUsage(before);
    wall.push(performance.now() - started);
    cpu.push((used.user + used.system) / 1000);
  }
  writeFileSync(join(tmp, 'edits.cpuprofile'), JSON.stringify((await post<{ profile: unknown }>('Profiler.stop')).profile));
  console.log(`edit validation: wall p50 ${percentile(wall, 50).toFixed(1)} / p99 ${percentile(wall, 99).toFixed(1)} ms, CPU p50 ${percentile(cpu, 50).toFixed(1)} ms`);

  // Count garbage too: it is what the heap grows for between collections.
  await post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  const texts = Array.from({ length: 20 }, (_, i) => editText(i));
  texts.forEach((text, i) => service.validate({ uri, version: EDITS + i + 2, text }));
  const { profile } = await post<{ profile: { head: SamplingNode } }>('HeapProfiler.stopSampling');
  const bySite = new Map<string, number>();
  let total = 0;
  const walk = (node: SamplingNode) => {
    const frame = node.callFrame;
    const site = `${frame.functionName || '(anonymous)'} ${frame.url.replace(/^.*\//, '')}:${frame.lineNumber + 1}`;
    bySite.set(site, (bySite.get(site) ?? 0) + node.selfSize);
    total += node.selfSize;
    node.children.forEach(walk);
  };
  walk(profile.head);
  console.log(`allocated per edit validation: ${(total / texts.length / 1048576).toFixed(1)} MB; top sites:`);
  for (const [site, bytes] of [...bySite.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12)) {
    console.log(`${(bytes / texts.length / 1048576).toFixed(2).padStart(8)} MB  ${site}`);
  }
  session.disconnect();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
