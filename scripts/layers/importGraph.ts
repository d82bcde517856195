/**
 * Every import of the checked source folders, read with the TypeScript parser (not a regex), so
 * `import type`, `export ... from`, `require()`, `import()` and `typeof import()` are all seen
 * and each keeps the line it is written on.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import ts from 'typescript';

export interface ImportEdge {
  /** Repository-relative path of the importing file, with '/' separators. */
  from: string;
  line: number;
  specifier: string;
  /** Repository-relative path of the imported file, or `package:<name>` for a package. */
  to: string;
  /** True when the import brings in types only (erased from the bundle). */
  typeOnly: boolean;
}

export const CHECKED_FOLDERS = ['server/src', 'client/src', 'shared'];

export function sourceFiles(root: string, folders = CHECKED_FOLDERS): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir).sort()) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(ts|mts|cts)$/.test(entry)) out.push(toPosix(relative(root, path)));
    }
  };
  for (const folder of folders) if (existsSync(join(root, folder))) walk(join(root, folder));
  return out;
}

export function importGraph(root: string, files = sourceFiles(root)): ImportEdge[] {
  return files.flatMap((file) => importsOf(file, readFileSync(join(root, file), 'utf8'), (candidate) => existsSync(join(root, candidate)) && statSync(join(root, candidate)).isFile()));
}

/** The imports of one file; `exists` answers for repository-relative paths (tests pass a fake). */
export function importsOf(file: string, text: string, exists: (path: string) => boolean): ImportEdge[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const edges: ImportEdge[] = [];
  const add = (literal: ts.Expression | undefined, typeOnly: boolean): void => {
    if (!literal || !ts.isStringLiteralLike(literal)) return;
    const specifier = literal.text;
    edges.push({
      from: file,
      line: source.getLineAndCharacterOfPosition(literal.getStart(source)).line + 1,
      specifier,
      to: resolveSpecifier(file, specifier, exists),
      typeOnly,
    });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      add(node.moduleSpecifier, isTypeOnlyImport(node));
    } else if (ts.isExportDeclaration(node)) {
      add(node.moduleSpecifier, node.isTypeOnly || (!!node.exportClause && ts.isNamedExports(node.exportClause) && node.exportClause.elements.length > 0 && node.exportClause.elements.every((e) => e.isTypeOnly)));
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node.moduleReference.expression, node.isTypeOnly);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node.argument.literal, true);
    } else if (ts.isCallExpression(node) && node.arguments.length >= 1) {
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
      const isDynamicImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      if (isRequire || isDynamicImport) add(node.arguments[0], false);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return edges;
}

function isTypeOnlyImport(node: ts.ImportDeclaration): boolean {
  const clause = node.importClause;
  if (!clause) return false; // `import './x'` runs the module
  if (clause.isTypeOnly) return true;
  if (clause.name) return false;
  const bindings = clause.namedBindings;
  return !!bindings && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly);
}

const EXTENSIONS = ['', '.ts', '.d.ts', '.mts', '.cts', '/index.ts', '.js', '.json'];

/** A relative specifier becomes the file it names; anything else is a package (its name only). */
export function resolveSpecifier(from: string, specifier: string, exists: (path: string) => boolean): string {
  if (specifier.startsWith('.')) {
    const base = toPosix(join(dirname(from), specifier));
    const stripped = base.replace(/\.js$/, '');
    for (const candidate of [...EXTENSIONS.map((ext) => base + ext), ...EXTENSIONS.map((ext) => stripped + ext)]) {
      if (exists(candidate)) return candidate;
    }
    return base; // not a source file (e.g. a bundle next to dist/server.js): kept as written
  }
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
  return `package:${name}`;
}

function toPosix(path: string): string {
  return path.split(sep).join('/');
}
