/**
 * CPU time of the language service's edit validations in-process (issue 16): the file opened, then
 * 60 edits that alternate the bench's probe value (every line keeps its length), or with `len` every
 * other edit also adds a space (the text's length changes, so every later entry moves).
 * Usage: tsx bench/editCpu.ts [synthetic|duplicates|type-errors|unknown-nodes] [len]
 * CPU time (process.cpuUsage), which a busy machine inflates much less than wall time: run the
 * before and after versions interleaved and quote the load average.
 */
import { join } from 'node:path';
import { getLanguageService } from '../server/src/service/languageService';
import { percentile } from './stats';
import { harshPolicies, loadCatalog, syntheticPolicy } from './syntheticPolicies';

const EDITS = 60;
const root = join(__dirname, '..');
const catalog = loadCatalog(join(root, 'data', 'generated', 'catalog.json'));
const kind = process.argv[2] ?? 'synthetic';
const lengthChanges = process.argv[3] === 'len';
const policy = kind === 'synthetic'
  ? syntheticPolicy(catalog, { name: 'synthetic-10000', settings: 10000 })
  : harshPolicies(catalog, 10000).find((p) => p.name.startsWith(`${kind}-`));
if (!policy?.probe) throw new Error(`no bench file of kind ${kind}`);
const probe = policy.probe;
const uri = `file:///bench/${policy.name}.whfb.yaml`;
const service = getLanguageService();
service.validate({ uri, version: 1, text: policy.text });
const lines = policy.text.split('\n');
const texts = Array.from({ length: EDITS }, (_, i) => {
  lines[probe.valueLine] = `${lines[probe.valueLine]!.slice(0, probe.valueStart)}${probe.values[(i + 1) % 2]}${lengthChanges && i % 2 ? ' ' : ''}`;
  return lines.join('\n');
});
const cpu = texts.map((text, i) => {
  const before = process.cpuUsage();
  service.validate({ uri, version: i + 2, text });
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
});
console.log(`${policy.name}${lengthChanges ? ', length-changing edits' : ''}: CPU p50 ${percentile(cpu, 50).toFixed(1)} ms, p90 ${percentile(cpu, 90).toFixed(1)} ms per edit validation`);
