/** Document symbols, links, folding ranges and the policy summary the client's views read. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { example, service } from './helpers';

const input = () => ({ uri: 'file:///examples/hybrid-cloud-kerberos-trust.whfb.yaml', version: 1, text: example('hybrid-cloud-kerberos-trust.whfb.yaml') });

test('symbols: tenantId, deployment with its keys, settings by node name with values', () => {
  const symbols = service().documentSymbols(input());
  assert.deepEqual(symbols.map((s) => s.name), ['tenantId', 'deployment', 'settings']);
  assert.deepEqual(symbols[1].children?.map((s) => `${s.name}=${s.detail}`), ['model=hybrid', 'trust=cloud-kerberos', 'join=hybrid', 'authentication=password-hash-sync', 'management=intune', 'minimumOsBuild=10.0.22621']);
  assert.deepEqual(symbols[2].children?.map((s) => `${s.name}=${s.detail}`), ['UsePassportForWork=true', 'UseCloudTrustForOnPremAuth=true', 'RequireSecurityDevice=true', 'CloudKerberosTicketRetrievalEnabled=1']);
  assert.equal(symbols[2].children?.[0].selectionRange.start.line, 13);
});

test('links: each OMA-URI to its CSP reference section, rule codes to their source', () => {
  const text = `${input().text.replace('settings:\n', 'settings:\n  # whfb-ignore WHFB190\n')}`;
  const links = service().documentLinks({ ...input(), text });
  assert.ok(links.some((link) => /passportforwork-csp#devicetenantidpoliciesusepassportforwork$/.test(link.target)));
  assert.ok(links.some((link) => /policy-csp-kerberos/.test(link.target)));
  // One link per OMA-URI, on its leaf segment only (issue 12 point 10).
  const use = links.find((link) => /usepassportforwork$/.test(link.target))!;
  const line = text.split('\n')[use.range.start.line]!;
  assert.equal(line.slice(use.range.start.character, use.range.end.character), 'UsePassportForWork');
  assert.equal(links.filter((link) => link.range.start.line === use.range.start.line).length, 1);
  const rule = links.find((link) => link.range.start.line === 13);
  assert.match(rule?.target ?? '', /policy-settings#use-a-hardware-security-device/);
  assert.deepEqual(rule?.range, { start: { line: 13, character: 16 }, end: { line: 13, character: 23 } });
});

test('folding: deployment, the settings list, each entry', () => {
  const ranges = service().foldingRanges(input()).map((r) => `${r.startLine}-${r.endLine}`);
  assert.ok(ranges.includes('5-11'), `deployment folds (${ranges.join(', ')})`);
  assert.ok(ranges.includes('12-28'), 'settings fold');
  assert.ok(ranges.includes('13-16'), 'an entry folds');
});

test('policySummary: the checklist model and each setting with its group and problems', () => {
  const ls = service();
  const summary = ls.policySummary(input());
  assert.equal(summary?.deploymentModel, 'hybrid-cloud-kerberos-trust');
  assert.equal(summary?.tenantId, '3f2504e0-4f89-11d3-9a0c-0305e82c3301');
  assert.deepEqual(summary?.settings.map((s) => `${s.label} ${s.group} ${s.value}`), [
    'UsePassportForWork PassportForWork/Policies true',
    'UseCloudTrustForOnPremAuth PassportForWork/Policies true',
    'RequireSecurityDevice PassportForWork/Policies true',
    'CloudKerberosTicketRetrievalEnabled Policy/Kerberos 1',
  ]);
  const broken = ls.policySummary({ ...input(), uri: 'file:///b.whfb.yaml', text: input().text.replace('value: 1\n', 'value: 7\n') });
  assert.deepEqual(broken?.settings[3].problems.map((p) => p.code), ['WHFB103']);
});
