/**
 * An edit re-checks only the settings it touched and reuses the findings, rendered fixes and
 * diagnostics of the others (rules/runRules.ts, service/languageService.ts). What a user sees must
 * not depend on that: after every edit, the diagnostics equal those of a fresh service opening the
 * same text, on files with thousands of findings, for edits that keep, shift and add lines.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { getLanguageService } from '../../../server/src/service/languageService';
import { harshPolicies, loadCatalog, syntheticPolicy } from '../../../bench/syntheticPolicies';

const ROOT = join(__dirname, '..', '..', '..');

function edits(text: string): string[] {
  const lines = text.split('\n');
  const middle = lines.findIndex((line, index) => index > lines.length / 2 && /^\s+value: /.test(line));
  const typeLine = lines.findIndex((line, index) => index > lines.length / 3 && /^\s+type: /.test(line));
  const omaLine = lines.findIndex((line, index) => index > lines.length / 4 && /^\s+- omaUri: /.test(line));
  const versions: string[] = [];
  const apply = (index: number, line: string) => {
    lines[index] = line;
    versions.push(lines.join('\n'));
  };
  const value = lines[middle];
  apply(middle, value.replace(/value: .*/, 'value: 1'));
  apply(middle, value.replace(/value: .*/, 'value: 0'));
  apply(middle, value.replace(/value: .*/, 'value: 12345'));
  apply(middle, value.replace(/value: .*/, 'value: true'));
  apply(typeLine, lines[typeLine].replace(/type: .*/, 'type: chr'));
  apply(typeLine, lines[typeLine].replace(/type: .*/, 'type: bool'));
  apply(omaLine, `${lines[omaLine]}x`);
  apply(omaLine, lines[omaLine].slice(0, -1));
  // A new entry (lines move), then a ignore comment above an entry, then both gone.
  const indent = value.match(/^\s*/)![0].slice(2);
  apply(middle, `${value}\n${indent}- omaUri: ./Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies/UsePassportForWork\n${indent}  type: bool\n${indent}  value: false`);
  apply(omaLine, `${indent}# whfb-ignore WHFB101, WHFB102, WHFB103, WHFB150\n${lines[omaLine]}`);
  apply(omaLine, lines[omaLine].split('\n')[1]);
  apply(middle, value);
  return versions;
}

/**
 * Each version validated in turn by one service (reusing what it can), each compared with a fresh
 * service's open of the same text; `check` adds assertions on the reused answer.
 */
function assertEveryVersionAsFresh(name: string, uri: string, text: string, versions: readonly string[], check?: (got: ReturnType<ReturnType<typeof getLanguageService>['validate']>) => void): void {
  const editing = getLanguageService();
  editing.validate({ uri, version: 1, text });
  versions.forEach((version, index) => {
    const got = editing.validate({ uri, version: index + 2, text: version });
    const fresh = getLanguageService().validate({ uri, version: 1, text: version });
    check?.(got);
    assert.deepStrictEqual(got, fresh, `${name}, edit ${index + 1}`);
  });
}

test('after every edit the diagnostics equal a fresh open of the same text', () => {
  const catalog = loadCatalog(join(ROOT, 'data', 'generated', 'catalog.json'));
  const files = [syntheticPolicy(catalog, { name: 'synthetic-800', settings: 800 }), ...harshPolicies(catalog, 800)];
  for (const file of files) assertEveryVersionAsFresh(file.name, `file:///bench/${file.name}.whfb.yaml`, file.text, edits(file.text));
});

/**
 * Edits to what the whole-model rules read (trust flags, PIN lengths, the tenant) and, while their
 * findings stand, to settings they do not read: runRules hands back their last findings only when
 * nothing they read changed (Rule.reads).
 */
