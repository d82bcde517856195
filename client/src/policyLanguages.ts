/** What the language client of either build (Node, web worker) hands to the server. */

/** The languages whose documents the server may recognise as policies; it ignores the others. */
export const POLICY_LANGUAGES = ['whfb-yaml', 'json', 'jsonc', 'yaml', 'xml', 'markdown', 'powershell', 'plaintext'] as const;

/** The repository configuration files the server reads (server/src/config/repoConfig.ts). */
export const REPO_CONFIG_GLOB = '**/{.whfbrc.json,whfb.config.json}';
