/** The shipped examples: one clean policy per deployment model, and broken ones with the expected findings. */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DiagnosticSeverity } from '../../../server/src/lsp/protocolTypes';
import { example, ROOT, service } from './helpers';

const MODELS = ['cloud-only', 'hybrid-cloud-kerberos-trust', 'hybrid-key-trust', 'hybrid-certificate-trust', 'on-premises-key-trust', 'on-premises-certificate-trust'];

for (const model of MODELS) {
  test(`examples/${model}.whfb.yaml is clean and selects its checklist`, () => {
    const ls = service();
    const input = { uri: `file:///examples/${model}.whfb.yaml`, version: 1, text: example(`${model}.whfb.yaml`) };
    const problems = ls.validate(input).filter((d) => d.severity === DiagnosticSeverity.Error || d.severity === DiagnosticSeverity.Warning);
    assert.deepEqual(problems.map((d) => `${d.code} ${d.message}`), []);
    assert.equal(ls.policySummary(input)?.deploymentModel, model);
    assert.match(input.text, /tenantId: [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\n/);
  });
}

test('every example file is one of the six models', () => {
  const files = readdirSync(join(ROOT, 'examples')).filter((name) => name.endsWith('.whfb.yaml')).sort();
  assert.deepEqual(files, MODELS.map((model) => `${model}.whfb.yaml`).sort());
});

const BROKEN: Record<string, string[]> = {
  'typo-node.whfb.yaml': ['WHFB101'],
  'trust-contradiction.whfb.yaml': ['WHFB130'],
  'pin-min-greater-than-max.whfb.yaml': ['WHFB120'],
  'wrong-type.whfb.yaml': ['WHFB102'],
};

for (const [file, expected] of Object.entries(BROKEN)) {
  test(`examples/broken/${file} reports ${expected.join(', ')}`, () => {
    const diagnostics = service().validate({ uri: `file:///examples/broken/${file}`, version: 1, text: example(`broken/${file}`) });
    assert.deepEqual(diagnostics.map((d) => d.code).sort(), expected);
  });
}
