/**
 * The language server: `node dist/server.js --stdio`. LSP transport only; everything the
 * server knows comes from the language service.
 *
 * The service is a bundle of its own (dist/service.js, see scripts/build.mjs), required on
 * first use: the server answers `initialize` as fast as a bare LSP server would, and compiles
 * yaml, the catalog and the validators right after.
 */
// First: the heap settings must be in place before anything else allocates.
import './server/heapSettings';
import { withStartBudgetUntilFirstValidation } from './server/compilerSettings';
import * as l10n from '@vscode/l10n';
import { createConnection, MessageType, ProposedFeatures, ShowMessageNotification } from './server/lspRuntime';
import type { WhfbLanguageService } from './service/api';
import { DeferredLanguageService } from './server/deferredService';
import { describeError } from './server/guard';
import { messageBundle } from './server/messageBundle';
import { installProcessGuards } from './server/processGuards';
import { RepoConfigs } from './server/repoConfigs';
import { startServer } from './server/startServer';
import { nodeWorkspaceFiles } from './server/nodeWorkspaceFiles';
import { nodeTextSplice } from './server/nodeTextSplice';

const connection = createConnection(ProposedFeatures.all);
const log = (message: string): void => connection.console.error(message);

// A bug in one handler must not end the session: log it and keep serving (a closed client ends it quietly).
installProcessGuards(log);

function loadLanguageService(): WhfbLanguageService {
  // The build turns this path into require('./service.js'), next to dist/server.js; under tsx it is the source.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, see the file comment
  const { getLanguageService, configureMessages } = require('./server/serviceEntry') as typeof import('./server/serviceEntry');
  const bundle = messageBundle();
  if (bundle) configureMessages({ contents: bundle });
  return withStartBudgetUntilFirstValidation(getLanguageService(undefined, { log }));
}

const service = new DeferredLanguageService(loadLanguageService, (error) => {
  log(`whfb: the language service could not be loaded: ${describeError(error)}`);
  void connection.sendNotification(ShowMessageNotification.type, {
    type: MessageType.Error,
    message: l10n.t('WHfB Policy Tools: the language server could not load its checks, so policies are not validated. Reinstall the extension; the "WHfB Policy Tools" output has the details.'),
  });
});

startServer(connection, service, { initialized: () => service.warmUp(), repoConfigs: (warn) => new RepoConfigs(warn), workspaceFiles: nodeWorkspaceFiles, textSplice: nodeTextSplice });
