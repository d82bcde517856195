/**
 * The web worker's `yaml` (scripts/webBuild.mjs puts this file in place of yamlLibrary.ts): the
 * worker is one script, so loading on first use saves it nothing, and a static import lets the
 * bundler drop the parts of the package nothing calls, which keeps the worker under its size limit.
 */
export { isAlias, isMap, isNode, isPair, isScalar, isSeq, parseDocument } from 'yaml';
