/** One file a generator produces: a path relative to the repository root and its exact content. */
export interface GeneratedFile {
  path: string;
  content: string;
}
