/**
 * One document version as a format adapter read it: the text, the adapter that claimed it, the
 * model, the findings after rules and a line index built on first use. The service keeps one per
 * uri (service/documentCache.ts); every feature answers from it, so features need nothing above
 * this layer.
 */
import type { Finding, PolicyModel, SourceFormat } from '../model/types';
import { LineIndex } from '../model/lineIndex';
import type { FormatAdapter } from './adapter';

export interface ParsedDocument {
  uri: string;
  version: number;
  text: string;
  format?: SourceFormat;
  adapter?: FormatAdapter;
  model?: PolicyModel;
  /** The version's line index, built on first use. */
  lines: () => LineIndex;
  /** Findings after rules, for one settings generation. */
  findings?: { generation: number; list: Finding[] };
}

/** A LineIndex computed the first time a request needs it. */
export function lazyLines(text: string): () => LineIndex {
  let lines: LineIndex | undefined;
  return () => (lines ??= new LineIndex(text));
}
