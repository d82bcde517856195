/** A snapshot of an open document in the shape the language service takes. */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentInput } from '../service/api';

export function toInput(document: TextDocument): TextDocumentInput {
  return { uri: document.uri, languageId: document.languageId, version: document.version, text: document.getText() };
}
