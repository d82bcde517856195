// The web build: the extension for VS Code for the Web (vscode.dev, github.dev, the browser
// workbench of a VS Code server), where extensions run in a web worker extension host and no
// Node API exists.
//   dist/web/extension.js  the client (package.json `browser`), CommonJS with `vscode` external
//   dist/web/server.js     the language server with the language service, the catalog and the
//                          generated validators: one classic worker script (iife)
// Both are bundled for the browser from the same sources as the Node bundles. A module with a
// `<name>.web.ts` sibling is replaced by it (languageClient, the checklist's file access); the
// LSP libraries' `/node` entries become their `/browser` ones; the checklist store's `node:path`
// becomes client/src/posixPath.ts. Anything else Node-only fails the build (checkWebBundle).
import { existsSync, readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { builtinModules } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The worker is downloaded by every vscode.dev session that opens a policy: it must stay small. */
export const WEB_SERVER_LIMIT_BYTES = 1024 * 1024;

const NODE_BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/** The web substitutions, and a clear error for any other Node module. */
export function webPlatform({ posixPath }) {
  return {
    name: 'web-platform',
    setup(build) {
      build.onResolve({ filter: /^vscode-language(server|client)\/node$/ }, (args) =>
        build.resolve(args.path.replace(/\/node$/, '/browser'), { kind: args.kind, resolveDir: args.resolveDir }));
      build.onResolve({ filter: /^\.\.?\// }, (args) => {
        if (!args.resolveDir.startsWith(repoRoot) || args.resolveDir.includes('node_modules')) return undefined;
        const web = join(args.resolveDir, `${args.path}.web.ts`);
        return existsSync(web) ? { path: web } : undefined;
      });
      build.onResolve({ filter: /^(node:)?[a-z_/]+$/ }, (args) => {
        if (!NODE_BUILTINS.has(args.path)) return undefined;
        if (posixPath && (args.path === 'node:path' || args.path === 'path')) return { path: join(repoRoot, 'client', 'src', 'posixPath.ts') };
        return { errors: [{ text: `the Node module "${args.path}" reached a web bundle (imported by ${args.importer.replace(`${repoRoot}/`, '')}): the web worker has no Node API. Put the Node-only code behind a module with a .web.ts sibling.` }] };
      });
    },
  };
}

/**
 * The generated data (the catalog, the guides' checklists) repeats long strings: descriptions,
 * guide sentences, links shared by the deployment models. In the worker script each string that
 * pays for it is written once and referred to by index; the module builds the very same object
 * (checked here at build time). This keeps the worker under its size limit without a second
 * script or an asynchronous decompression before the server can answer.
 */
function sharedStringsData() {
  return {
    name: 'shared-strings-data',
    setup(build) {
      build.onLoad({ filter: /[\\/]data[\\/]generated[\\/][^\\/]+\.json$/ }, (args) => {
        const value = JSON.parse(readFileSync(args.path, 'utf8'));
        const contents = dataModule(value);
        const rebuilt = { exports: {} };
        new Function('module', contents)(rebuilt);
        if (!isDeepStrictEqual(rebuilt.exports, value)) return { errors: [{ text: `the shared-string form of ${args.path} does not rebuild the same data` }] };
        return { contents, loader: 'js' };
      });
    },
  };
}

export function dataModule(value) {
  const counts = new Map();
  (function count(node) {
    if (typeof node === 'string') counts.set(node, (counts.get(node) ?? 0) + 1);
    else if (Array.isArray(node)) node.forEach(count);
    else if (node && typeof node === 'object') Object.values(node).forEach(count);
  })(value);
  // Most used first, so they get the shortest references; a string is shared only when that is shorter.
  const shared = [...counts].filter(([text, uses]) => uses > 1 && (uses - 1) * JSON.stringify(text).length > uses * 6 + 2)
    .sort((a, b) => b[1] - a[1]).map(([text]) => text);
  const index = new Map(shared.map((text, i) => [text, i]));
  const key = (name) => (name === '__proto__' ? '["__proto__"]' : /^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name));
  const write = (node) => {
    if (typeof node === 'string') return index.has(node) ? `s[${index.get(node)}]` : JSON.stringify(node);
    if (Array.isArray(node)) return `[${node.map(write).join(',')}]`;
    if (node && typeof node === 'object') return `{${Object.entries(node).map(([name, item]) => `${key(name)}:${write(item)}`).join(',')}}`;
    return JSON.stringify(node);
  };
  return `var s=${JSON.stringify(shared)};module.exports=${write(value)};`;
}

export function webBuilds(production) {
  const web = {
    platform: 'browser',
    target: 'es2022',
    minify: true,
    sourcemap: production ? false : 'linked',
    metafile: true,
    // No `process.env.NODE_ENV` lookups left for a worker that has no `process`.
    define: { 'process.env.NODE_ENV': '"production"' },
    web: true,
  };
  return [
    {
      ...web, entryPoints: ['client/src/extension.ts'], outfile: 'dist/web/extension.js', format: 'cjs', external: ['vscode'],
      plugins: [webPlatform({ posixPath: true })],
    },
    {
      ...web, entryPoints: ['server/src/server/workerMain.ts'], outfile: 'dist/web/server.js', format: 'iife',
      plugins: [webPlatform({ posixPath: false }), sharedStringsData()], limitBytes: WEB_SERVER_LIMIT_BYTES,
    },
  ];
}

/**
 * Node-only globals that a bundler cannot see as imports: any use of them in a web bundle is a
 * crash waiting in the worker. Library code that tests for them first (`typeof process`) is allowed.
 */
const NODE_GLOBAL_USES = [
  /(?<![\w$.])process\.(?!env\.NODE_ENV)[a-zA-Z_$]/g,
  /(?<![\w$.])Buffer\.[a-zA-Z]/g,
  /(?<![\w$.])(__dirname|__filename)(?![\w$])/g,
  // A call, not the text of one: ajv keeps 'require("ajv/dist/runtime/...")' as a code-generation string.
  /(?<![\w$.'"`])require\(\s*["'](?!vscode["'])/g,
];

/** Fails the build when a web bundle uses a Node global or outgrows its limit. */
export function checkWebBundle({ outfile, limitBytes }) {
  const text = readFileSync(resolve(repoRoot, outfile), 'utf8');
  const uses = NODE_GLOBAL_USES.flatMap((pattern) => [...text.matchAll(pattern)].map((match) => excerpt(text, match.index)));
  const unguarded = uses.filter((use) => !/typeof process|typeof Buffer/.test(use));
  if (unguarded.length > 0) {
    throw new Error(`${outfile} uses Node globals the web worker does not have:\n  ${unguarded.slice(0, 8).join('\n  ')}`);
  }
  const size = Buffer.byteLength(text);
  if (limitBytes && size > limitBytes) {
    throw new Error(`${outfile} is ${(size / 1024).toFixed(1)} KB, over its limit of ${limitBytes / 1024} KB: every web session downloads it.`);
  }
}

function excerpt(text, index) {
  return text.slice(Math.max(0, index - 60), index + 60).replace(/\s+/g, ' ');
}
