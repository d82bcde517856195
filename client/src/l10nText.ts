/**
 * Localization for the client's plain modules (tooltips, the exported report, pick lists): they
 * take an `L10n` so they stay free of vscode and unit-testable; the extension passes vscode.l10n,
 * tests get English. Each message is a string literal in the call, so the bundle generator
 * (scripts/manifest/generateL10nBundle.ts) finds them as it finds the calls on vscode.l10n.
 */
export interface L10n {
  t(message: string, ...args: (string | number | boolean)[]): string;
}

/** English, with vscode.l10n's `{0}` placeholders filled in. */
export const englishL10n: L10n = {
  t: (message, ...args) => message.replace(/\{(\d+)\}/g, (whole, index: string) => (Number(index) < args.length ? String(args[Number(index)]) : whole)),
};
