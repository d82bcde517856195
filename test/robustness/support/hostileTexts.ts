/**
 * Hostile and odd documents, built in memory at test time (nothing big is committed): size,
 * binary, alias bombs, deep nesting, conflict markers, external entities, giant OMA-URIs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './corpus';

export const CLEAN_POLICY = readFileSync(join(REPO_ROOT, 'examples', 'hybrid-cloud-kerberos-trust.whfb.yaml'), 'utf8');
export const PASSPORT = './Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies/UsePassportForWork';

/** "Billion laughs": ten levels of nine aliases each, 9^9 values if expanded. */
export function yamlAliasBomb(prefix: string, lastKey: string): string {
  const lines = [prefix, 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
  for (let level = 1; level < 10; level++) {
    const name = String.fromCharCode(97 + level);
    const previous = `*${String.fromCharCode(96 + level)}`;
    lines.push(`${name}: &${name} [${Array(9).fill(previous).join(', ')}]`);
  }
  lines.push(`${lastKey}: *j`);
  return `${lines.join('\n')}\n`;
}

export function bytesWithNul(length: number): Buffer {
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) bytes[i] = (i * 7919 + 13) % 256;
  return bytes;
}

/** A custom profile whose setting value nests `depth` arrays. */
export function deepJson(depth: number): string {
  return `{"@odata.type": "#microsoft.graph.windows10CustomConfiguration", "omaSettings": [{"@odata.type": "#microsoft.graph.omaSettingInteger", "omaUri": "${PASSPORT}", "value": ${'['.repeat(depth)}${']'.repeat(depth)}}]}`;
}

export function deepYamlFlow(depth: number): string {
  return `whfb: 1\nsettings: ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
}

export function deepSyncml(depth: number): string {
  return `<SyncML><SyncBody><Replace><CmdID>1</CmdID><Item><Target><LocURI>${PASSPORT.replace('{TenantId}', '3f2504e0-4f89-11d3-9a0c-0305e82c3301')}</LocURI></Target>`
    + `<Data>${'<x>'.repeat(depth)}${'</x>'.repeat(depth)}</Data></Item></Replace></SyncBody></SyncML>\n`;
}

export const TENANT = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';

/** SyncML with a DTD: an external entity naming a local file and a URL, and an internal entity bomb. */
export function syncmlWithEntities(systemPath: string, url: string): string {
  const uri = PASSPORT.replace('{TenantId}', TENANT);
  return `<?xml version="1.0"?>
<!DOCTYPE SyncML [
  <!ENTITY local SYSTEM "file://${systemPath}">
  <!ENTITY remote SYSTEM "${url}">
  <!ENTITY % param SYSTEM "${url}/param.dtd">
  %param;
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<SyncML xmlns="SYNCML:SYNCML1.2">
  <SyncBody>
    <Replace>
      <CmdID>1</CmdID>
      <Item>
        <Target><LocURI>${uri}</LocURI></Target>
        <Meta><Format xmlns="syncml:metinf">bool</Format></Meta>
        <Data>&local;</Data>
      </Item>
      <Item>
        <Target><LocURI>./Device/Vendor/MSFT/PassportForWork/${TENANT}/Policies/RequireSecurityDevice</LocURI></Target>
        <Meta><Format xmlns="syncml:metinf">bool</Format></Meta>
        <Data>&remote;&lol3;</Data>
      </Item>
    </Replace>
    <Final/>
  </SyncBody>
</SyncML>
`;
}

export function conflicted(text: string): string {
  return text.replace('settings:', '<<<<<<< HEAD\nname: ours\n=======\nname: theirs\n>>>>>>> feature/pin\nsettings:');
}
