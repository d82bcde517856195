/**
 * A format adapter turns one kind of text into the PolicyModel. formats/detect.ts holds the list
 * of adapters and picks the one that claims a document (or none: then the document gets no
 * diagnostics at all). Adapters know text; they never judge WHfB (that is rules/).
 */
import type { CatalogIndex } from '../catalog/catalogIndex';
import type { Fix, FixData, PolicyModel, SourceFormat } from '../model/types';

export interface DetectInput {
  uri: string;
  languageId?: string;
  text: string;
}

export interface FormatAdapter {
  /** The formats this adapter produces. */
  readonly formats: readonly SourceFormat[];
  /**
   * Claims the document when its content is this format. Must be cheap (no full parse when a
   * prefix scan can decide) and must not claim unrelated files (a package.json, a GitHub workflow,
   * a .csproj).
   */
  detect(input: DetectInput): SourceFormat | undefined;
  /**
   * Builds the model. Never throws: malformed input becomes WHFB001/WHFB002/WHFB003 findings.
   * `previous` is the model of the same document's previous version, for incremental re-parsing.
   */
  parse(text: string, format: SourceFormat, catalog: CatalogIndex, previous?: PolicyModel): PolicyModel;
  /**
   * A rule's semantic fix as text edits in this format's syntax (formats/fixRendering.ts), or
   * undefined where the format cannot express it.
   */
  renderFix(model: PolicyModel, fix: Fix): FixData | undefined;
  /**
   * The adapter's detect() itself decides whether the content is a WHfB policy (a GPO backup names
   * Group Policies and registry keys, not OMA-URIs), so detectFormat does not ask namesWhfbNode.
   */
  readonly decidesWhfbItself?: boolean;
}
