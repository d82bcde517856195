// The language service's editor features (completion, hover, code actions, links, symbols,
// folding, the insert-setting plan, templates, checklists) and the export formats' parsers as a
// bundle of their own, dist/service-features.js, required at the first call of one of them.
//
// Why: dist/service.js is compiled at every start of the server before the first diagnostics,
// and V8 pays for every byte of code in it, called or not (~8 ms CPU per 100 KB on the bench
// machine, bench/README.md "Session 26"). None of them runs for the diagnostics of a policy file.
//
// How, with esbuild's CommonJS output (which cannot split one bundle into chunks):
// - A first build of dist/service.js (no output) gives the module graph. The modules reachable from
//   the entry only through FEATURE_ROOTS are the features' own; every other module stays in
//   dist/service.js ("eager").
// - In dist/service.js each feature root that an eager module imports becomes a small stub whose
//   exports are getters: the first call requires dist/service-features.js and reads the real export.
// - dist/service-features.js bundles the features' own modules; each eager module they import is
//   taken from dist/service.js (its `__sharedModules`, the namespaces of exactly those modules), so
//   every module, and its state (the catalog, the l10n bundle, the memos), exists once.
// The CLI and the web worker stay one bundle each.
import * as esbuild from 'esbuild';
import { relative, resolve } from 'node:path';

const root = resolve('.');

/**
 * The modules that go apart with what only they import: the editor features the language service
 * calls, and the adapters of the export formats (Settings Catalog, custom profiles, Graph, SyncML,
 * GPO, registry.pol, PowerShell; formats/detect.ts reads them only when a document is not a policy file).
 */
const FEATURE_ROOTS = new RegExp([
  '^server/src/features/(codeActions|completion|documentLinks|documentSymbols|foldingRanges|hover|checklistInfo|insertSettingPlan|lineReferences|policyTemplates|referenceLinks)\\.ts$',
  '^server/src/formats/(customProfile|gpoReport|gpoRegistryPol|graphWhfb|powershell|settingsCatalog|syncml)\\.ts$',
].join('|'));

export const FEATURES_OUTFILE = 'dist/service-features.js';
const FEATURES_REQUEST = `./${FEATURES_OUTFILE.slice('dist/'.length)}`;

const inputPath = (path) => relative(root, path).split('\\').join('/');

/** Which modules go where, from a build of the unsplit service (`options`: its esbuild options). */
export async function planServiceSplit(common, options) {
  const { check, ...buildOptions } = options;
  const { metafile } = await esbuild.build({ ...common, ...buildOptions, write: false, metafile: true, sourcemap: false });
  const inputs = metafile.inputs;
  const entry = inputPath(resolve(options.entryPoints[0]));
  const eager = new Set([entry]);
  const pending = [entry];
  while (pending.length > 0) {
    for (const { path, external } of inputs[pending.pop()]?.imports ?? []) {
      if (external || FEATURE_ROOTS.test(path) || eager.has(path)) continue;
      eager.add(path);
      pending.push(path);
    }
  }
  const lazy = Object.keys(inputs).filter((path) => !eager.has(path));
  const stubbed = new Set();
  const shared = new Set();
  for (const path of eager) for (const { path: to, external } of inputs[path].imports) if (!external && !eager.has(to)) stubbed.add(to);
  for (const path of lazy) for (const { path: to, external } of inputs[path].imports) if (!external && eager.has(to)) shared.add(to);
  // The stubs need the roots' export names: a transform of each root lists them.
  const { metafile: exportsMeta } = await esbuild.build({
    entryPoints: [...stubbed], bundle: false, write: false, metafile: true, format: 'esm', platform: 'node', outdir: 'dist/.split', logLevel: 'silent',
  });
  const exportsOf = new Map(Object.values(exportsMeta.outputs).filter((output) => output.entryPoint).map((output) => [output.entryPoint, output.exports]));
  for (const path of stubbed) if (!exportsOf.has(path)) throw new Error(`service split: no export list for ${path}`);
  return { entry, eager, lazy, stubbed, shared: [...shared].sort(), exportsOf };
}

/** esbuild's resolution of a request, without this plugin (so a plugin can look at where it leads). */
async function resolvedInput(build, args) {
  const resolved = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: { serviceSplit: true } });
  return resolved.errors.length > 0 || resolved.external ? undefined : inputPath(resolved.path);
}

