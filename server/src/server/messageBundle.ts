/**
 * The server's messages in the user's language (issue 17 point 6): diagnostics, hovers, completion
 * details and quick-fix titles go through `l10n.t` (@vscode/l10n) in the language service, as in
 * vscode-json-languageservice. The client passes the translations VS Code loaded for it
 * (`vscode.l10n.bundle`, from l10n/bundle.l10n.<locale>.json) in initializationOptions.l10nBundle:
 * the contents, not a uri, so the web worker needs neither a file system nor a fetch. Without a
 * bundle (English, or a client that sends none, or the CLI) every message is the English literal.
 */
import * as l10n from '@vscode/l10n';

export type MessageBundle = Record<string, string>;

let current: MessageBundle | undefined;

/** The bundle in initializationOptions: an object of strings; anything else (a client's mistake) is ignored. */
export function messageBundleFromInitializationOptions(options: unknown): MessageBundle | undefined {
  if (typeof options !== 'object' || options === null) return undefined;
  const bundle = (options as { l10nBundle?: unknown }).l10nBundle;
  if (typeof bundle !== 'object' || bundle === null || Array.isArray(bundle)) return undefined;
  const messages: MessageBundle = {};
  for (const [key, value] of Object.entries(bundle)) if (typeof value === 'string' && value !== '') messages[key] = value;
  return Object.keys(messages).length > 0 ? messages : undefined;
}

/**
 * Translates this bundle's messages from now on. `configure` is the l10n.config of the copy of
 * @vscode/l10n that will format them: dist/service.js bundles its own, so server.ts configures
 * that one too when it loads the service (messageBundle()).
 */
export function useMessageBundle(bundle: MessageBundle | undefined): void {
  current = bundle;
  if (bundle) l10n.config({ contents: bundle });
}

export function messageBundle(): MessageBundle | undefined {
  return current;
}
