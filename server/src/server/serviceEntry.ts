/**
 * The entry of dist/service.js: the language service with everything it loads (yaml, the
 * catalog, the schema validators, the checklists). It is a bundle of its own so that the server
 * can answer `initialize` before compiling it; server.ts requires it on first use.
 */
export { getLanguageService } from '../service/languageService';
/** The service's own copy of @vscode/l10n (this is a bundle of its own): server.ts hands it the client's message bundle. */
export { config as configureMessages } from '@vscode/l10n';
