/**
 * Imported first by cli.ts for its side effect: TurboFan is off before the bundle's other modules
 * run (optimizerPolicy.ts says why). Worker threads leave the process-wide flags alone.
 */
import { holdOptimizer } from './optimizerPolicy';

holdOptimizer();
