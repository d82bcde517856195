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

/** The JSON data the worker bundles: generated data, mappings, the policy schema, the snippets. */
const DATA_FILE = /[\\/](data[\\/](generated|mappings)|schemas|snippets)[\\/][^\\/]+\.json$/;
const STRINGS_MODULE = 'whfb-shared-data-strings';

/**
 * The data the worker bundles (the catalog, the guides' checklists, the schema, the snippets)
 * repeats long strings, within a file and across files: descriptions, guide sentences, OMA-URIs,
 * links. In the worker script each string that pays for it is written once, in one table shared by
 * every data module, and referred to by index; each module builds the very same object (checked
 * here at build time). A first pass (esbuild, no output) finds which data files the worker bundles,
 * so the table holds only their strings. This keeps the worker under its size limit without a
 * second script or an asynchronous decompression before the server can answer.
 */
function sharedStringsData() {
  return {
    name: 'shared-strings-data',
    setup(build) {
      let table;
      build.onStart(async () => {
        const { build: esbuild } = await import('esbuild');
        const plugins = (build.initialOptions.plugins ?? []).filter((plugin) => plugin.name !== 'shared-strings-data');
        const probe = await esbuild({ ...build.initialOptions, plugins, write: false, metafile: true, sourcemap: false });
        const files = Object.keys(probe.metafile.inputs).filter((input) => DATA_FILE.test(`/${input}`)).sort();
        table = sharedStringTable(files.map((file) => JSON.parse(readFileSync(resolve(repoRoot, file), 'utf8'))));
      });
      build.onResolve({ filter: new RegExp(`^${STRINGS_MODULE}$`) }, () => ({ path: STRINGS_MODULE, namespace: STRINGS_MODULE }));
      build.onLoad({ filter: /.*/, namespace: STRINGS_MODULE }, () => ({ contents: `module.exports=${JSON.stringify(table.strings)};`, loader: 'js' }));
      build.onLoad({ filter: DATA_FILE }, (args) => {
        const value = JSON.parse(readFileSync(args.path, 'utf8'));
        const contents = dataModule(value, table);
        const rebuilt = { exports: {} };
        new Function('module', 'require', contents)(rebuilt, () => table.strings);
        if (!isDeepStrictEqual(rebuilt.exports, value)) return { errors: [{ text: `the shared-string form of ${args.path} does not rebuild the same data` }] };
        return { contents, loader: 'js' };
      });
    },
  };
}

/** The strings worth sharing among `values`: used more than once, and shorter as a reference. Most used first. */
export function sharedStringTable(values) {
  const counts = new Map();
  const count = (node) => {
    if (typeof node === 'string') counts.set(node, (counts.get(node) ?? 0) + 1);
    else if (Array.isArray(node)) node.forEach(count);
    else if (node && typeof node === 'object') Object.values(node).forEach(count);
  };
  values.forEach(count);
  const strings = [...counts].filter(([text, uses]) => uses > 1 && (uses - 1) * JSON.stringify(text).length > uses * 6 + 2)
    .sort((a, b) => b[1] - a[1]).map(([text]) => text);
  return { strings, index: new Map(strings.map((text, i) => [text, i])) };
}

/**
 * A CommonJS module that builds `value`, its shared strings taken from the table module. Objects
 * of one shape (the same keys in the same order: every catalog node, every checklist item) are
 * built by one small function of that shape, so their keys are written once.
 */
export function dataModule(value, table = sharedStringTable([value])) {
  const key = (name) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name));
  const shapeOf = (node) => Object.keys(node).join('\u0000');
  const shapes = new Map();
  (function count(node) {
    if (Array.isArray(node)) node.forEach(count);
    else if (node && typeof node === 'object') {
      const keys = Object.keys(node);
      // An own "__proto__" key cannot be written as a shorthand property: those objects stay literal.
      if (keys.length > 1 && !keys.includes('__proto__')) shapes.set(shapeOf(node), (shapes.get(shapeOf(node)) ?? 0) + 1);
      Object.values(node).forEach(count);
    }
  })(value);
  const factories = new Map([...shapes].filter(([, uses]) => uses >= 3).map(([shape], i) => [shape, `f${i}`]));
  const write = (node) => {
    if (typeof node === 'string') return table.index.has(node) ? `s[${table.index.get(node)}]` : JSON.stringify(node);
    if (Array.isArray(node)) return `[${node.map(write).join(',')}]`;
    if (node && typeof node === 'object') {
      const factory = factories.get(shapeOf(node));
      if (factory) return `${factory}(${Object.values(node).map(write).join(',')})`;
      return `{${Object.entries(node).map(([name, item]) => `${name === '__proto__' ? '["__proto__"]' : key(name)}:${write(item)}`).join(',')}}`;
    }
    return JSON.stringify(node);
  };
  const definitions = [...factories].map(([shape, name]) => {
    const keys = shape.split('\u0000');
    return `${name}=(${keys.map((_, i) => `a${i}`).join(',')})=>({${keys.map((k, i) => `${key(k)}:a${i}`).join(',')}})`;
  });
  return `var s=require(${JSON.stringify(STRINGS_MODULE)})${definitions.map((definition) => `,${definition}`).join('')};module.exports=${write(value)};`;
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
