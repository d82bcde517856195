/**
 * One parse per document version: the model, its line index and its findings are kept per uri for
 * the latest version, and the previous model is handed to the adapter for incremental re-parsing.
 */
import type { ParsedDocument } from '../formats/parsedDocument';

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
