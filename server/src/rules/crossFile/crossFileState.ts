/**
 * The cross-file findings of a set of policy files, kept up to date one file at a time: a file's
 * new version re-judges only the topics whose facts it changed (a setting's value, a Group Policy
 * state), or every topic of the file when something about the file itself changed (its tenant,
 * assignments, MDMWinsOverGP). Pure: no files, no LSP; the language service's workspace index and
 * the CLI feed it models.
 */
import type { CatalogIndex } from '../../catalog/catalogIndex';
import type { Finding, PolicyModel } from '../../model/types';
import type { SeverityName } from '../../../../shared/protocol';
import { evaluateTopic, topicMayPair, type CrossFileFinding, type TopicContext } from './crossFileRules';
import { fileFacts, NODE_TOPIC_PREFIX, type FileFacts, type Source } from './facts';

export interface CrossFileOptions {
  /** How a message names a file; the last segment of its uri by default. */
  nameOf?: (uri: string) => string;
  isCancelled?: () => boolean;
}

export function lastSegment(uri: string): string {
  const name = uri.slice(uri.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

/**
 * A file is named in the findings of every file it conflicts with (up to 10 times each): decoding
 * and relativising its uri once, not thousands of times while a workspace is indexed.
 */
function rememberNames(nameOf: (uri: string) => string): (uri: string) => string {
  const names = new Map<string, string>();
  return (uri) => {
    let name = names.get(uri);
    if (name === undefined) {
      if (names.size >= 20_000) names.clear();
      names.set(uri, (name = nameOf(uri)));
    }
    return name;
  };
}

export class CrossFileState {
  private readonly files = new Map<string, FileFacts>();
  private readonly topicUris = new Map<string, Set<string>>();
  /** Each topic's findings by the file they stand in: reading one file's is not a scan of the topic's. */
  private readonly topicFindings = new Map<string, Map<string, CrossFileFinding[]>>();
  /** Topics where some file sets a Group Policy: re-judged when a file's MDMWinsOverGP changes. */
  private readonly groupPolicyTopics = new Set<string>();
  private readonly context: TopicContext;

  constructor(catalog: CatalogIndex, options: CrossFileOptions = {}) {
    this.context = { catalog, files: this.files, nameOf: rememberNames(options.nameOf ?? lastSegment), ...(options.isCancelled ? { isCancelled: options.isCancelled } : {}) };
  }

  get size(): number {
    return this.files.size;
  }

  has(uri: string): boolean {
    return this.files.has(uri);
  }

  /** Sets (or, with no model, removes) a file; answers the uris whose cross-file findings may have changed. */
  update(uri: string, model: PolicyModel | undefined): Set<string> {
    return this.updateMany([{ uri, model }]);
  }

  /**
   * Sets or removes many files, judging each touched topic once at the end (indexing a workspace
   * file by file would re-judge a topic shared by 1,000 files 1,000 times).
   */
  updateMany(entries: Iterable<{ uri: string; model: PolicyModel | undefined }>): Set<string> {
    const catalog = this.context.catalog;
    return this.updateFacts((function* () {
      for (const { uri, model } of entries) yield { uri, facts: model ? fileFacts(uri, model, catalog) : undefined };
    })());
  }

  /**
   * The same with each file's facts built already (whfb-lint's workers build them while checking
   * each file, so the cross-file step never parses a file again).
   */
  updateFacts(entries: Iterable<{ uri: string; facts: FileFacts | undefined }>): Set<string> {
    const touched = new Set<string>();
    const changed = new Set<string>();
    for (const { uri, facts } of entries) {
      if (this.context.isCancelled?.()) break;
      this.apply(uri, facts, touched);
      changed.add(uri);
    }
    for (const topic of touched) for (const changedUri of this.evaluate(topic)) changed.add(changedUri);
    return changed;
  }

  // forEach rather than for...of over the topics: whfb-lint runs this for each of its files
  // interpreted (TurboFan off in a short run), where every for...of step allocates its result.
  private apply(uri: string, next: FileFacts | undefined, touched: Set<string>): void {
    const previous = this.files.get(uri);
    const fileChanged = !previous || !next || previous.fileSignature !== next.fileSignature;
    const touch = (_sources: readonly Source[], topic: string): void => {
      if (fileChanged || previous?.signatures.get(topic) !== next?.signatures.get(topic)) touched.add(topic);
    };
    previous?.topics.forEach(touch);
    next?.topics.forEach(touch);
    if (previous?.mdmWinsOverGroupPolicy !== next?.mdmWinsOverGroupPolicy) for (const topic of this.groupPolicyTopics) touched.add(topic);

    previous?.topics.forEach((_sources, topic) => this.topicUris.get(topic)?.delete(uri));
    if (next) {
      this.files.set(uri, next);
      next.topics.forEach((sources, topic) => {
        let uris = this.topicUris.get(topic);
        if (!uris) this.topicUris.set(topic, (uris = new Set()));
        uris.add(uri);
        if (hasGroupPolicySource(sources)) this.groupPolicyTopics.add(topic);
      });
    } else {
      this.files.delete(uri);
    }
  }

  /** Re-judges one topic; answers the uris with findings before or after. */
  private evaluate(topic: string): Iterable<string> {
    const uris = this.topicUris.get(topic);
    const before = this.topicFindings.get(topic);
    if (!uris || uris.size === 0) {
      this.topicUris.delete(topic);
      this.topicFindings.delete(topic);
      this.groupPolicyTopics.delete(topic);
      return before?.keys() ?? [];
    }
    const judged = uris.size >= 2 && topicMayPair(topic, uris, this.context);
    const nodeTopic = topic.startsWith(NODE_TOPIC_PREFIX);
    const sources: Source[] = [];
    // Sources are gathered for the rules, or to learn whether a Group Policy is still among them.
    if (judged || (nodeTopic && this.groupPolicyTopics.has(topic))) {
      for (const uri of uris) {
        const own = this.files.get(uri)?.topics.get(topic);
        if (own) for (const source of own) sources.push(source);
      }
    }
    if (nodeTopic && !sources.some((source) => source.channel === 'group-policy')) this.groupPolicyTopics.delete(topic);
    const after = new Map<string, CrossFileFinding[]>();
    for (const item of judged ? evaluateTopic(topic, sources, this.context) : []) {
      const list = after.get(item.uri);
      if (list) list.push(item);
      else after.set(item.uri, [item]);
    }
    if (after.size > 0) this.topicFindings.set(topic, after);
    else this.topicFindings.delete(topic);
    if (!before) return after.keys();
    const affected = new Set(before.keys());
    for (const uri of after.keys()) affected.add(uri);
    return affected;
  }

  /** The cross-file findings standing in one file, with the user's severities applied. */
  findingsFor(uri: string, ruleSeverity: Record<string, SeverityName | 'off'> = {}): Finding[] {
    const facts = this.files.get(uri);
    if (!facts) return [];
    const out: Finding[] = [];
    facts.topics.forEach((_sources, topic) => {
      const standing = this.topicFindings.get(topic)?.get(uri);
      if (!standing) return;
      for (let at = 0; at < standing.length; at++) {
        const finding = standing[at].finding;
        const severity = ruleSeverity[finding.code];
        if (severity === 'off') continue;
        out.push(severity ? { ...finding, severity } : finding);
      }
    });
    return out.sort((a, b) => a.range.start - b.range.start || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  }

  /** Every file's facts (the effective configuration view reads them). */
  allFacts(): IterableIterator<FileFacts> {
    return this.files.values();
  }

  /** Every uri with a cross-file finding. */
  urisWithFindings(): Set<string> {
    const uris = new Set<string>();
    for (const byUri of this.topicFindings.values()) for (const uri of byUri.keys()) uris.add(uri);
    return uris;
  }
}

/** The cross-file findings of a set of files at once (the CLI, tests). */
export function crossFileFindings(
  files: readonly { uri: string; model: PolicyModel }[],
  catalog: CatalogIndex,
  options: CrossFileOptions & { ruleSeverity?: (uri: string) => Record<string, SeverityName | 'off'> } = {},
): Map<string, Finding[]> {
  const state = new CrossFileState(catalog, options);
  state.updateMany(files);
  const out = new Map<string, Finding[]>();
  for (const file of files) {
    const list = state.findingsFor(file.uri, options.ruleSeverity?.(file.uri) ?? {});
    if (list.length > 0) out.set(file.uri, list);
  }
  return out;
}

function hasGroupPolicySource(sources: readonly Source[]): boolean {
  for (let at = 0; at < sources.length; at++) if (sources[at].channel === 'group-policy') return true;
  return false;
}
