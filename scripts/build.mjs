// Bundles the client, the language server and the CLI with esbuild. Runtime dependencies
// (vscode-languageclient/-server, yaml, ajv) and the generated JSON are bundled in, so the
// .vsix needs no node_modules.
//
// The server is two bundles: dist/server.js (the LSP wiring, small, so `initialize` is answered
// as fast as a bare vscode-languageserver server answers it) and dist/service.js (the language
// service with yaml, the catalog, the validators and the checklists), which server.js requires
// on first use. dist/service.js in turn requires dist/yaml.js, dist/checklists.js and
// dist/catalog-texts.js on first use (FIRST_USE_BUNDLES below), and dist/service-features.js (the
// editor features and the export formats, scripts/serviceSplit.mjs) at their first call. The CLI
// is a launcher and one engine bundle (CLI_BUILDS): the engine needs the service at once.
//
// The web build (VS Code for the Web): dist/web/extension.js (the client, the `browser` entry of
// package.json) and dist/web/server.js (the same server and service as one web worker script),
// see webBuilds below.
import * as esbuild from 'esbuild';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { webBuilds, checkWebBundle } from './webBuild.mjs';
import { featuresBuild, planServiceSplit, serviceBuild } from './serviceSplit.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
// --cli-out=FILE: only the CLI, written to FILE (the whfb-lint npm package, scripts/packCli.mjs).
const cliOut = process.argv.find((arg) => arg.startsWith('--cli-out='))?.slice('--cli-out='.length);

/**
 * JSON data that the source loads with `require()` at first use (the guides' checklists: 300 KB
 * that only hovers and the checklist view read) is embedded as `JSON.parse('...')` in a module
 * that runs on that first `require`. At start-up V8 then only scans one string instead of
 * pre-parsing an object literal of the same size, on every start of the server and the CLI.
 * The catalog (data/generated/catalog.json, imported: the rules need it at once) is embedded the
 * same way: since its nodes' texts are a file of their own, JSON.parse of the rest loads faster
 * than the object literal (~4-7 ms CPU of the service's load, bench/README.md "Session 25"; with
 * the texts inside, JSON.parse built it no faster). Other imported JSON keeps esbuild's literal:
 * package.json is imported by name, so only the fields used are bundled.
 */
const PARSED_FROM_A_STRING = /[\\/]data[\\/]generated[\\/]catalog\.json$/;

