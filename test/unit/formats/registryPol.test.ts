/**
 * The registry.pol reader on files built byte by byte: every value type the Group Policy editor
 * writes, the deletion markers, and broken files (truncated at every byte, a wrong bracket, a
 * wrong header), which end in a problem at the byte where the file breaks, never a throw or a hang.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { registryPolBytes, registryPolRecord, REGISTRY_POL_HEADER } from '../../../scripts/fixtures/registryPolBytes';
import { bytesAsLatin1, decodeFileBytes, isRegistryPolBytes } from '../../../shared/decodeText';
import { readRegistryPol, REG_BINARY, REG_DWORD, REG_EXPAND_SZ, REG_MULTI_SZ, REG_QWORD, REG_SZ } from '../../../server/src/formats/registryPol';

const KEY = 'SOFTWARE\\Policies\\Microsoft\\PassportForWork';

test('every value type is read with its key, value name and data', () => {
  const text = decodeFileBytes(registryPolBytes([
    { key: KEY, value: 'Enabled', type: 'REG_DWORD', data: 1 },
    { key: KEY, value: 'Name', type: 'REG_SZ', data: 'Contoso – Hello' },
    { key: KEY, value: 'Path', type: 'REG_EXPAND_SZ', data: '%SystemRoot%\\x' },
    { key: KEY, value: 'Lines', type: 'REG_MULTI_SZ', data: ['a', 'b c'] },
    { key: KEY, value: 'Big', type: 'REG_QWORD', data: 0x1_0000_0002n },
    { key: KEY, value: 'Huge', type: 'REG_QWORD', data: 0xffff_ffff_ffff_ffffn },
    { key: KEY, value: 'Blob', type: 'REG_BINARY', data: new Uint8Array([0xde, 0xad, 0xbe]) },
    { key: KEY, value: 'Max', type: 'REG_DWORD', data: 0xffffffff },
  ]));
  const { records, problems } = readRegistryPol(text);
  assert.deepEqual(problems, []);
  assert.deepEqual(records.map((r) => [r.key, r.valueName, r.type, r.data]), [
    [KEY, 'Enabled', REG_DWORD, 1],
    [KEY, 'Name', REG_SZ, 'Contoso – Hello'],
    [KEY, 'Path', REG_EXPAND_SZ, '%SystemRoot%\\x'],
    [KEY, 'Lines', REG_MULTI_SZ, ['a', 'b c']],
    [KEY, 'Big', REG_QWORD, 0x1_0000_0002],
    [KEY, 'Huge', REG_QWORD, '18446744073709551615'],
    [KEY, 'Blob', REG_BINARY, 'deadbe'],
    [KEY, 'Max', REG_DWORD, 4294967295],
  ]);
});

test('offsets are byte offsets: a record, its value name and its data stand where they are in the file', () => {
  const first = registryPolRecord({ key: KEY, value: 'Enabled', type: 'REG_DWORD', data: 1 });
  const bytes = registryPolBytes([{ key: KEY, value: 'Enabled', type: 'REG_DWORD', data: 1 }, { key: KEY, value: 'UseCloudTrustForOnPremAuth', type: 'REG_DWORD', data: 1 }]);
  const text = decodeFileBytes(bytes);
  assert.equal(text.length, bytes.length);
  const [one, two] = readRegistryPol(text).records;
  assert.deepEqual(one!.range, { start: 8, end: 8 + first.length });
  assert.equal(two!.range.start, 8 + first.length);
  assert.equal(bytes.subarray(two!.valueNameRange.start, two!.valueNameRange.end).toString('utf16le'), 'UseCloudTrustForOnPremAuth');
  assert.equal(bytes.readUInt32LE(two!.dataRange.start), 1);
});

test('deletion markers and special value names are actions, not values', () => {
  const text = decodeFileBytes(registryPolBytes([
    { key: KEY, value: '**del.UseCertificateForOnPremAuth', type: 'REG_SZ', data: ' ' },
    { key: KEY, value: '**delvals.', type: 'REG_SZ', data: ' ' },
    { key: KEY, value: '**DeleteValues', type: 'REG_SZ', data: 'A;B' },
    { key: KEY, value: '**DeleteKeys', type: 'REG_SZ', data: 'Sub' },
    { key: KEY, value: '**soft.Enabled', type: 'REG_DWORD', data: 1 },
    { key: KEY, value: '**SecureKey', type: 'REG_DWORD', data: 1 },
    { key: KEY, value: '', type: 'REG_SZ', data: new Uint8Array([]) },
  ]));
  assert.deepEqual(readRegistryPol(text).records.map((r) => [r.action, r.valueName]), [
    ['delete', 'UseCertificateForOnPremAuth'], ['delete-all', ''], ['delete-values', ''], ['delete-keys', ''], ['soft-set', 'Enabled'], ['secure-key', ''], ['create-key', ''],
  ]);
});

test('a file cut at any byte keeps the whole records before the cut and reports where it ends', () => {
  const bytes = registryPolBytes([
    { key: KEY, value: 'Enabled', type: 'REG_DWORD', data: 1 },
    { key: `${KEY}\\PINComplexity`, value: 'MinimumPINLength', type: 'REG_DWORD', data: 6 },
  ]);
  const firstEnd = 8 + registryPolRecord({ key: KEY, value: 'Enabled', type: 'REG_DWORD', data: 1 }).length;
  for (let length = 8; length < bytes.length; length++) {
    const { records, problems } = readRegistryPol(bytesAsLatin1(bytes.subarray(0, length)));
    assert.equal(records.length, length >= firstEnd ? 1 : 0, `cut at ${length}`);
    if (length === 8 || length === firstEnd) {
      assert.deepEqual(problems, [], `cut at ${length} is a record boundary`);
      continue;
    }
    assert.equal(problems.length, 1, `cut at ${length}`);
    assert.match(problems[0]!.message, /^registry\.pol is truncated at byte \d+/);
    assert.ok(problems[0]!.range.start >= (length >= firstEnd ? firstEnd : 8) && problems[0]!.range.start <= length, `cut at ${length}: ${problems[0]!.range.start}`);
  }
  const cutInSecond = readRegistryPol(bytesAsLatin1(bytes.subarray(0, bytes.length - 3))).problems[0]!;
  assert.match(cutInSecond.message, /the record for key "SOFTWARE\\Policies\\Microsoft\\PassportForWork\\PINComplexity"/);
});

test('a corrupt record (a wrong separator, a size beyond the file, a DWORD of 3 bytes) is reported, not thrown', () => {
  const good = registryPolRecord({ key: KEY, value: 'Enabled', type: 'REG_DWORD', data: 1 });
  const wrongBracket = Buffer.concat([REGISTRY_POL_HEADER, good, Buffer.from('(', 'utf16le'), good.subarray(2)]);
  const bracket = readRegistryPol(bytesAsLatin1(wrongBracket));
  assert.equal(bracket.records.length, 1);
  assert.match(bracket.problems[0]!.message, /corrupt at byte \d+: expected "\[" at the start of a record, found "\("/);
  assert.equal(bracket.problems[0]!.range.start, 8 + good.length);

  const hugeSize = Buffer.from(good);
  const sizeAt = good.length - 2 - 4 - 2 - 4; // ... ;size;data]
  hugeSize.writeUInt32LE(0xfffffff0, sizeAt);
  const size = readRegistryPol(bytesAsLatin1(Buffer.concat([REGISTRY_POL_HEADER, hugeSize])));
  assert.equal(size.records.length, 0);
  assert.match(size.problems[0]!.message, /truncated .* in the data \(4294967280 bytes announced/);

  const short = readRegistryPol(decodeFileBytes(registryPolBytes([{ key: KEY, value: 'Enabled', type: 'REG_DWORD', data: new Uint8Array([1, 0, 0]) }])));
  assert.equal(short.records.length, 1);
  assert.match(short.problems[0]!.message, /PassportForWork\\Enabled: a REG_DWORD holds 4 bytes, this one 3/);
});

test('only a PReg version 1 header is a registry.pol; other bytes decode as text as before', () => {
  assert.ok(isRegistryPolBytes(REGISTRY_POL_HEADER));
  assert.ok(!isRegistryPolBytes(Buffer.from([0x50, 0x52, 0x65, 0x67, 0x02, 0, 0, 0])));
  assert.equal(decodeFileBytes(Buffer.from('PReg is a word', 'utf8')), 'PReg is a word');
  assert.equal(decodeFileBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('héllo', 'utf16le'), Buffer.from([0x41])])), 'héllo');
  assert.equal(decodeFileBytes(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('hi', 'utf16le').swap16()])), 'hi');
  assert.equal(decodeFileBytes(Buffer.from([0xef, 0xbb, 0xbf, 0x61])), 'a');
  assert.match(readRegistryPol('not a pol').problems[0]!.message, /not a registry\.pol/);
});

test('a large registry.pol is read in one linear pass', () => {
  const records = Array.from({ length: 20000 }, (_, i) => ({ key: `${KEY}\\K${i}`, value: `V${i}`, type: 'REG_DWORD' as const, data: i }));
  const result = readRegistryPol(decodeFileBytes(registryPolBytes(records)));
  assert.equal(result.records.length, 20000);
  assert.deepEqual(result.problems, []);
});
