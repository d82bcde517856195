/**
 * Judges import edges against the layer map, and against the baseline of violations known when
 * the check was introduced (scripts/layers/knownViolations.ts): a new violation fails, and so does
 * a baselined one that no longer exists, so the baseline only ever shrinks.
 */
import type { ImportEdge } from './importGraph';
import {
  CLIENT_FORBIDDEN_DATA,
  EDITOR_PACKAGES,
  LSP_TYPES_PACKAGE,
  RULE_TEXT,
  SIBLINGS_APART,
  isClientShared,
  layerOf,
  type RuleId,
} from './layerMap';

export interface Violation {
  edge: ImportEdge;
  rule: RuleId;
  /** Why this import in particular breaks the rule. */
  detail: string;
}

export interface KnownViolation {
  from: string;
  to: string;
  rule: RuleId;
  /** The issue point whose change removes the import. */
  removedBy: string;
}

export function violationsOf(edges: readonly ImportEdge[]): Violation[] {
  const out: Violation[] = [];
  const filesSeen = new Set<string>();
  for (const edge of edges) {
    const fromLayer = layerOf(edge.from);
    if (!fromLayer) {
      if (!filesSeen.has(edge.from)) out.push({ edge, rule: 'file-in-a-layer', detail: `${edge.from} is in no layer` });
      filesSeen.add(edge.from);
      continue;
    }
    if (edge.to.startsWith('package:')) {
      const pkg = edge.to.slice('package:'.length);
      const belowTransport = fromLayer.tier < 4;
      const transport = fromLayer.name === 'server' || fromLayer.name === 'cli';
      // A shared module may name LSP types (`import type`: erased, nothing reaches the client bundle).
      const lspTypesOnly = pkg === LSP_TYPES_PACKAGE && edge.typeOnly;
      if (isClientShared(edge.from) && !pkg.startsWith('node:') && !lspTypesOnly) {
        out.push({ edge, rule: 'shared-imports-only-shared', detail: `shared module imports package ${pkg}` });
      }
      if ((EDITOR_PACKAGES as readonly string[]).includes(pkg)) {
        if (belowTransport) out.push({ edge, rule: 'no-editor-api-below-transport', detail: `${fromLayer.name} imports ${pkg}` });
        else if (transport && (pkg === 'vscode' || pkg === 'vscode-languageclient')) out.push({ edge, rule: 'no-editor-api-below-transport', detail: `${fromLayer.name} runs outside the editor but imports ${pkg}` });
        else if (fromLayer.name === 'cli' && pkg !== 'vscode-languageserver-textdocument') out.push({ edge, rule: 'no-editor-api-below-transport', detail: `the CLI has no LSP connection but imports ${pkg}` });
      }
      if (pkg === LSP_TYPES_PACKAGE && fromLayer.name !== 'client' && !(fromLayer.name === 'shared' && edge.typeOnly)) {
        if (fromLayer.tier < 3 && fromLayer.name !== 'lsp') out.push({ edge, rule: 'lsp-types-only-in-service', detail: `${fromLayer.name} imports ${pkg}` });
        else if ((fromLayer.name === 'service' || fromLayer.name === 'lsp') && !edge.typeOnly) out.push({ edge, rule: 'lsp-types-only-in-service', detail: `${fromLayer.name} imports a value from it; use \`import type\`` });
      }
      continue;
    }
    const toLayer = layerOf(edge.to);
    if (fromLayer.name === 'client') {
      const intoServer = edge.to.startsWith('server/') || edge.to.startsWith('shared/');
      if ((intoServer && !isClientShared(edge.to)) || (CLIENT_FORBIDDEN_DATA as readonly string[]).includes(edge.to)) {
        out.push({ edge, rule: 'client-talks-protocol', detail: `client imports ${edge.to}${edge.typeOnly ? ' (types only, still a coupling to server internals)' : ''}` });
      }
      continue;
    }
    if (isClientShared(edge.from) && !isClientShared(edge.to) && toLayer) {
      out.push({ edge, rule: 'shared-imports-only-shared', detail: `shared module imports ${edge.to}` });
    }
    if (!toLayer) {
      if (/\.(ts|mts|cts)$/.test(edge.to)) out.push({ edge, rule: 'file-in-a-layer', detail: `${edge.to} is in no layer` });
      continue; // data files (JSON) and bundles outside the layers
    }
    if (toLayer.tier > fromLayer.tier) {
      out.push({ edge, rule: 'layer-downward', detail: `${fromLayer.name} (tier ${fromLayer.tier}) imports ${toLayer.name} (tier ${toLayer.tier})` });
      continue;
    }
    const apart = SIBLINGS_APART.find(([from, to]) => from === fromLayer.name && to === toLayer.name);
    if (apart) out.push({ edge, rule: 'siblings-apart', detail: `${fromLayer.name} imports ${toLayer.name}: ${apart[2]}` });
  }
  return out;
}

export function formatViolation(v: Violation): string {
  return `${v.edge.from}:${v.edge.line} -> ${v.edge.to.replace(/^package:/, '')} ('${v.edge.specifier}')\n    breaks ${v.rule}: ${v.detail}\n    rule: ${RULE_TEXT[v.rule]}`;
}

export function knownKey(v: { from: string; to: string; rule: RuleId }): string {
  return `${v.from} -> ${v.to} [${v.rule}]`;
}

export interface ArrowReport {
  /** Violations not in the baseline: each fails the check. */
  fresh: Violation[];
  /** Baselined violations the code no longer has: remove them from the baseline. */
  stale: KnownViolation[];
  /** Violations the baseline still accepts. */
  accepted: Violation[];
}

export function judge(edges: readonly ImportEdge[], known: readonly KnownViolation[]): ArrowReport {
  const knownKeys = new Set(known.map(knownKey));
  const all = violationsOf(edges);
  const found = new Set(all.map((v) => knownKey({ from: v.edge.from, to: v.edge.to, rule: v.rule })));
  return {
    fresh: all.filter((v) => !knownKeys.has(knownKey({ from: v.edge.from, to: v.edge.to, rule: v.rule }))),
    accepted: all.filter((v) => knownKeys.has(knownKey({ from: v.edge.from, to: v.edge.to, rule: v.rule }))),
    stale: known.filter((k) => !found.has(knownKey(k))),
  };
}
