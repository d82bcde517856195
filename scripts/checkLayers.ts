/**
 * npx tsx scripts/checkLayers.ts   (run by npm test as "layer arrows")
 *
 * Fails (exit 1) on an import that breaks the layer map (scripts/layers/layerMap.ts,
 * docs/architecture.md), naming file:line -> target and the rule, and on a baselined
 * violation that is gone (delete its entry from scripts/layers/knownViolations.ts).
 */
import { resolve } from 'node:path';
import { formatViolation, judge, knownKey } from './layers/checkArrows';
import { importGraph } from './layers/importGraph';
import { KNOWN_VIOLATIONS } from './layers/knownViolations';

const root = resolve(__dirname, '..');
const edges = importGraph(root);
const report = judge(edges, KNOWN_VIOLATIONS);

for (const violation of report.fresh) console.error(`layer violation: ${formatViolation(violation)}`);
for (const known of report.stale) {
  console.error(`baseline entry no longer needed (the import is gone): ${knownKey(known)}\n    delete it from scripts/layers/knownViolations.ts (removed by ${known.removedBy})`);
}
const acceptedImports = new Set(report.accepted.map((v) => `${v.edge.from}:${v.edge.line}`)).size;
console.log(`layer arrows: ${edges.length} imports checked, ${report.fresh.length} new violations, ${KNOWN_VIOLATIONS.length} known (baseline) covering ${acceptedImports} import lines, ${report.stale.length} stale baseline entries`);
process.exit(report.fresh.length > 0 || report.stale.length > 0 ? 1 : 0);
