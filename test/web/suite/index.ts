/**
 * The web suite: VS Code loads this module as `extensionTestsPath` in the web worker extension
 * host (no Node: no `process`, no `require` but `vscode`) and calls `run()`. Run by
 * scripts/integration/web.mjs against the working tree and the packaged .vsix.
 */
import * as vscode from 'vscode';
import { runAll } from '../../integration/suite/harness';
import { useReporter } from '../../integration/suite/screenshots';
import { webReporter } from './reporter';
import { EXTENSION_ID } from './webHelpers';
import './tests';

export async function run(): Promise<void> {
  const reporter = webReporter();
  useReporter(reporter);
  const extensionPath = vscode.extensions.getExtension(EXTENSION_ID)?.extensionUri.toString() ?? '(not loaded)';
  reporter.send({ event: 'start', vscodeVersion: vscode.version, extensionPath });
  let outcome = { passed: 0, failed: 1 };
  try {
    outcome = await runAll(reporter);
  } catch (error) {
    // A suite that throws before its first test still ends: the runner reports it instead of waiting out its deadline.
    reporter.send({ event: 'test', name: 'the web suite runs', status: 'fail', durationMs: 0, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
  const { passed, failed } = outcome;
  reporter.send({ event: 'end', passed, failed });
  await reporter.close();
  if (failed > 0) throw new Error(`${failed} of ${passed + failed} web tests failed`);
}
