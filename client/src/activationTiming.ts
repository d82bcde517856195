/**
 * The cost of activation, measured where it is spent: the synchronous work of activate() (what
 * delays the editor that triggered it) and the time until the language server is ready (work done
 * after activate() returned). Logged once and exposed through the API so the real-VS-Code suite
 * can record it for the benchmark; nothing asserts a duration.
 */
import type { ActivationFigures } from './api';

interface LogLike { info(message: string): void }

export interface ActivationTiming {
  readonly figures: ActivationFigures;
  /** Call at the end of activate(): stops the synchronous clock and waits for `ready` in the background. */
  activated(ready: Promise<unknown>, log: LogLike): void;
}

const round = (ms: number): number => Math.round(ms * 10) / 10;

export function startActivationTiming(now: () => number = () => performance.now()): ActivationTiming {
  const started = now();
  const figures: ActivationFigures = { activateMs: 0 };
  return {
    figures,
    activated(ready, log) {
      figures.activateMs = round(now() - started);
      log.info(`activate() took ${figures.activateMs} ms; the language server starts in the background.`);
      ready.then(() => {
        figures.readyMs = round(now() - started);
        log.info(`The language server was ready ${figures.readyMs} ms after activation started.`);
      }, () => undefined);
    },
  };
}
