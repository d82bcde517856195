/**
 * Which of the language service's quick fixes `whfb-lint --fix` applies on its own: the one
 * place that decides. A fix is safe when it has one right answer that needs no knowledge of the
 * admin's intent. It is judged on what the editor gets (the code action's diagnostic and edits),
 * not on how a rule builds it, so rules can change how they express fixes.
 *
 * Safe:
 * - WHFB102 wrong type: the DDF defines the node's format; the fix writes the matching type.
 * - WHFB171 deprecated node: the DDF names one successor; the fix writes its path.
 * - Any fix that only changes letter case (WHFB101 node, WHFB161 Group Policy name): the name is
 *   the same, written as the CSP or the Group Policy editor writes it.
 * - WHFB104 braces around a GUID tenant id: the same GUID without them.
 * - `{TenantId}` in an OMA-URI (WHFB104, WHFB105) when the file declares its tenantId: the
 *   placeholder then stands for that tenant. Without a tenantId it would trade one error for another.
 * Not safe: every other fix. A did-you-mean that changes more than case is a guess; trust-model
 * fixes (WHFB130-135) choose between turning one setting off or another on; inserting missing
 * settings or a tenantId adds facts the admin has not stated; `whfb-ignore` silences a finding.
 * A finding with more than one fix offered is a choice, so none of its fixes is safe.
 */
import type { ClientDiagnostic as Diagnostic, CodeAction, TextEdit } from '../../lsp/protocolTypes';

/** Reads the replaced text of an edit from the document the fix was offered for. */
export type TextOf = (edit: TextEdit) => string;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DECLARED_TENANT = /^tenantId[ \t]*:[ \t]*(['"]?)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\1[ \t]*(?:#.*)?$/im;

type Judge = (edits: readonly TextEdit[], textOf: TextOf, documentText: string) => boolean;

const onlyCase: Judge = (edits, textOf) => edits.every((edit) => {
  const before = textOf(edit);
  return before !== edit.newText && before.toLowerCase() === edit.newText.toLowerCase();
});

const tenantPlaceholderWithDeclaredTenant: Judge = (edits, _textOf, documentText) =>
  edits.every((edit) => edit.newText === '{TenantId}') && DECLARED_TENANT.test(documentText);

const bracesRemoved: Judge = (edits, textOf) => edits.every((edit) => {
  const before = textOf(edit).trim();
  return GUID.test(edit.newText) && before.replace(/^\{(.*)\}$/, '$1').toLowerCase() === edit.newText.toLowerCase();
});

/** Per rule code, the kinds of its fixes that are safe (any one matching is enough). */
export const SAFE_FIXES: Readonly<Record<string, readonly Judge[]>> = {
  WHFB101: [onlyCase],
  WHFB102: [() => true],
  WHFB104: [bracesRemoved, tenantPlaceholderWithDeclaredTenant],
  WHFB105: [tenantPlaceholderWithDeclaredTenant],
  WHFB161: [onlyCase],
  WHFB171: [() => true],
};

/** The comment fix every finding on an entry gets: never applied by --fix. */
export function isIgnoreAction(action: CodeAction): boolean {
  return editsOf(action).some((edit) => /whfb-ignore/i.test(edit.newText));
}

export function editsOf(action: CodeAction): TextEdit[] {
  return Object.values(action.edit.changes).flat();
}

/**
 * The safe fixes among the actions offered for a document, each with the diagnostic it fixes.
 * `actions` are what codeActions returned for the whole document with all its diagnostics.
 */
export function safeFixes(actions: readonly CodeAction[], textOf: TextOf, documentText: string): { action: CodeAction; diagnostic: Diagnostic }[] {
  const byDiagnostic = new Map<Diagnostic, CodeAction[]>();
  for (const action of actions) {
    if (action.kind !== 'quickfix' || isIgnoreAction(action)) continue;
    if (Object.keys(action.edit.changes).length !== 1) continue;
    const diagnostic = action.diagnostics?.length === 1 ? action.diagnostics[0]! : undefined;
    if (!diagnostic) continue;
    byDiagnostic.set(diagnostic, [...(byDiagnostic.get(diagnostic) ?? []), action]);
  }
  const safe: { action: CodeAction; diagnostic: Diagnostic }[] = [];
  for (const [diagnostic, offered] of byDiagnostic) {
    if (offered.length !== 1) continue;
    const action = offered[0]!;
    const judges = SAFE_FIXES[String(diagnostic.code)] ?? [];
    const edits = editsOf(action);
    if (edits.length > 0 && judges.some((judge) => judge(edits, textOf, documentText))) safe.push({ action, diagnostic });
  }
  return safe;
}