function wholeModelEdits(text: string): string[] {
  const lines = text.split('\n');
  const versions: string[] = [];
  const save = () => versions.push(lines.join('\n'));
  const valueAfter = (pattern: RegExp) => lines.findIndex((line, index) => pattern.test(line) && index > 0) + 2;
  const cloud = valueAfter(/UseCloudTrustForOnPremAuth$/);
  const cloudValue = lines[cloud];
  const middle = lines.findIndex((line, index) => index > lines.length / 2 && /^\s+value: \d+$/.test(line));
  const late = lines.findIndex((line, index) => index > (lines.length * 3) / 4 && /^\s+value: \d+$/.test(line));
  const middleValue = lines[middle];
  const lateValue = lines[late];
  const toggle = (line: string) => line.replace(/value: (\d+)$/, (_, digits: string) => `value: ${digits.slice(0, -1)}${digits.endsWith('1') ? '2' : '1'}`);
  const indent = middleValue.match(/^\s*/)![0].slice(2);
  const entry = (name: string, value: string) => `${indent}- omaUri: ./Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies/PINComplexity/${name}\n${indent}  type: int\n${indent}  value: ${value}`;
  // The trust flag off (WHFB130), then edits elsewhere that keep the length, move lines, and come back.
  if (cloud > 1) {
    lines[cloud] = cloudValue.replace('true', 'false');
    save();
  }
  lines[middle] = toggle(middleValue);
  save();
  lines[late] = toggle(lateValue);
  save();
  lines[late] = `${lateValue}\n${entry('MinimumPINLength', '12')}\n${entry('MaximumPINLength', '6')}`;
  save();
  lines[middle] = toggle(lines[middle]);
  save();
  lines[late] = `${lateValue}\n${entry('MinimumPINLength', '12')}\n${entry('MaximumPINLength', '16')}`;
  save();
  lines[late] = `${lateValue}\n${entry('MinimumPINLength', '12')}\n${entry('MaximumPINLength', '6')}`;
  save();
  lines[middle] = `${middleValue} `;
  save();
  if (cloud > 1) {
    lines[cloud] = cloudValue;
    save();
  }
  lines[late] = lateValue;
  save();
  // A second tenant in one OMA-URI (WHFB105), then gone; then no tenantId at all.
  const omaUri = lines.findIndex((line, index) => index > lines.length / 3 && line.includes('{TenantId}'));
  const omaUriLine = lines[omaUri];
  lines[omaUri] = omaUriLine.replace('{TenantId}', '11111111-2222-3333-4444-555555555555');
  save();
  lines[middle] = middleValue;
  save();
  lines[omaUri] = omaUriLine.replace('{TenantId}', '{11111111-2222-3333-4444-555555555555}');
  save();
  lines[middle] = toggle(middleValue);
  save();
  lines[omaUri] = omaUriLine;
  save();
  const tenant = lines.findIndex((line) => line.startsWith('tenantId:'));
  if (tenant >= 0) {
    const tenantLine = lines[tenant];
    lines[tenant] = '# no tenant';
    save();
    lines[middle] = toggle(middleValue);
    save();
    lines[tenant] = tenantLine;
    save();
  }
  return versions;
}

test('edits to what the trust, PIN and tenant rules read, and edits beside them, give a fresh open\'s diagnostics', () => {
  const catalog = loadCatalog(join(ROOT, 'data', 'generated', 'catalog.json'));
  const files = [syntheticPolicy(catalog, { name: 'synthetic-800', settings: 800 }), ...harshPolicies(catalog, 800)];
  for (const file of files) {
    const versions = wholeModelEdits(file.text);
    assert.ok(versions.length >= 12, `${file.name}: the edits were made`);
    assertEveryVersionAsFresh(file.name, `file:///bench/${file.name}.whfb.yaml`, file.text, versions);
  }
});

/**
 * Edits inside duplicates (WHFB150): the first entry of a repeated setting given the later value,
 * removed and put back, and a later entry given the first's value: the findings of every entry of
 * that setting change, and only theirs are judged again.
 */
function duplicateEdits(text: string): string[] {
  const lines = text.split('\n');
  const seen = new Map<string, number>();
  let first = -1;
  let later = -1;
  for (let index = 0; index < lines.length && later < 0; index++) {
    const omaUri = lines[index].match(/^\s+- omaUri: (.*)$/)?.[1];
    if (omaUri === undefined || !/^\s+value: /.test(lines[index + 2] ?? '')) continue;
    const at = seen.get(omaUri);
    if (at !== undefined && lines[at + 2] !== lines[index + 2]) [first, later] = [at, index];
    else if (at === undefined) seen.set(omaUri, index);
  }
  if (later < 0) return [];
  const versions: string[] = [];
  const firstValue = lines[first + 2];
  const laterValue = lines[later + 2];
  const save = () => versions.push(lines.join('\n'));
  // Lines of the same length keep every other entry's object (the incremental parse shifts none),
  // so only the edited buckets are judged again; the plain edits after them move lines.
  const padded = (line: string, length: number) => (line.length < length ? `${line}${' '.repeat(length - line.length)}` : line);
  const blank = (line: string) => `#${' '.repeat(Math.max(0, line.length - 1))}`;
  lines[first + 2] = padded(laterValue, firstValue.length);
  save();
  lines[first + 2] = firstValue;
  save();
  const entry = lines.slice(first, first + 3);
  lines.splice(first, 3, ...entry.map(blank));
  save();
  lines.splice(first, 3, ...entry);
  save();
  lines[later + 2] = padded(firstValue, laterValue.length);
  save();
  lines[later + 2] = laterValue;
  save();
  lines[first + 2] = laterValue;
  save();
  lines.splice(first, 3);
  save();
  lines.splice(first, 0, ...entry);
  save();
  return versions;
}

