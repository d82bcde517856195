import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_NESTING_DEPTH, parseJson, property, type AstNode } from '../../../server/src/formats/jsonAst';
import { parseYamlAst } from '../../../server/src/formats/jsonAstFromYaml';

test('JSON strings carry the range of their text inside the quotes', () => {
  const text = '{ "omaUri": "./Device/Vendor/MSFT/PassportForWork", "n": -1.5e2, "b": true, "z": null }';
  const { root, errors } = parseJson(text);
  assert.deepEqual(errors, []);
  const uri = property(root, 'omaUri');
  assert.equal(uri?.kind, 'string');
  if (uri?.kind !== 'string') return;
  assert.equal(text.slice(uri.valueRange.start, uri.valueRange.end), './Device/Vendor/MSFT/PassportForWork');
  const at = text.indexOf('-1.5e2');
  assert.deepEqual(property(root, 'n'), { kind: 'number', range: { start: at, end: at + 6 }, value: -150, raw: '-1.5e2' });
  assert.equal(property(root, 'b')?.kind, 'boolean');
  assert.equal(property(root, 'z')?.kind, 'null');
});

test('JSON escapes are decoded and the string is marked as not verbatim', () => {
  const { root } = parseJson('{"a": "x\\u0027y\\n"}');
  const a = property(root, 'a');
  assert.equal(a?.kind === 'string' && a.value, "x'y\n");
  assert.equal(a?.kind === 'string' && a.verbatim, false);
});

test('a byte-order mark before the JSON is accepted', () => {
  assert.deepEqual(parseJson('\uFEFF{"a": 1}').errors, []);
});

test('syntax errors come back as one WHFB001 at the offending character, never a throw', () => {
  const cases: [string, string, string][] = [
    ['{"a": 1 "b": 2}', '"', 'Expected'],
    ['{"a": [1, 2,]}', ',', 'Trailing comma'],
    ['{"a": tru}', 'tru', 'Unexpected word'],
    ['{"a": "unterminated}\n', '"unterminated}', 'Unterminated string'],
    ['{"a": 1} x', 'x', 'after the end'],
  ];
  for (const [text, marked, message] of cases) {
    const { root, errors } = parseJson(text);
    assert.equal(root, undefined, text);
    assert.equal(errors.length, 1, text);
    assert.equal(errors[0]!.code, 'WHFB001');
    assert.match(errors[0]!.message, new RegExp(message));
    assert.equal(text.slice(errors[0]!.range.start, errors[0]!.range.end), marked, text);
  }
  const truncated = parseJson('{"settings": [');
  assert.equal(truncated.errors[0]!.code, 'WHFB001');
  assert.match(truncated.errors[0]!.message, /end of the JSON document/);
});

test('nesting deeper than the limit is refused with WHFB003 instead of overflowing the stack', () => {
  const deep = '['.repeat(MAX_NESTING_DEPTH + 10) + ']'.repeat(MAX_NESTING_DEPTH + 10);
  const { errors } = parseJson(deep);
  assert.equal(errors[0]?.code, 'WHFB003');
  assert.match(errors[0]!.message, /nested more than/);
  const veryDeep = '['.repeat(200_000);
  assert.equal(parseJson(veryDeep).errors[0]?.code, 'WHFB003');
});

test('a large JSON export parses into the full tree', () => {
  const items = Array.from({ length: 20_000 }, (_, i) => `{"omaUri": "./Device/Vendor/MSFT/PassportForWork/x/${i}", "value": ${i}}`);
  const { root, errors } = parseJson(`{"omaSettings": [${items.join(',')}]}`);
  assert.deepEqual(errors, []);
  const list = property(root, 'omaSettings');
  assert.equal(list?.kind === 'array' && list.items.length, 20_000);
});

