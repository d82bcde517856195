/**
 * whfb-lint's exit statuses (the command-line contract in README.md): nothing to report, findings,
 * and trouble (a usage error, a file that could not be read, a lost report, a broken installation).
 * A module of their own so the launcher (cli.ts) can use them without loading the engine.
 */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_TROUBLE = 2;
