/**
 * One parse per document version: the model, its line index and its findings are kept per uri for
 * the latest version, and the previous model is handed to the adapter for incremental re-parsing.
 */
import type { FormatAdapter } from '../formats/adapter';
import type { Finding, PolicyModel, SourceFormat } from '../model/types';
import { LineIndex } from './lineIndex';

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

export class DocumentCache {
  private readonly entries = new Map<string, ParsedDocument>();

  get(uri: string): ParsedDocument | undefined {
    return this.entries.get(uri);
  }

  set(entry: ParsedDocument): void {
    this.entries.set(entry.uri, entry);
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }

  clearFindings(): void {
    for (const entry of this.entries.values()) entry.findings = undefined;
  }
}

/** A LineIndex computed the first time a request needs it. */
export function lazyLines(text: string): () => LineIndex {
  let lines: LineIndex | undefined;
  return () => (lines ??= new LineIndex(text));
}
