/**
 * The in-host suite: VS Code loads this module (bundled to index.js) as `extensionTestsPath`
 * and calls `run()`. The same bundle serves scripts/integration/run.mjs (VS Code server in
 * Chromium) and scripts/integration/electron.mjs (@vscode/test-electron).
 */
import * as vscode from 'vscode';
import { runAll } from './harness';
import { connectReporter } from './reporter';
import { extension } from './helpers';
import { useReporter } from './screenshots';
// Test files register their tests on import, in this order.
import './tests/activation';
import './tests/diagnostics';
import './tests/languageFeatures';
import './tests/checklist';
import './tests/commands';
import './tests/commandArguments';
import './tests/repoConfig';
import './tests/formatsGpo';
import './tests/formatsIntents';
import './tests/editorClient';
import './tests/formatsPowerShell';
import './tests/editorHelp';
import './tests/workspaceConflicts';
import './tests/workspaceSettingsView';
import './tests/pickers';

export async function run(): Promise<void> {
  const reporter = await connectReporter();
  useReporter(reporter);
  let extensionPath = '(not loaded)';
  try { extensionPath = extension().extensionPath; } catch { /* reported by the first test */ }
  reporter.send({ event: 'start', vscodeVersion: vscode.version, extensionPath });
  const { passed, failed } = await runAll(reporter);
  reporter.send({ event: 'end', passed, failed });
  await reporter.close();
  if (failed > 0) throw new Error(`${failed} of ${passed + failed} integration tests failed`);
}