test('YAML gives the same tree shape, with quoted and plain scalars located inside their quotes', () => {
  const text = "a: 'quoted'\nb: plain text\nc: 6\nd: true\nlist:\n  - x\n";
  const { root, errors } = parseYamlAst(text);
  assert.deepEqual(errors, []);
  const a = property(root, 'a');
  const b = property(root, 'b');
  assert.equal(a?.kind === 'string' && text.slice(a.valueRange.start, a.valueRange.end), 'quoted');
  assert.equal(b?.kind === 'string' && text.slice(b.valueRange.start, b.valueRange.end), 'plain text');
  assert.equal(property(root, 'c')?.kind, 'number');
  assert.equal(property(root, 'd')?.kind, 'boolean');
  assert.equal(property(root, 'list')?.kind, 'array');
});

test('YAML syntax errors come back as WHFB001 with the parser position', () => {
  const { errors } = parseYamlAst('settings:\n  - a: [1, 2\n');
  assert.equal(errors[0]?.code, 'WHFB001');
  assert.ok(errors[0]!.range.start >= 0);
});

test('hostile YAML flow nesting is refused with WHFB003 before the YAML parser sees it', () => {
  for (const text of ['a: ' + '['.repeat(100_000), "x: it's " + '{'.repeat(100_000), 'a: "unterminated ' + '['.repeat(10_000)]) {
    const { errors } = parseYamlAst(text);
    assert.equal(errors[0]?.code, 'WHFB003', text.slice(0, 20));
  }
  // Brackets inside quoted scalars and comments are text, not nesting.
  const quoted = `a: "${'['.repeat(1000)}"\nb: '${'{'.repeat(1000)}'\n# ${'['.repeat(1000)}\nc: [1, [2]]\n`;
  assert.deepEqual(parseYamlAst(quoted).errors, []);
});

/** The tree as plain data, read through the AstNode interface. */
function plain(node: AstNode | undefined): unknown {
  switch (node?.kind) {
    case 'object': return { range: node.range, properties: node.properties.map((prop) => ({ key: prop.key, keyRange: prop.keyRange, value: plain(prop.value) })) };
    case 'array': return { range: node.range, items: node.items.map(plain) };
    case 'string': return { range: node.range, value: node.value, valueRange: node.valueRange, verbatim: node.verbatim };
    default: return node;
  }
}

test('nested objects and arrays keep each their own entries and the ranges of their text', () => {
  const text = '{"a":[{"b":1,"c":[]},[2,{}],"x"],"d":{"e":{"f":"g"}},"h":3}';
  const at = (token: string, from = 0) => text.indexOf(token, from);
  const range = (start: number, end: number) => ({ start, end });
  const string = (value: string, start: number) => ({ range: range(start, start + value.length + 2), value, valueRange: range(start + 1, start + value.length + 1), verbatim: true });
  const number = (raw: string, start: number) => ({ kind: 'number', range: range(start, start + raw.length), value: Number(raw), raw });
  const key = (name: string) => range(at(`"${name}"`) + 1, at(`"${name}"`) + 1 + name.length);
  assert.deepEqual(plain(parseJson(text).root), {
    range: range(0, text.length),
    properties: [
      { key: 'a', keyRange: key('a'), value: { range: range(at('['), at('"d"') - 1), items: [
        { range: range(at('{"b"'), at(']},') + 2), properties: [
          { key: 'b', keyRange: key('b'), value: number('1', at('1')) },
          { key: 'c', keyRange: key('c'), value: { range: range(at('[]'), at('[]') + 2), items: [] } },
        ] },
        { range: range(at('[2'), at('}]') + 2), items: [number('2', at('2')), { range: range(at('{}'), at('{}') + 2), properties: [] }] },
        string('x', at('"x"')),
      ] } },
      { key: 'd', keyRange: key('d'), value: { range: range(at('{"e"'), at('}}') + 2), properties: [
        { key: 'e', keyRange: key('e'), value: { range: range(at('{"f"'), at('}}') + 1), properties: [
          { key: 'f', keyRange: key('f'), value: string('g', at('"g"')) },
        ] } },
      ] } },
      { key: 'h', keyRange: key('h'), value: number('3', at('3')) },
    ],
  });
});
