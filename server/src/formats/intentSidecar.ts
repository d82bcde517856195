/**
 * IntuneBackupAndRestore-style intent backups keep an Endpoint security intent in two files: the
 * intent (`<name>.json`: name, template, assignments) and its settings (`<name>_Settings.json`).
 * Each file is read on its own (the settings file holds every WHfB value and is judged alone); this
 * pure module tells which files belong together, for callers that read several files at once (the
 * CLI's and the workspace's cross-file passes).
 */
const SIDECAR = /_settings\.json$/i;

/** The intent file a settings file belongs to (same folder, without `_Settings`), or undefined when `uri` is no settings file. */
export function intentFileOfSidecar(uri: string): string | undefined {
  const match = SIDECAR.exec(uri);
  return match ? `${uri.slice(0, match.index)}.json` : undefined;
}

/** The settings file an intent file would have beside it. */
export function sidecarOfIntentFile(uri: string): string {
  return uri.replace(/\.json$/i, '') + '_Settings.json';
}

/** The intent / settings file pairs among `uris` (both present; the names compared case-insensitively, as Windows does). */
export function pairIntentSidecars(uris: readonly string[]): { intent: string; sidecar: string }[] {
  const byKey = new Map(uris.map((uri) => [uri.toLowerCase(), uri]));
  const pairs: { intent: string; sidecar: string }[] = [];
  for (const uri of uris) {
    const intent = intentFileOfSidecar(uri);
    const found = intent ? byKey.get(intent.toLowerCase()) : undefined;
    if (found) pairs.push({ intent: found, sidecar: uri });
  }
  return pairs;
}
