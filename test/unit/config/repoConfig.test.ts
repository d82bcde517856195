/** The repository configuration's pure logic: checking, ignore globs, precedence over diagnostics. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import { applyFileRules, isIgnored, parseRepoConfig } from '../../../server/src/config/repoConfig';
import type { Diagnostic } from '../../../server/src/lsp/protocolTypes';
import { RULES } from '../../../server/src/model/ruleCodes';

const ROOT = join(__dirname, '..', '..', '..');

describe('repository configuration', () => {
  it('reads rules (codes in any case), ignore globs and the deployment model', () => {
    const { config, problems } = parseRepoConfig('\uFEFF{ "$schema": "x", "rules": { "whfb190": "off", "WHFB160": "error" }, "ignore": ["archive/**"], "deploymentModel": "cloud-only" }');
    assert.deepEqual(problems, []);
    assert.deepEqual(config, { rules: { WHFB190: 'off', WHFB160: 'error' }, ignore: ['archive/**'], deploymentModel: 'cloud-only' });
  });

  it('keeps the valid part of a wrong file and says what is wrong', () => {
    const { config, problems } = parseRepoConfig('{ "rules": { "WHFB190": "never", "X1": "off", "WHFB160": "hint" }, "ignore": "all", "deploymentModel": "cloud", "extends": "x" }');
    assert.deepEqual(config, { rules: { WHFB160: 'hint' }, ignore: [] });
    assert.equal(problems.length, 5);
    assert.deepEqual(parseRepoConfig('[1]').config, { rules: {}, ignore: [] });
    assert.match(parseRepoConfig('{').problems[0], /not valid JSON/);
  });

  it('ignores by glob relative to the config folder: folders, names at any depth, rooted paths', () => {
    const config = { rules: {}, ignore: ['archive', '*.draft.whfb.yaml', '/exports/old/**', 'lab/*.json'] };
    assert.ok(isIgnored(config, 'archive/2023/a.whfb.yaml'));
    assert.ok(isIgnored(config, 'teams/x/archive/a.json'), 'a name without / matches at any depth');
    assert.ok(isIgnored(config, 'teams\\pilot.draft.whfb.yaml'));
    assert.ok(isIgnored(config, 'exports/old/p.json'));
    assert.ok(!isIgnored(config, 'teams/exports/old/p.json'), 'a rooted pattern matches from the config folder only');
    assert.ok(isIgnored(config, 'lab/p.json'));
    assert.ok(!isIgnored(config, 'lab/sub/p.json'));
    assert.ok(!isIgnored(config, 'archived.whfb.yaml'));
    assert.ok(!isIgnored(config, '../archive/a.json'), 'files outside the config folder are never ignored');
  });

  it('applies file severities under the editor\'s: the editor wins, off removes', () => {
    const diagnostic = (code: string, severity: 1 | 2 | 3 | 4): Diagnostic => ({ code, severity, source: 'whfb', message: code, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } });
    const input = [diagnostic('WHFB160', 2), diagnostic('WHFB190', 3), diagnostic('WHFB101', 1)];
    const out = applyFileRules(input, { WHFB160: 'error', WHFB190: 'off', WHFB101: 'hint' }, { WHFB101: 'error' });
    assert.deepEqual(out.map((d) => `${d.code}:${d.severity}`), ['WHFB160:1', 'WHFB101:1']);
    assert.equal(applyFileRules(input, {}, {}), input);
  });

  it('has a JSON Schema that accepts what the parser accepts and lists every rule', () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'schemas', 'whfbrc.schema.json'), 'utf8'));
    const validate = new Ajv({ strict: false }).compile(schema);
    assert.ok(validate({ rules: { WHFB190: 'off' }, ignore: ['a/**'], deploymentModel: 'hybrid-key-trust' }));
    assert.ok(!validate({ rules: { WHFB190: 'never' } }));
    assert.ok(!validate({ colour: 1 }));
    assert.deepEqual(Object.keys(schema.properties.rules.properties), RULES.map((r) => r.code));
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    assert.deepEqual(manifest.contributes.jsonValidation, [{ fileMatch: ['.whfbrc.json', 'whfb.config.json'], url: './schemas/whfbrc.schema.json' }]);
  });
});