function stubSource(plan, path) {
  const getters = plan.exportsOf.get(path).map((name) => `  ${JSON.stringify(name)}: { enumerable: true, get: () => features()[${JSON.stringify(name)}] },`);
  return [
    `// ${path}: in ${FEATURES_OUTFILE}, required at the first use of an export (scripts/serviceSplit.mjs).`,
    'let loaded;',
    `const features = () => (loaded ??= require(${JSON.stringify(FEATURES_REQUEST)}).featureModules[${JSON.stringify(path)}]);`,
    `Object.defineProperties(exports, {\n${getters.join('\n')}\n});`,
  ].join('\n');
}

/** dist/service.js: the features imported by eager modules become stubs; the entry exports the shared modules. */
export function serviceBuild(plan, options) {
  const splitPlugin = {
    name: 'features-on-first-use',
    setup(build) {
      build.onResolve({ filter: /^\.\.?\// }, async (args) => {
        if (args.pluginData?.serviceSplit) return undefined;
        if (args.namespace === 'feature-stub') return { path: args.path, external: true };
        const path = await resolvedInput(build, args);
        return path && plan.stubbed.has(path) ? { path, namespace: 'feature-stub' } : undefined;
      });
      build.onLoad({ filter: /.*/, namespace: 'feature-stub' }, (args) => ({ contents: stubSource(plan, args.path), loader: 'js', resolveDir: root }));
    },
  };
  const sharedImports = plan.shared.map((path, index) => `import * as shared${index} from ${JSON.stringify(`./${path}`)};`);
  const sharedTable = plan.shared.map((path, index) => `  ${JSON.stringify(path)}: shared${index},`);
  const { entryPoints, plugins, ...rest } = options;
  return {
    ...rest,
    stdin: {
      contents: [
        `export * from ${JSON.stringify(`./${plan.entry}`)};`,
        ...sharedImports,
        `/** The modules ${FEATURES_OUTFILE} takes from this bundle (scripts/serviceSplit.mjs). */`,
        `export const __sharedModules = {\n${sharedTable.join('\n')}\n};`,
      ].join('\n'),
      resolveDir: root, sourcefile: 'dist/service.js.entry.js', loader: 'ts',
    },
    plugins: [splitPlugin, ...plugins],
  };
}

/** dist/service-features.js: the features' own modules; what they import from the eager ones comes from dist/service.js. */
export function featuresBuild(plan, options) {
  const sharedPlugin = {
    name: 'shared-from-service',
    setup(build) {
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData?.serviceSplit || args.kind === 'entry-point') return undefined;
        if (args.namespace === 'shared-module') return { path: args.path, external: true };
        const path = await resolvedInput(build, args);
        return path && plan.eager.has(path) ? { path, namespace: 'shared-module' } : undefined;
      });
      build.onLoad({ filter: /.*/, namespace: 'shared-module' }, (args) => ({
        contents: [
          'const shared = require("./service.js").__sharedModules;',
          // Only a module-level use of a feature or format in dist/service.js gets here before its end.
          `if (!shared) throw new Error(${JSON.stringify(`${FEATURES_OUTFILE} was required while dist/service.js was still loading: a module-level use of a feature or export format (scripts/serviceSplit.mjs)`)});`,
          `module.exports = shared[${JSON.stringify(args.path)}];`,
        ].join('\n'),
        loader: 'js', resolveDir: root,
      }));
    },
  };
  const roots = [...plan.stubbed];
  const { entryPoints, plugins, metafile, check, ...rest } = options;
  return {
    ...rest,
    outfile: FEATURES_OUTFILE,
    metafile: true,
    check: (result) => checkFeaturesStayApart(plan, result),
    stdin: {
      contents: [
        ...roots.map((path, index) => `import * as feature${index} from ${JSON.stringify(`./${path}`)};`),
        `export const featureModules = {\n${roots.map((path, index) => `  ${JSON.stringify(path)}: feature${index},`).join('\n')}\n};`,
      ].join('\n'),
      resolveDir: root, sourcefile: `${FEATURES_OUTFILE}.entry.js`, loader: 'ts',
    },
    plugins: [sharedPlugin, ...plugins],
  };
}

/** Every module exists once: nothing of dist/service.js may be bundled again in dist/service-features.js. */
function checkFeaturesStayApart(plan, result) {
  const twice = Object.keys(result.metafile.inputs).filter((input) => plan.eager.has(input));
  if (twice.length > 0) throw new Error(`${FEATURES_OUTFILE} bundles modules of dist/service.js a second time: ${twice.slice(0, 5).join(', ')}`);
}