test('edits inside duplicates give a fresh open\'s diagnostics', () => {
  const catalog = loadCatalog(join(ROOT, 'data', 'generated', 'catalog.json'));
  const file = harshPolicies(catalog, 800).find((policy) => policy.name.startsWith('duplicates'))!;
  const versions = duplicateEdits(file.text);
  assert.equal(versions.length, 9, 'the file repeats a setting with another value');
  assertEveryVersionAsFresh('duplicates', 'file:///bench/duplicates.whfb.yaml', file.text, versions, (got) => {
    assert.notDeepStrictEqual(got.filter((item) => item.code === 'WHFB150'), [], 'duplicates are reported');
  });
});

test('a severity override and a rule turned off apply to reused findings too', () => {
  const catalog = loadCatalog(join(ROOT, 'data', 'generated', 'catalog.json'));
  const file = harshPolicies(catalog, 400).find((policy) => policy.name.startsWith('type-errors'))!;
  const uri = 'file:///bench/type-errors.whfb.yaml';
  const service = getLanguageService();
  const before = service.validate({ uri, version: 1, text: file.text });
  assert.ok(before.some((item) => item.code === 'WHFB102'));
  service.configure({ ruleSeverity: { WHFB102: 'hint', WHFB101: 'off' } });
  const after = service.validate({ uri, version: 1, text: file.text });
  assert.ok(after.every((item) => item.code !== 'WHFB101'));
  assert.ok(after.filter((item) => item.code === 'WHFB102').every((item) => item.severity === 4));
  const fresh = getLanguageService({ ruleSeverity: { WHFB102: 'hint', WHFB101: 'off' } }).validate({ uri, version: 1, text: file.text });
  assert.deepStrictEqual(after, fresh);
  service.configure({ ruleSeverity: {} });
  assert.deepStrictEqual(service.validate({ uri, version: 1, text: file.text }), before);
});

test('WHFB135 after edits to DisablePostLogonProvisioning and to the other trust settings: a fresh open\'s diagnostics, the untouched ones kept', () => {
  const catalog = loadCatalog(join(ROOT, 'data', 'generated', 'catalog.json'));
  const file = harshPolicies(catalog, 800).find((policy) => policy.name.startsWith('type-errors'))!;
  const lines = file.text.split('\n');
  const valuesOf = (node: string, value: string) => lines.flatMap((line, index) => (line.endsWith(`/${node}`) && lines[index + 2] === `    value: ${value}` ? [index + 2] : []));
  const postLogon = valuesOf('DisablePostLogonProvisioning', '1');
  const cloud = valuesOf('UseCloudTrustForOnPremAuth', 'true');
  assert.ok(postLogon.length >= 3 && cloud.length >= 1, 'the file turns post-logon provisioning off several times');
  const versions: string[] = [];
  // Whether the version keeps every line where it was, so untouched findings keep their diagnostics.
  const sameLines: boolean[] = [];
  const edited: number[] = [];
  const set = (index: number, value: string, keepsLines: boolean) => {
    lines[index] = lines[index].replace(/value: .*/, `value: ${value}`);
    versions.push(lines.join('\n'));
    sameLines.push(keepsLines);
    edited.push(index);
  };
  // Another trust flag (the trust rules run again, WHFB135's settings are untouched), then one of
  // WHFB135's own settings off and on without moving a line, then off with a longer value, and back.
  set(cloud[0], 'fals', true);
  set(cloud[0], 'true', true);
  set(postLogon[1], '0', true);
  set(postLogon[1], '1', true);
  set(postLogon[1], 'false', false);
  set(postLogon[1], '1', false);
  let before: ReturnType<ReturnType<typeof getLanguageService>['validate']> = [];
  let version = 0;
  assertEveryVersionAsFresh('post-logon', 'file:///bench/post-logon.whfb.yaml', file.text, versions, (got) => {
    const postLogonFindings = got.filter((item) => item.code === 'WHFB135');
    assert.ok(postLogonFindings.length >= postLogon.length - 1, 'WHFB135 is reported');
    if (version > 0 && sameLines[version]) {
      const kept = new Set(before);
      for (const item of postLogonFindings) {
        // The incremental parse may read the entries next to the edited one again (new objects).
        if (Math.abs(item.range.start.line - edited[version]) > 12) assert.ok(kept.has(item), `version ${version + 2}: WHFB135 on line ${item.range.start.line} is the diagnostic of the version before`);
      }
    }
    before = got;
    version++;
  });
});
