/**
 * A workspace folder on disk for the workspace-diagnostics protocol tests: the WHFB301 fixture pair
 * (certificate trust beside cloud Kerberos trust) under policies/, and a copy under archive/ that
 * the tests' whfb.validation.exclude leaves out.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from './ensureBuilt';
import { LspTestClient } from './lspTestClient';

export const CROSS_FILE_FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'crossfile', 'WHFB301-bad');

export interface CrossFileWorkspace {
  folder: string;
  folderUri: string;
  /** file: URIs of the certificate-trust intent, the cloud Kerberos profile and the excluded copy. */
  certificate: string;
  kerberos: string;
  excluded: string;
}

export function makeCrossFileWorkspace(prefix: string): CrossFileWorkspace {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  mkdirSync(join(folder, 'policies'));
  mkdirSync(join(folder, 'archive'));
  for (const name of ['account-protection.json', 'cloud-kerberos.json']) writeFileSync(join(folder, 'policies', name), readFileSync(join(CROSS_FILE_FIXTURES, name)));
  writeFileSync(join(folder, 'archive', 'old.json'), readFileSync(join(CROSS_FILE_FIXTURES, 'account-protection.json')));
  return {
    folder,
    folderUri: pathToFileURL(folder).href,
    certificate: pathToFileURL(join(folder, 'policies', 'account-protection.json')).href,
    kerberos: pathToFileURL(join(folder, 'policies', 'cloud-kerberos.json')).href,
    excluded: pathToFileURL(join(folder, 'archive', 'old.json')).href,
  };
}

/** Starts the server on the workspace with the exclude setting that leaves archive/ out. */
export function startOnCrossFileWorkspace(workspace: CrossFileWorkspace, capabilities: Record<string, unknown>): ReturnType<typeof LspTestClient.start> {
  return LspTestClient.start({
    capabilities,
    settings: () => ({ validation: { delay: 10, exclude: ['archive/**'] } }),
    workspaceFolders: [workspace.folderUri],
  });
}
