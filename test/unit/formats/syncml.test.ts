import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { syncmlAdapter } from '../../../server/src/formats/syncml';
import { parseXml, elementText, childElement, scanXml, NO_ELEMENT, type XmlElement } from '../../../server/src/formats/xmlScanner';
import { catalog, fixture, positionAt, settingEndingWith, textAt } from './fixtures';

test('a SyncML document with Atomic, Replace, Add and Get is detected and read', () => {
  const input = fixture('syncml/whfb-cloud-kerberos.syncml.xml');
  assert.equal(syncmlAdapter.detect(input), 'syncml');
  const model = syncmlAdapter.parse(input.text, 'syncml', catalog);
  assert.deepEqual(model.findings, []);
  assert.equal(model.settings.length, 5);
  assert.ok(model.settings.every((setting) => setting.node));
  assert.deepEqual(model.settings.map((setting) => setting.value?.value), [true, true, true, 1, undefined]);
  assert.deepEqual(model.settings.map((setting) => setting.type?.normalized), ['bool', 'bool', 'bool', 'int', undefined]);
});

test('the LocURI range is the trimmed OMA-URI text, even when the element spans lines', () => {
  const { text } = fixture('syncml/whfb-cloud-kerberos.syncml.xml');
  const model = syncmlAdapter.parse(text, 'syncml', catalog);
  const cloudTrust = settingEndingWith(model, 'UseCloudTrustForOnPremAuth');
  assert.equal(textAt(text, cloudTrust.omaUri!.range), './Device/Vendor/MSFT/PassportForWork/3f2504e0-4f89-11d3-9a0c-0305e82c3301/Policies/UseCloudTrustForOnPremAuth');
  assert.deepEqual(positionAt(text, cloudTrust.omaUri!.range.start), { line: 24, character: 14 });
  const first = model.settings[0]!;
  assert.deepEqual(positionAt(text, first.omaUri!.range.start), { line: 10, character: 20 });
  assert.equal(textAt(text, first.type!.range), 'bool');
  assert.equal(textAt(text, first.value!.range), 'true');
});

test('CDATA data is read as the value, with the range inside the CDATA markers', () => {
  const { text } = fixture('syncml/whfb-cloud-kerberos.syncml.xml');
  const model = syncmlAdapter.parse(text, 'syncml', catalog);
  const requireDevice = settingEndingWith(model, 'RequireSecurityDevice');
  assert.equal(requireDevice.value?.value, true);
  assert.equal(text.slice(requireDevice.value!.range.start - 9, requireDevice.value!.range.end + 3), '<![CDATA[true]]>');
});

test('a Get carries no value and is not judged as a setting', () => {
  const { text } = fixture('syncml/whfb-cloud-kerberos.syncml.xml');
  const model = syncmlAdapter.parse(text, 'syncml', catalog);
  const get = model.settings[4]!;
  assert.equal(get.value, undefined);
  assert.equal(get.type, undefined);
  assert.ok(get.ignoredCodes.includes('WHFB106'));
  assert.ok(get.ignoredCodes.includes('WHFB150'));
});

test('malformed XML gives one WHFB001 on the mismatched end tag, and no settings', () => {
  const { text } = fixture('syncml/malformed.syncml.xml');
  const model = syncmlAdapter.parse(text, 'syncml', catalog);
  assert.equal(model.settings.length, 0);
  assert.equal(model.findings.length, 1);
  assert.equal(model.findings[0]!.code, 'WHFB001');
  assert.equal(textAt(text, model.findings[0]!.range), '</Itme>');
  assert.deepEqual(positionAt(text, model.findings[0]!.range.start), { line: 8, character: 6 });
});

test('a DOCTYPE is skipped and its entities are never expanded', () => {
  const { text } = fixture('syncml/doctype-entities.syncml.xml');
  const model = syncmlAdapter.parse(text, 'syncml', catalog);
  assert.deepEqual(model.findings, []);
  assert.equal(model.settings.length, 1);
  // Declared entities stay as written; only the predefined ones and numeric references decode.
  assert.equal(model.settings[0]!.value?.value, '&lol2;&ext;&A');
});

test('the XML scanner reports unknown entities, bare ampersands and unclosed elements as WHFB001', () => {
  const cases: [string, string][] = [
    ['<a>&nbsp;</a>', '&nbsp;'],
    ['<a>x & y</a>', '&'],
    ['<a><b></a>', '</a>'],
    ['<a>', 'a'],
    ['<a/><b/>', '<b'],
    ['<a x=1/>', 'x'],
    ['<!-- open', '<!--'],
  ];
  for (const [text, marked] of cases) {
    const { root, errors } = parseXml(text);
    assert.equal(root, undefined, text);
    assert.equal(errors[0]?.code, 'WHFB001', text);
    assert.equal(textAt(text, errors[0]!.range), marked, text);
  }
});

