/**
 * One-line documents for the long-line bench rows and probes (issue 15, defects 4 and 5): what a
 * minifier, `ConvertTo-Json -Compress` or a SyncML dump writes. Built from the repository's own
 * fixtures by repetition, so they are deterministic and need no catalog.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const fixtures = join(__dirname, '..', 'test', 'fixtures');

export interface LongLineDocument {
  name: string;
  uri: string;
  languageId: string;
  text: string;
  /** A small document of the same format, for warming a server up. */
  warmUpText: string;
  /** A value the bench's edits toggle: [offset, the two spellings of the same length]. */
  edit: { offset: number; values: [string, string] };
}

/** A minified Settings Catalog export of about `bytes` characters on one line. */
export function oneLineSettingsCatalog(bytes: number, options: { loneCarriageReturn?: boolean } = {}): LongLineDocument {
  const policy = JSON.parse(readFileSync(join(fixtures, 'settings-catalog', 'cloud-kerberos-trust.json'), 'utf8')) as { settings: { id: string }[] };
  const base = policy.settings;
  // One setting in 25 names a definition the catalog lacks (a typo), so the document has findings
  // spread along the line and every one of them needs a position.
  const typo = JSON.parse(JSON.stringify(base[0]).replaceAll('cloudkerberosticketretrievalenabled', 'cloudkerberosticketretrievalenable')) as { id: string };
  const settings: { id: string }[] = [];
  let length = JSON.stringify(policy).length;
  for (let i = 0; length < bytes; i++) {
    const setting = { ...(i % 25 === 24 ? typo : base[i % base.length]!), id: String(i) };
    length += JSON.stringify(setting).length + 1;
    if (length > bytes && settings.length > 0) break;
    settings.push(setting);
  }
  policy.settings = settings;
  let text = JSON.stringify(policy);
  // A lone "\r" (an old Mac line end pasted in) early in the text: the rest is one long "line 1".
  if (options.loneCarriageReturn) text = text.replace('","', '",\r"');
  const marker = '"description":"';
  const at = text.indexOf(marker) + marker.length;
  return {
    name: `settings-catalog-one-line-${Math.round(text.length / 1024)}k${options.loneCarriageReturn ? '-lone-cr' : ''}`,
    uri: 'file:///bench/long/export.json',
    languageId: 'json',
    text,
    warmUpText: readFileSync(join(fixtures, 'settings-catalog', 'cloud-kerberos-trust.json'), 'utf8'),
    edit: { offset: at, values: ['P', 'Q'] },
  };
}

/** A SyncML document with `items` Replace commands, all on one line. */
export function oneLineSyncml(items: number): LongLineDocument {
  const nodes = ['UsePassportForWork', 'RequireSecurityDevice', 'UseCloudTrustForOnPremAuth', 'PINComplexity/MinimumPINLength'];
  const parts: string[] = ['<?xml version="1.0" encoding="utf-8"?><SyncML xmlns="SYNCML:SYNCML1.2"><SyncBody>'];
  for (let i = 0; i < items; i++) {
    const node = nodes[i % nodes.length]!;
    const isPin = node.includes('PIN');
    parts.push(
      `<Replace><CmdID>${i + 1}</CmdID><Item><Target><LocURI>./Device/Vendor/MSFT/PassportForWork/3f2504e0-4f89-11d3-9a0c-0305e82c3301/Policies/${node}</LocURI></Target>`
      + `<Meta><Format>${isPin ? 'int' : 'bool'}</Format></Meta><Data>${isPin ? '6' : 'true'}</Data></Item></Replace>`,
    );
  }
  parts.push('<Final/></SyncBody></SyncML>');
  const text = parts.join('');
  const marker = '<Data>true</Data>';
  const at = text.indexOf(marker) + '<Data>'.length;
  return {
    name: `syncml-one-line-${items}-items`,
    uri: 'file:///bench/long/policy.syncml.xml',
    languageId: 'xml',
    text,
    warmUpText: readFileSync(join(fixtures, 'syncml', 'whfb-cloud-kerberos.syncml.xml'), 'utf8'),
    edit: { offset: at, values: ['true', 'TRUE'] },
  };
}

/** A Markdown line with one unknown OMA-URI of about `bytes` characters: `./Device/Vendor/MSFT/PassportForWork/a/a/...`. */
export function longUnknownUriMarkdown(bytes: number): LongLineDocument {
  const head = './Device/Vendor/MSFT/PassportForWork/';
  const text = `# Notes\n\nSet ${head}${'a/'.repeat(Math.max(1, Math.floor((bytes - head.length) / 2)))}a here.\n`;
  return { name: `markdown-uri-${Math.round(text.length / 1024)}k`, uri: 'file:///bench/long/notes.md', languageId: 'markdown', text, warmUpText: '# Notes\n\nSet ./Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies/UsePassportForWork.\n', edit: { offset: 2, values: ['N', 'M'] } };
}

/** The text with the edit's `i`-th value in place. */
export function editedText(doc: LongLineDocument, i: number): string {
  const { offset, values } = doc.edit;
  const value = values[i % 2]!;
  return doc.text.slice(0, offset) + value + doc.text.slice(offset + values[0].length);
}