const jsonLoadedOnFirstUse = {
  name: 'json-loaded-on-first-use',
  setup(build) {
    build.onResolve({ filter: /\.json$/ }, (args) => ((args.kind === 'require-call' || PARSED_FROM_A_STRING.test(resolve(args.resolveDir, args.path))) && !args.resolveDir.includes('node_modules')
      ? { path: resolve(args.resolveDir, args.path), pluginData: { loadedOnFirstUse: true } }
      : undefined));
    build.onLoad({ filter: /\.json$/ }, (args) => {
      if (!args.pluginData?.loadedOnFirstUse) return undefined;
      const json = JSON.stringify(JSON.parse(readFileSync(args.path, 'utf8')));
      return { contents: `module.exports = JSON.parse(${JSON.stringify(json)});`, loader: 'js' };
    });
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  legalComments: 'linked',
  logLevel: 'warning',
  plugins: [jsonLoadedOnFirstUse],
};

/**
 * @vscode/l10n's browser build for the server's two bundles. The server only ever configures it
 * with a bundle's contents (server/messageBundle.ts), where both builds run the same code; the Node
 * build's readers would load node:fs/promises (and the readline modules it brings) at start-up, and
 * being CommonJS, every importing module would copy its namespace. The browser build is an ES
 * module without imports (the web worker bundles it already).
 */
const l10nBrowserBuild = {
  name: 'l10n-browser-build',
  setup(build) {
    build.onResolve({ filter: /^@vscode\/l10n$/ }, () => ({ path: resolve('node_modules/@vscode/l10n/dist/browser.js') }));
  },
};

/** In the server bundle, the service entry becomes a run-time require of dist/service.js. */
const serviceAsSeparateBundle = {
  name: 'service-as-separate-bundle',
  setup(build) {
    build.onResolve({ filter: /^\.\/server\/serviceEntry$/ }, () => ({ path: './service.js', external: true }));
  },
};

/**
 * Modules that must never end up in dist/server.js: a static import of the service (or of what
 * it loads) from the server's wiring would silently bring cold start back to the full bundle's.
 */
const SERVICE_ONLY_INPUT = /^(node_modules\/(yaml|ajv)\/|data\/|server\/src\/(catalog|checklists|features|formats|generated|model|rules)\/|server\/src\/service\/(?!api\.ts$))/;

function checkServerStaysSmall(result) {
  const leaked = Object.keys(result.metafile.inputs).filter((input) => SERVICE_ONLY_INPUT.test(input));
  if (leaked.length > 0) {
    throw new Error(`dist/server.js must not bundle the language service (it is loaded from dist/service.js); imported statically: ${leaked.slice(0, 5).join(', ')}`);
  }
}

/** A static import of what FIRST_USE_BUNDLES names would bring it back into dist/service.js. */
function checkFirstUseStaysOut(result) {
  const leaked = Object.keys(result.metafile.inputs).filter((input) => /^node_modules\/yaml\/|^data\/generated\/(checklists|catalog-texts)\.json$/.test(input));
  if (leaked.length > 0) {
    throw new Error(`dist/service.js must load yaml, the checklists and the catalog's texts on first use (dist/yaml.js, dist/checklists.js, dist/catalog-texts.js); imported statically: ${leaked.slice(0, 5).join(', ')}`);
  }
}

/**
 * What must never end up in dist/extension.js: the client talks LSP (shared/protocol.ts) and
 * leaves the catalog, the parsers, the validators and the generated guide data to the server.
 */
const SERVER_ONLY_INPUT = /^(node_modules\/(yaml|ajv|fast-xml-parser)\/|data\/|server\/)/;

function checkClientTalksLsp(result) {
  const leaked = Object.keys(result.metafile.inputs).filter((input) => SERVER_ONLY_INPUT.test(input));
  if (leaked.length > 0) {
    throw new Error(`dist/extension.js must not bundle the server's code or data (ask the server through shared/protocol.ts); imported: ${leaked.slice(0, 5).join(', ')}`);
  }
}

/**
 * What the language service loads on first use and the first diagnostics of a policy file do not
 * need: the `yaml` package (the plain readers read the usual policy file, formats/yamlLibrary.ts)
 * the guides' checklists (hover and the checklist view, features/checklistInfo.ts) and the catalog
 * nodes' texts (descriptions, links, Group Policy mappings: hover, completion, links, quick fixes;
 * catalog/catalog.ts nodeTexts). In
 * dist/service.js they become run-time requires of bundles of their own next to it, so the server's
 * start neither reads nor compiles them (~20 ms CPU before the first diagnostics, bench/README.md
 * "Cold open and start-up"). Each is required from one place, so each exists once. The CLI and the
 * web worker keep them inside their one bundle (where they still run on first use only).
 */
const FIRST_USE_BUNDLES = [
  { request: /^yaml$/, outfile: 'dist/yaml.js', entry: 'yaml' },
  { request: /\/data\/generated\/checklists\.json$/, outfile: 'dist/checklists.js', entry: './data/generated/checklists.json' },
  { request: /\/data\/generated\/catalog-texts\.json$/, outfile: 'dist/catalog-texts.js', entry: './data/generated/catalog-texts.json' },
];

const firstUseAsSeparateBundles = {
  name: 'first-use-as-separate-bundles',
  setup(build) {
    for (const { request, outfile } of FIRST_USE_BUNDLES) {
      build.onResolve({ filter: request }, (args) => (args.kind === 'require-call' && !args.resolveDir.includes('node_modules')
        ? { path: `./${outfile.slice('dist/'.length)}`, external: true }
        : undefined));
    }
  },
};

const firstUseBundles = FIRST_USE_BUNDLES.map(({ outfile, entry }) => ({
  stdin: { contents: `module.exports = require(${JSON.stringify(entry)});`, resolveDir: resolve('.'), sourcefile: `${outfile}.entry.js` },
  outfile,
}));

/**
 * whfb-lint is two files: the launcher (server/src/cli.ts, the bin) and the engine beside it
 * (server/src/cli/engine.ts, `<launcher>-engine.js`: dist/cli-engine.js). The launcher starts the
 * worker thread a large run needs before the main thread reads and compiles the engine, so the
 * worker's start (~0.15 s) runs on the second core meanwhile instead of after it (bench/README.md,
 * whfb-lint "Ninth round"). `--cli-out=FILE` writes both, FILE and its engine, for the npm package
 * and for before/after comparisons.
 */
const CLI_LAUNCHER_OUT = cliOut ?? 'dist/cli.js';
const CLI_ENGINE_OUT = CLI_LAUNCHER_OUT.replace(/(\.js)?$/, '-engine.js');

const engineAsSeparateBundle = {
  name: 'cli-engine-as-separate-bundle',
  setup(build) {
    build.onResolve({ filter: /^\.\/cli\/engine$/ }, () => ({ path: `./${basename(CLI_ENGINE_OUT)}`, external: true }));
  },
};

/** What must never end up in the launcher: anything of the engine would be read and compiled before the worker starts. */
const LAUNCHER_INPUTS = /^(server\/src\/cli\.ts|server\/src\/cli\/(lintWorkerStart|workerForecast|heapPolicy|exitStatus|toolInfo|args|collectFiles|fsErrors)\.ts|server\/src\/config\/glob\.ts|package\.json)$/;

function checkLauncherStaysSmall(result) {
  const leaked = Object.keys(result.metafile.inputs).filter((input) => !LAUNCHER_INPUTS.test(input));
  if (leaked.length > 0) {
    throw new Error(`${CLI_LAUNCHER_OUT} (the whfb-lint launcher) must only start the worker and require the engine (${CLI_ENGINE_OUT}); it bundles: ${leaked.slice(0, 5).join(', ')}`);
  }
}

/** The package lists the licences of what it bundles from the inputs of both files (packCli.mjs). */
const cliMetafiles = [];
const keepCliMetafile = (result) => cliMetafiles.push(result.metafile);

const CLI_BUILDS = [
  {
    entryPoints: ['server/src/cli.ts'], outfile: CLI_LAUNCHER_OUT, banner: { js: '#!/usr/bin/env node' }, plugins: [engineAsSeparateBundle],
    metafile: true, check: (result) => { checkLauncherStaysSmall(result); keepCliMetafile(result); },
  },
  { entryPoints: ['server/src/cli/engine.ts'], outfile: CLI_ENGINE_OUT, metafile: true, check: keepCliMetafile },
];

const SERVICE_BUILD = { entryPoints: ['server/src/server/serviceEntry.ts'], outfile: 'dist/service.js', plugins: [firstUseAsSeparateBundles, l10nBrowserBuild, jsonLoadedOnFirstUse], metafile: true, check: checkFirstUseStaysOut };

const allBuilds = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'], metafile: true, check: checkClientTalksLsp },
  { entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', plugins: [serviceAsSeparateBundle, l10nBrowserBuild, jsonLoadedOnFirstUse], metafile: true, check: checkServerStaysSmall },
  SERVICE_BUILD,
  ...firstUseBundles,
  ...CLI_BUILDS,
];
let builds = cliOut ? CLI_BUILDS : [...allBuilds, ...webBuilds(production)];

// The service's editor features and export formats as a bundle of their own, required on first use
// (scripts/serviceSplit.mjs). Not in watch mode: the split is planned from the module graph of one build.
if (!cliOut && !watch) {
  const plan = await planServiceSplit(common, SERVICE_BUILD);
  builds = builds.flatMap((build) => (build === SERVICE_BUILD ? [serviceBuild(plan, build), featuresBuild(plan, build)] : [build]));
}

if (watch) {
  for (const { check, web, limitBytes, ...options } of builds) {
    const context = await esbuild.context({ ...common, ...options });
    await context.watch();
  }
} else {
  await Promise.all(builds.map(async ({ check, web, limitBytes, ...options }) => {
    const result = await esbuild.build({ ...common, ...options });
    check?.(result);
  }));
  chmodSync(CLI_LAUNCHER_OUT, 0o755);
  if (cliOut) writeFileSync(`${cliOut}.meta.json`, JSON.stringify({ inputs: Object.assign({}, ...cliMetafiles.map((metafile) => metafile.inputs)) }));
  const nodeBuilds = builds.filter((build) => !build.web);
  const sizes = nodeBuilds.map(({ outfile }) => `${outfile} ${(statSync(outfile).size / 1024).toFixed(1)} KB`);
  console.log(`bundles${production ? ' (production, minified)' : ''}: ${sizes.join(', ')}`);
  const web = builds.filter((build) => build.web);
  if (web.length > 0) {
    for (const build of web) checkWebBundle(build);
    console.log(`web bundles (minified): ${web.map(({ outfile, limitBytes }) => `${outfile} ${(statSync(outfile).size / 1024).toFixed(1)} KB${limitBytes ? ` (limit ${limitBytes / 1024} KB)` : ''}`).join(', ')}`);
  }
}
