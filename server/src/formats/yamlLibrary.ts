/**
 * The `yaml` package, loaded on first use. The policy files people write are read by the plain
 * readers (policyYamlFastSkeleton.ts, policyYamlFastEntry.ts); the package parses only what they
 * leave to it (anchors, flow style, syntax errors, other YAML formats). Loading it at start cost
 * every server start ~15 ms of CPU before the first diagnostics (bench/README.md, "Cold open and
 * start-up"), and the Node build keeps it out of dist/service.js (dist/yaml.js, scripts/build.mjs).
 *
 * The functions keep the package's names and signatures, so the modules that use them read as if
 * they imported `yaml` itself; only `import type` may name the package directly.
 */
import type * as Yaml from 'yaml';
import type { Alias, Document, DocumentOptions, Node, Pair, ParseOptions, Scalar, SchemaOptions, YAMLMap, YAMLSeq } from 'yaml';

let loaded: typeof Yaml | undefined;

function yamlLibrary(): typeof Yaml {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, see the file comment
  loaded ??= require('yaml') as typeof Yaml;
  return loaded;
}

export function parseDocument(source: string, options: ParseOptions & DocumentOptions & SchemaOptions): Document.Parsed {
  return yamlLibrary().parseDocument(source, options);
}

export function isMap<K = unknown, V = unknown>(node: unknown): node is YAMLMap<K, V> { return yamlLibrary().isMap(node); }
export function isSeq<T = unknown>(node: unknown): node is YAMLSeq<T> { return yamlLibrary().isSeq(node); }
export function isScalar<T = unknown>(node: unknown): node is Scalar<T> { return yamlLibrary().isScalar(node); }
export function isNode<T = unknown>(node: unknown): node is Node<T> { return yamlLibrary().isNode(node); }
export function isPair<K = unknown, V = unknown>(node: unknown): node is Pair<K, V> { return yamlLibrary().isPair(node); }
export function isAlias(node: unknown): node is Alias { return yamlLibrary().isAlias(node); }
