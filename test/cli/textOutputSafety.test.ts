/**
 * Text output is for a terminal: control characters from policy content and file names (ESC
 * sequences, an OSC 52 clipboard write, CR, erase-line, bidi overrides) are shown escaped, never
 * sent raw. JSON keeps the exact text (JSON escapes it itself).
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { escapeForTerminal } from '../../server/src/cli/terminalText';
import { FIXTURES, whfbLint, whfbLintJson } from './runWhfbLint';

const scratch = mkdtempSync(join(tmpdir(), 'whfb-lint-terminal-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

// Clear the line, return to its start, write to the clipboard, bell, reverse the rest of the line.
const HOSTILE = '\u001b[2K\r\u001b]52;c;ZXZpbA==\u0007\u202eevil\u2066\u009b31m\u007f';
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function hostileProfile(): string {
  const profile = readFileSync(join(FIXTURES, 'mixed', 'custom-profile.json'), 'utf8');
  const escaped = JSON.stringify(HOSTILE).slice(1, -1);
  return profile.replace('RequireSecurityDevise', `RequireSecurityDevise${escaped}`);
}

test('policy content with terminal escapes is printed escaped in text output, exact in JSON', () => {
  const dir = join(scratch, 'content');
  mkdirSync(dir);
  writeFileSync(join(dir, 'profile.json'), hostileProfile());
  const run = whfbLint(['profile.json'], dir);
  assert.equal(run.status, 1, run.stderr);
  assert.doesNotMatch(run.stdout, RAW_CONTROL, JSON.stringify(run.stdout));
  assert.match(run.stdout, /WHFB101 .*RequireSecurityDevise\\x1b\[2K\\r\\x1b\]52;c;ZXZpbA==\\x07\\u202eevil\\u2066\\x9b31m\\x7f/);
  assert.equal(run.stdout.trim().split('\n').length, 2, 'one finding line and the summary');
  const { report } = whfbLintJson(['profile.json'], dir);
  assert.ok(report.files[0].diagnostics.some((d: any) => d.message.includes(HOSTILE)), 'JSON keeps the exact text');
});

test('file names with terminal escapes are escaped in findings and on stderr', () => {
  const dir = join(scratch, 'names');
  mkdirSync(dir);
  const name = `evil\u001b]52;c;ZXZpbA==\u0007\r\u001b[2K.whfb.yaml`;
  writeFileSync(join(dir, name), readFileSync(join(FIXTURES, 'errors', 'unknown-node.whfb.yaml')));
  const run = whfbLint(['.', `missing\u001b[2J\r.whfb.yaml`], dir);
  assert.equal(run.status, 2);
  assert.doesNotMatch(run.stdout, RAW_CONTROL, JSON.stringify(run.stdout));
  assert.doesNotMatch(run.stderr, RAW_CONTROL, JSON.stringify(run.stderr));
  assert.match(run.stdout, /^evil\\x1b\]52;c;ZXZpbA==\\x07\\r\\x1b\[2K\.whfb\.yaml:\d+:\d+ error WHFB101 /m);
  assert.match(run.stderr, /cannot read missing\\x1b\[2J\\r\.whfb\.yaml: no such file/);
  const usage = whfbLint([`--format=\u001b[2J`], dir);
  assert.equal(usage.status, 2);
  assert.doesNotMatch(usage.stderr, RAW_CONTROL);
});

test('escapeForTerminal: every C0, DEL, C1 and bidi control is visible; other text is unchanged', () => {
  for (let code = 0; code < 0x2070; code++) {
    const char = String.fromCharCode(code);
    const escaped = escapeForTerminal(char);
    const isControl = code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x61c || code === 0x200e || code === 0x200f
      || (code >= 0x2028 && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
    if (isControl) assert.match(escaped, /^\\(x[0-9a-f]{2}|u[0-9a-f]{4}|t|n|r)$/, `U+${code.toString(16)}`);
    else assert.equal(escaped, char, `U+${code.toString(16)}`);
  }
  assert.equal(escapeForTerminal('Kerberos ✓ Überprüfung'), 'Kerberos ✓ Überprüfung');
});
