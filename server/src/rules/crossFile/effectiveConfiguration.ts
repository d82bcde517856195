/**
 * The tenant's effective configuration as the files state it: per setting, the value each file
 * sets and which one applies (the only one, all alike, one that wins by precedence) or that they
 * conflict. The same precedence as the cross-file rules (crossFileRules.ts winnerOf), so the view
 * and the diagnostics never disagree. Offsets stay offsets: the service turns them into ranges.
 */
import type { CatalogNode } from '../../catalog/types';
import type { OffsetRange } from '../../model/types';
import { overlapOf } from './audience';
import { winnerOf, type TopicContext } from './crossFileRules';
import { NODE_TOPIC_PREFIX, type FileFacts, type Source } from './facts';

export interface EffectiveSource {
  uri: string;
  channel: 'mdm' | 'group-policy';
  value: string;
  range: OffsetRange;
  tenantWide: boolean;
}

export interface EffectiveEntry {
  node: CatalogNode;
  sources: EffectiveSource[];
  /** single: one file sets it; same: all set one value; wins: `winner` applies; conflict: no value applies as written. */
  outcome: 'single' | 'same' | 'wins' | 'conflict';
  /** Index in `sources` of the value that applies (single, same: the first; wins: the winner). */
  winner?: number;
}

function outcomeOf(context: TopicContext, sources: readonly Source[]): Pick<EffectiveEntry, 'outcome' | 'winner'> {
  if (sources.length === 1) return { outcome: 'single', winner: 0 };
  if (sources.every((source) => source.value === sources[0]!.value)) return { outcome: 'same', winner: 0 };
  // A source wins when it beats every other source with another value that reaches its devices.
  for (let index = 0; index < sources.length; index++) {
    const candidate = sources[index]!;
    const beatsAll = sources.every((other) => other === candidate || other.value === candidate.value
      || neverMeet(context, candidate, other) || winnerOf(context, candidate, other) === candidate);
    if (beatsAll) return { outcome: 'wins', winner: index };
  }
  return { outcome: 'conflict' };
}

/** True when the two never reach the same devices (then they do not compete). */
function neverMeet(context: TopicContext, a: Source, b: Source): boolean {
  const left = context.files.get(a.uri);
  const right = context.files.get(b.uri);
  return !!left && !!right && overlapOf(left, right).kind === 'no';
}

export function effectiveConfiguration(files: Iterable<FileFacts>, context: Omit<TopicContext, 'files'>): EffectiveEntry[] {
  const all = new Map<string, FileFacts>();
  for (const facts of files) all.set(facts.uri, facts);
  const full: TopicContext = { ...context, files: all };
  const byPath = new Map<string, Source[]>();
  for (const facts of all.values()) {
    for (const [topic, sources] of facts.topics) {
      if (!topic.startsWith(NODE_TOPIC_PREFIX)) continue;
      const list = byPath.get(topic) ?? [];
      list.push(...sources);
      byPath.set(topic, list);
    }
  }
  const entries: EffectiveEntry[] = [];
  for (const sources of byPath.values()) {
    if (context.isCancelled?.()) break;
    const ordered = [...sources].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.range.start - b.range.start));
    entries.push({
      node: ordered[0]!.node,
      sources: ordered.map((source) => ({ uri: source.uri, channel: source.channel, value: source.value, range: source.range, tenantWide: all.get(source.uri)?.tenantWide === true })),
      ...outcomeOf(full, ordered),
    });
  }
  return entries.sort((a, b) => (a.node.path < b.node.path ? -1 : a.node.path > b.node.path ? 1 : 0));
}