test('the XML scanner handles prefixes, comments, processing instructions and entities in text', () => {
  const text = '<?xml version="1.0"?><!-- c --><s:SyncML xmlns:s="x"><s:LocURI> a&amp;b&#x41; </s:LocURI></s:SyncML>';
  const { root, errors } = parseXml(text);
  assert.deepEqual(errors, []);
  assert.equal(root?.localName, 'SyncML');
  const locUri = childElement(root, 'LocURI')!;
  const value = elementText(text, locUri)!;
  assert.equal(value.value, 'a&bA');
  assert.equal(textAt(text, value.range), 'a&amp;b&#x41;');
});

test('deep nesting and a large document are scanned without recursion', () => {
  const deep = '<a>'.repeat(100_000) + '</a>'.repeat(100_000);
  assert.deepEqual(parseXml(deep).errors, []);
  const items = Array.from({ length: 5_000 }, (_, i) =>
    `<Replace><Item><Target><LocURI>./Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies/PINComplexity/MinimumPINLength</LocURI></Target><Meta><Format xmlns="syncml:metinf">int</Format></Meta><Data>${i % 100}</Data></Item></Replace>`);
  const text = `<SyncML><SyncBody>${items.join('\n')}</SyncBody></SyncML>`;
  const model = syncmlAdapter.parse(text, 'syncml', catalog);
  assert.equal(model.settings.length, 5_000);
});

test('SyncML shape problems are WHFB002', () => {
  const noBody = syncmlAdapter.parse('<SyncML><SyncHdr/></SyncML>', 'syncml', catalog);
  assert.equal(noBody.findings[0]?.code, 'WHFB002');
  const noTarget = syncmlAdapter.parse('<SyncML><SyncBody><Replace><Item><Data>1</Data></Item></Replace></SyncBody></SyncML>', 'syncml', catalog);
  assert.equal(noTarget.findings[0]?.code, 'WHFB002');
});

test('only documents whose root element is SyncML are claimed', () => {
  assert.equal(syncmlAdapter.detect({ uri: 'file:///a.xml', text: '<?xml version="1.0"?>\n<!DOCTYPE x [ <!ENTITY a "b"> ]>\n<syncml:SyncML xmlns:syncml="SYNCML:SYNCML1.2"/>' }), 'syncml');
  assert.equal(syncmlAdapter.detect({ uri: 'file:///a.xml', text: '<Project Sdk="Microsoft.NET.Sdk"></Project>' }), undefined);
  assert.equal(syncmlAdapter.detect({ uri: 'file:///a.json', text: '<SyncML/>' }), undefined);
});

/** Every XML fixture of the repository, for comparing the scanner's two views of a document. */
function xmlFixtures(dir = join(__dirname, '..', '..', 'fixtures')): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return xmlFixtures(path);
    return name.endsWith('.xml') ? [path] : [];
  });
}

test('the scanned table answers what the element tree answers: names, ranges, children and text', () => {
  const paths = xmlFixtures();
  assert.ok(paths.length > 20, 'the repository has XML fixtures');
  // Entities, CDATA, prefixes, mixed-case names and a fragment, beside the fixtures.
  const extra = '<s:SyncML xmlns:s="x"><s:SyncBody><Replace><Item><Target><LocURI> a&amp;b <![CDATA[<c>]]> d </LocURI></Target><META><format>int</format></META><Data><x/>1</Data></Item></Replace></s:SyncBody></s:SyncML>';
  // Text trimmed in place must cut what trim() cuts: Unicode spaces go, U+180E (no longer a space) stays.
  const spaces = '<SyncML><SyncBody><Add><Item><Target><LocURI>\u00a0\u2003\ufeff./Device/Vendor/MSFT/PassportForWork\u3000\u2029</LocURI></Target><Data>\u180e 1 \u180e</Data><Meta>\t\v\f<Format>\u205f</Format></Meta></Item></Add></SyncBody></SyncML>';
  const texts = [...paths.map((path) => readFileSync(path, 'utf8')), extra, spaces];
  for (const text of texts) {
    for (const fragment of [false, true]) {
      const scanned = scanXml(text, { fragment });
      const tree = parseXml(text, { fragment });
      assert.deepEqual(scanned.errors, tree.errors);
      const document = scanned.document;
      if (!document || !tree.root) continue;
      const pending: [number, XmlElement][] = [[document.root, tree.root]];
      while (pending.length > 0) {
        const [element, node] = pending.pop()!;
        assert.equal(document.name(element), node.name);
        assert.equal(document.localName(element), node.localName);
        assert.deepEqual([document.range(element), document.nameRange(element), document.contentRange(element)], [node.range, node.nameRange, node.contentRange]);
        assert.deepEqual(document.textOf(element), elementText(text, node));
        const children: number[] = [];
        for (let child = document.firstChild(element); child !== NO_ELEMENT; child = document.nextSibling(child)) children.push(child);
        assert.equal(children.length, node.children.length);
        for (const name of new Set(node.children.map((child) => child.localName.toUpperCase()))) {
          assert.equal(children.indexOf(document.child(element, name.toLowerCase())), node.children.indexOf(childElement(node, name)!));
        }
        children.forEach((child, index) => pending.push([child, node.children[index]!]));
      }
    }
  }
});
