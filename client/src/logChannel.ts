/**
 * The language client writes to a plain output channel: every line starts "[Error - 10:31:02]",
 * "[Warn  - ...]", "[Info  - ...]", "[Trace - ...]" or "[LSP   - ...]", and a stack or message
 * detail follows on lines of its own. This adapter hands those lines to a log output channel at
 * their level (the channel adds its own timestamp and level, so the client's prefix is dropped):
 * the Output view's level filter and "Set Log Level" then work for the server's messages too.
 * Traces stay at info level: `whfb.trace.server` is the switch for them, not the log level.
 * Without a vscode import, so it is testable as it is.
 */

/** The part of vscode.LogOutputChannel the adapter writes to. */
export interface LevelledLog {
  readonly name: string;
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
  debug(message: string): void;
  trace(message: string): void;
  show(preserveFocus?: boolean): void;
  hide(): void;
  clear(): void;
}

type Level = 'error' | 'warn' | 'info' | 'debug';

const CLIENT_PREFIX = /^\[(Error|Warn|Info|Debug|Trace|LSP)\s*- [^\]]*\] ?/;
const LEVELS: Record<string, Level> = { Error: 'error', Warn: 'warn', Info: 'info', Debug: 'debug', Trace: 'info', LSP: 'info' };

/** The OutputChannel shape vscode-languageclient uses (append, appendLine, show ...). */
export interface ClientOutput {
  readonly name: string;
  append(value: string): void;
  appendLine(value: string): void;
  replace(value: string): void;
  clear(): void;
  show(preserveFocusOrColumn?: unknown, preserveFocus?: boolean): void;
  hide(): void;
  dispose(): void;
}

export function levelledClientOutput(log: LevelledLog): ClientOutput {
  let pending = '';
  // A detail line (stack, JSON) belongs to the message before it.
  let lastLevel: Level = 'info';
  const writeLine = (line: string): void => {
    const prefix = CLIENT_PREFIX.exec(line);
    if (prefix) lastLevel = LEVELS[prefix[1]!] ?? 'info';
    log[lastLevel](prefix ? line.slice(prefix[0].length) : line);
  };
  return {
    get name() {
      return log.name;
    },
    append(value: string) {
      const lines = (pending + value).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) writeLine(line);
    },
    appendLine(value: string) {
      const text = pending + value;
      pending = '';
      writeLine(text);
    },
    replace(value: string) {
      pending = '';
      log.clear();
      if (value) writeLine(value);
    },
    clear() {
      pending = '';
      log.clear();
    },
    show(preserveFocusOrColumn?: unknown, preserveFocus?: boolean) {
      log.show(typeof preserveFocusOrColumn === 'boolean' ? preserveFocusOrColumn : preserveFocus);
    },
    hide() {
      log.hide();
    },
    // The log channel belongs to the extension, which disposes of it; the client must not.
    dispose() {},
  };
}
