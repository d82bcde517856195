/**
 * The layer map of server/src and client/src, and the rules its imports must keep.
 * docs/architecture.md explains the layers and the reason for every "never"; this file is
 * what `npm test` holds the code to (scripts/checkLayers.ts).
 */

/** Lower tiers never import higher ones: catalog <- model <- formats/rules/features <- service <- server/cli. */
export const LAYERS = [
  { name: 'catalog', tier: 0, paths: ['server/src/catalog/'] },
  { name: 'checklists', tier: 0, paths: ['server/src/checklists/'] },
  { name: 'generated', tier: 0, paths: ['server/src/generated/'] },
  // The client/server protocol and import-free modules both sides use (shared/), and the one vocabulary.
  { name: 'shared', tier: 0, paths: ['shared/'] },
  { name: 'vocabulary', tier: 0, paths: ['server/src/vocabulary/'] },
  // The LSP result shapes the service and the features answer in (types of vscode-languageserver-types,
  // with the few numeric enums spelled out): data shapes, no LSP runtime, so every layer may use them.
  { name: 'lsp', tier: 0, paths: ['server/src/lsp/'] },
  { name: 'model', tier: 1, paths: ['server/src/model/'] },
  { name: 'formats', tier: 2, paths: ['server/src/formats/'] },
  { name: 'rules', tier: 2, paths: ['server/src/rules/'] },
  { name: 'features', tier: 2, paths: ['server/src/features/'] },
  { name: 'service', tier: 3, paths: ['server/src/service/'] },
  // The repository configuration (.whfbrc.json): read by both transports, on top of the service's types.
  { name: 'config', tier: 3, paths: ['server/src/config/'] },
  { name: 'server', tier: 4, paths: ['server/src/server/', 'server/src/server.ts'] },
  { name: 'cli', tier: 4, paths: ['server/src/cli/', 'server/src/cli.ts'] },
  { name: 'client', tier: 5, paths: ['client/src/'] },
] as const;

export type LayerName = (typeof LAYERS)[number]['name'];

/** Same-tier layers that must not import each other (from -> to). */
export const SIBLINGS_APART: ReadonlyArray<readonly [LayerName, LayerName, string]> = [
  ['rules', 'formats', 'rules judge meaning, never text: a rule that imports a format has to change for every new format'],
  ['formats', 'rules', 'formats turn text into the model; rule codes a format reports must come from below (a codes table independent of rules/)'],
  ['rules', 'features', 'rules run in the CLI and the server alike; features are editor answers built on top of them'],
  ['formats', 'features', 'formats are read by features, not the other way round'],
  ['server', 'cli', 'the two transports are independent: the CLI must not load LSP code, the server must not load file-system CLI code'],
  ['cli', 'server', 'the two transports are independent: the CLI must not load LSP code, the server must not load file-system CLI code'],
];

/**
 * Modules of server/src the client may import: the protocol (method names and parameter shapes)
 * and modules that import nothing but each other, so the client bundle never carries the catalog,
 * a parser or a validator. Patterns ending in '/' match a folder.
 */
export const CLIENT_SHARED = [
  'server/src/protocol/',
  'server/src/protocol.ts',
  'server/src/server/protocol.ts',
  'shared/',
  'server/src/checklists/',
  'server/src/features/markdownText.ts',
] as const;

/** Data files (JSON) outside the layers the client must not bundle. */
export const CLIENT_FORBIDDEN_DATA = ['data/generated/catalog.json'] as const;

/** Packages that belong to the editor or the LSP transport. */
export const EDITOR_PACKAGES = [
  'vscode',
  'vscode-languageclient',
  'vscode-languageserver',
  'vscode-languageserver-protocol',
  'vscode-languageserver-textdocument',
  'vscode-jsonrpc',
] as const;

/** The LSP data types package: types only, through the lsp layer (server/src/lsp) or from the service up. */
export const LSP_TYPES_PACKAGE = 'vscode-languageserver-types';

export type RuleId =
  | 'layer-downward'
  | 'siblings-apart'
  | 'no-editor-api-below-transport'
  | 'lsp-types-only-in-service'
  | 'client-talks-protocol'
  | 'shared-imports-only-shared'
  | 'file-in-a-layer';

export const RULE_TEXT: Record<RuleId, string> = {
  'layer-downward': 'imports point down: catalog <- model <- formats/rules/features <- service <- server/cli',
  'siblings-apart': 'these same-tier layers do not import each other',
  'no-editor-api-below-transport': 'nothing below server/src/server and server/src/cli imports vscode or the LSP libraries; the CLI and the server process never import vscode or the LSP client',
  'lsp-types-only-in-service': `only the lsp layer (server/src/lsp), service, server and cli may import ${LSP_TYPES_PACKAGE}, and below the server only with \`import type\``,
  'client-talks-protocol': `the client imports from server/src only the protocol and import-free shared modules (${CLIENT_SHARED.join(', ')}), and never ${CLIENT_FORBIDDEN_DATA.join(', ')}`,
  'shared-imports-only-shared': 'a module the client shares imports only other shared modules, so the client bundle stays free of server code',
  'file-in-a-layer': 'every source file belongs to a layer: add its folder to LAYERS in scripts/layers/layerMap.ts and docs/architecture.md',
};

export function layerOf(path: string): (typeof LAYERS)[number] | undefined {
  return LAYERS.find((layer) => layer.paths.some((prefix) => (prefix.endsWith('/') ? path.startsWith(prefix) : path === prefix)));
}

export function isClientShared(path: string): boolean {
  return CLIENT_SHARED.some((prefix) => (prefix.endsWith('/') ? path.startsWith(prefix) : path === prefix));
}
