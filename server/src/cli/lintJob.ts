/**
 * One batch of files for one language service: what the main thread runs itself and what it
 * hands to a worker thread. Plain data in and out, so it crosses threads unchanged.
 */
import { isMainThread } from 'node:worker_threads';
import type { WhfbLanguageService } from '../service/api';
import type { SeverityName } from '../lsp/protocolTypes';
import type { Candidate } from './collectFiles';
import { lintFiles, type CrossFileFactsForm, type FixMode, type LintFilesResult } from './lintFiles';

export interface LintJob {
  candidates: Candidate[];
  ruleSeverity: Record<string, SeverityName | 'off'>;
  maxFileSizeBytes: number;
  fix?: FixMode;
  /** Hand back each file's cross-file facts (not with --no-cross-file). */
  crossFile?: boolean;
}

/** `log` receives the service's reports of internal failures (it answers "nothing" then). */
export type ServiceFactory = (log: (message: string) => void) => WhfbLanguageService;

export function runLintJob(job: LintJob, createService: ServiceFactory): LintFilesResult {
  return lintRunner(job, createService)(job.candidates);
}

/** What a job says beside its files: a thread that checks a job's files chunk by chunk gets this once. */
export type LintSettings = Omit<LintJob, 'candidates'>;

/** Checks files with the job's settings, chunk after chunk, on one service (set up once). */
export function lintRunner(settings: LintSettings, createService: ServiceFactory): (candidates: readonly Candidate[]) => LintFilesResult {
  const serviceErrors: string[] = [];
  const service = createService((message) => serviceErrors.push(message));
  service.configure({ ruleSeverity: settings.ruleSeverity });
  // Only a worker's facts cross threads: the main thread keeps its own as the rules read them.
  const factsForm: CrossFileFactsForm | undefined = settings.crossFile !== true ? undefined : isMainThread ? 'local' : 'portable';
  return (candidates) => lintFiles(candidates, service, settings.maxFileSizeBytes, () => serviceErrors.splice(0), settings.ruleSeverity, settings.fix, factsForm);
}
