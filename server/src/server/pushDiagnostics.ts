/**
 * Push diagnostics: validate a document some milliseconds after its last change (debounced per
 * document) and publish the result, unless the document moved on to a newer version meanwhile.
 */
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentInput } from '../service/api';
import type { Diagnostic } from '../lsp/protocolTypes';
import { yieldToEventLoop } from './cancellation';
import { toInput } from './documentInput';
import { describeError } from './guard';
import type { SettingsStore } from './settingsStore';
import type { TypingGuard } from './typingGuard';

export interface ValidationHost {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  settings: SettingsStore;
  /** Diagnostics of one snapshot ([] for documents that are not policies). */
  validate(input: TextDocumentInput): Diagnostic[];
  /** Called after a validation's result went out, so the client's views refresh. */
  validated(uri: string): void;
}

export class PushDiagnostics {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly host: ValidationHost, private readonly typing?: TypingGuard) {}

  /** Validates after the configured delay, restarting the wait on every call for the same document. */
  async schedule(uri: string): Promise<void> {
    this.cancel(uri);
    const { validationDelayMs } = await this.host.settings.ready();
    this.cancel(uri);
    if (validationDelayMs <= 0) {
      await this.validateNow(uri);
      return;
    }
    this.timers.set(uri, setTimeout(() => {
      this.timers.delete(uri);
      void this.validateNow(uri);
    }, validationDelayMs));
  }

  scheduleAllOpen(): void {
    for (const document of this.host.documents.all()) void this.schedule(document.uri);
  }

  /** On close: stop pending work and clear what was published. */
  clear(uri: string): void {
    this.cancel(uri);
    void this.host.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private cancel(uri: string): void {
    const timer = this.timers.get(uri);
    if (timer !== undefined) clearTimeout(timer);
    this.timers.delete(uri);
  }

  private async validateNow(uri: string): Promise<void> {
    const before = this.host.documents.get(uri);
    if (!before) return;
    const version = before.version;
    // Let queued edits land first: if one did, its own scheduled validation publishes instead.
    await yieldToEventLoop();
    const document = this.host.documents.get(uri);
    if (!document || document.version !== version) return;
    try {
      const all = this.host.validate(toInput(document));
      if (this.host.documents.get(uri)?.version !== version) return;
      // Findings on the token being typed wait for a pause (typingGuard.ts); a new edit cancels the retry.
      const { shown: diagnostics, retryInMs } = this.typing ? this.typing.hold(document, all) : { shown: all, retryInMs: undefined };
      if (retryInMs !== undefined) {
        this.cancel(uri);
        this.timers.set(uri, setTimeout(() => {
          this.timers.delete(uri);
          void this.validateNow(uri);
        }, retryInMs));
      }
      await this.host.connection.sendDiagnostics({ uri, version, diagnostics });
      this.host.validated(uri);
    } catch (error) {
      this.host.connection.console.error(`whfb: validation of ${uri} failed: ${describeError(error)}`);
    }
  }
}
