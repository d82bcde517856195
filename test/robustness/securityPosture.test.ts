/**
 * Security posture, where a test can show it:
 * - the bundles open no network connection and start no process in our code paths: a static scan
 *   of dist/*.js, module by module (esbuild marks each with a "// node_modules/..." comment), with
 *   every allowed occurrence justified below; and a dynamic check: the real server and CLI run
 *   with a preloaded sentinel that records every connection, host lookup and process start;
 * - no code generated at run time (eval, new Function);
 * - the extension declares untrusted workspaces supported (it runs no workspace code);
 * - "****" and plain-text secrets in custom profiles are flagged (WHFB180, WHFB181);
 * - no telemetry.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getLanguageService } from '../../server/src/service/languageService';
import { CLI_BUNDLE, ensureBuilt, REPO_ROOT, SERVER_BUNDLE } from '../protocol/ensureBuilt';
import { LspTestClient, PUSH_CAPABILITIES } from '../protocol/lspTestClient';
import { CLEAN_POLICY, syncmlWithEntities } from './support/hostileTexts';

const DIST = join(REPO_ROOT, 'dist');
const SENTINEL = join(__dirname, 'support', 'sentinelPreload.cjs');

/** The bundle cut into its modules: esbuild starts each with a "// path/of/module.js" line. */
function modulesOf(bundle: string): { module: string; code: string }[] {
  const text = readFileSync(join(DIST, bundle), 'utf8');
  const parts: { module: string; code: string }[] = [];
  const marker = /^\/\/ ((?:node_modules|server|client|data|schemas|scripts)\/\S+)$/gm;
  let last = { module: '(bundle prelude)', start: 0 };
  for (let match = marker.exec(text); match; match = marker.exec(text)) {
    parts.push({ module: last.module, code: text.slice(last.start, match.index) });
    last = { module: match[1]!, start: match.index };
  }
  parts.push({ module: last.module, code: text.slice(last.start) });
  return parts;
}

/** Every bundle the product ships (scripts/build.mjs). */
const BUNDLES = ['server.js', 'service.js', 'service-features.js', 'cli.js', 'cli-engine.js', 'extension.js'];

const NETWORK_OR_PROCESS = /require\("(?:node:)?(http|https|http2|net|tls|dgram|child_process|vm)"\)|\bfetch\s*\(|\bWebSocket\b|\bXMLHttpRequest\b/g;

/**
 * Every allowed occurrence, by bundle and module, and why it is harmless.
 */
const ALLOWED: Record<string, Record<string, string>> = {
  'server.js': {
    // createConnection(ProposedFeatures.all) with --stdio reads process.stdin/stdout; net is
    // used only by the socket and named-pipe transports (--socket, --pipe), which we never start
    // (asserted dynamically below: no connect() while a whole session runs).
    'node_modules/vscode-jsonrpc/lib/node/main.js net': 'socket/pipe transports only; --stdio never calls them',
    // Files.resolveGlobalNodePath/resolveModulePath run `npm config get prefix` / `yarn global dir`;
    // server/src never calls them (asserted below) and no process starts in a session (sentinel).
    'node_modules/vscode-languageserver/lib/node/files.js child_process': 'Files.resolve* helpers, never called',
    // @vscode/l10n (its browser build in the server's bundles, scripts/build.mjs) fetches a bundle
    // only for config({ uri }); we always pass the bundle's contents (server/messageBundle.ts), never a uri.
    'node_modules/@vscode/l10n/dist/browser.js fetch': 'config({ uri }) only; we pass contents, never a uri',
  },
  // The language service, loaded by server.js after initialize: no network or process module but l10n's unused fetch.
  'service.js': {
    // @vscode/l10n (its browser build in the server's bundles, scripts/build.mjs) fetches a bundle
    // only for config({ uri }); we always pass the bundle's contents (server.ts), never a uri.
    'node_modules/@vscode/l10n/dist/browser.js fetch': 'config({ uri }) only; we pass contents, never a uri',
  },
  // The service's editor features and export formats, required by service.js on first use: nothing at all.
  'service-features.js': {},
  // whfb-lint's launcher: it starts a worker thread on the engine and requires it, nothing else.
  'cli.js': {},
  'cli-engine.js': {
    // @vscode/l10n fetches a bundle only for config({ uri }) with an http(s) uri; we always pass the
    // bundle's contents (server/messageBundle.ts, client extension.ts), never a uri.
    'node_modules/@vscode/l10n/dist/main.js fetch': 'config({ uri }) only; we pass contents, never a uri',
  },
  'extension.js': {
    'node_modules/vscode-jsonrpc/lib/node/main.js net': 'socket/pipe transports only; the client starts the server over stdio',
    // The language client starts our own bundled server (dist/server.js) with node: the one
    // process the extension starts, and never a workspace file.
    'node_modules/vscode-languageclient/lib/node/main.js child_process': 'starts dist/server.js over stdio',
    'node_modules/vscode-languageclient/lib/node/processes.js child_process': 'terminates the server process it started (taskkill on Windows)',
    // @vscode/l10n fetches a bundle only for config({ uri }) with an http(s) uri; we always pass the
    // bundle's contents (server/messageBundle.ts, client extension.ts), never a uri.
    'node_modules/@vscode/l10n/dist/main.js fetch': 'config({ uri }) only; we pass contents, never a uri',
  },
};

for (const bundle of BUNDLES) {
  test(`${bundle}: network and process modules appear only where justified`, () => {
    ensureBuilt();
    const found = new Set<string>();
    for (const { module, code } of modulesOf(bundle)) {
      for (const match of code.matchAll(NETWORK_OR_PROCESS)) found.add(`${module} ${match[1] ?? match[0].replace(/\s*\($/, '')}`);
    }
    const unexplained = [...found].filter((key) => !(key in ALLOWED[bundle]!));
    assert.deepEqual(unexplained, [], `${bundle}: unexplained network or process use`);
  });
}

test('server/src and client/src call no process, network or module-resolution API themselves', () => {
  const offenders: string[] = [];
  const walk = (directory: string) => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) {
        const text = readFileSync(path, 'utf8');
        for (const pattern of [/from '(node:)?(http|https|http2|net|tls|dgram|child_process|vm)'/, /\bfetch\s*\(/, /resolveGlobalNodePath|resolveModulePath|Files\.resolve/, /\beval\s*\(|new Function\b/]) {
          if (pattern.test(text)) offenders.push(`${path.slice(REPO_ROOT.length + 1)}: ${pattern}`);
        }
      }
    }
  };
  walk(join(REPO_ROOT, 'server', 'src'));
  walk(join(REPO_ROOT, 'client', 'src'));
  assert.deepEqual(offenders, []);
});

// R-1 (docs/reliability.md): ajv used to compile the policy-file schema with `new Function` at
// run time; the validators are now generated at build time (scripts/schema/generateValidator.ts).
test('no code is generated at run time: no eval or new Function in the bundles', () => {
  ensureBuilt();
  const found: string[] = [];
  for (const bundle of BUNDLES) {
    for (const { module, code } of modulesOf(bundle)) {
      for (const match of code.matchAll(/\bnew Function\s*\(|(?<![\w.$])eval\s*\(/g)) found.push(`${bundle}: ${module}: ${match[0]}`);
    }
  }
  assert.deepEqual(found, []);
});

test('the sentinel itself works: it records a connection attempt', () => {
  const directory = mkdtempSync(join(tmpdir(), 'whfb-sentinel-control-'));
  try {
    const log = join(directory, 'sentinel.log');
    spawnSync(process.execPath, ['--require', SENTINEL, '-e', "require('net').connect(9, '127.0.0.1').on('error', () => {}); require('child_process').spawnSync('true')"], {
      env: { ...process.env, WHFB_SENTINEL_LOG: log }, encoding: 'utf8',
    });
    const text = readFileSync(log, 'utf8');
    assert.match(text, /net connect/);
    assert.match(text, /child_process spawnSync true/);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

test('a whole server session and a CLI run make no connection, no host lookup, start no process and never read an external entity', { timeout: 60_000 }, async () => {
  ensureBuilt();
  const directory = mkdtempSync(join(tmpdir(), 'whfb-sentinel-'));
  const log = join(directory, 'sentinel.log');
  writeFileSync(log, '');
  const secretPath = join(directory, 'WHFB-XXE-SECRET.txt');
  writeFileSync(secretPath, 'TOP-SECRET-CONTENT-7f3a');
  const xxe = syncmlWithEntities(secretPath, 'http://127.0.0.1:9/entity');
  writeFileSync(join(directory, 'xxe.syncml.xml'), xxe);
  writeFileSync(join(directory, 'policy.whfb.yaml'), CLEAN_POLICY);
  writeFileSync(join(directory, 'package.json'), '{"name": "x", "scripts": {"postinstall": "node -e \\"require(\'fs\').writeFileSync(\'pwned\', \'1\')\\""}}');
  const env = { WHFB_SENTINEL_LOG: log, WHFB_SENTINEL_MARK: 'WHFB-XXE-SECRET' };
  const saved = { ...process.env };
  Object.assign(process.env, env, { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${SENTINEL}`.trim() });
  let client: LspTestClient | undefined;
  try {
    client = (await LspTestClient.start({ capabilities: PUSH_CAPABILITIES, settings: () => ({}) })).client;
    for (const [name, languageId] of [['xxe.syncml.xml', 'xml'], ['policy.whfb.yaml', 'whfb-yaml'], ['package.json', 'json']] as const) {
      const uri = `file://${join(directory, name)}`;
      await client.open(uri, languageId, 1, readFileSync(join(directory, name), 'utf8'));
      const textDocument = { uri };
      const position = { line: 16, character: 20 };
      await client.request('textDocument/hover', { textDocument, position });
      await client.request('textDocument/completion', { textDocument, position });
      await client.request('textDocument/documentLink', { textDocument });
      await client.request('textDocument/documentSymbol', { textDocument });
      await client.request('textDocument/codeAction', { textDocument, range: { start: { line: 0, character: 0 }, end: position }, context: { diagnostics: [] } });
      const published = await client.waitForDiagnostics(uri);
      assert.ok(!JSON.stringify(published).includes('TOP-SECRET'), 'the entity is not expanded into a diagnostic');
    }
    assert.equal(await client.stop(), 0);
    client = undefined;
  } finally {
    client?.kill();
    process.env = saved;
  }
  const cli = spawnSync(process.execPath, ['--require', SENTINEL, CLI_BUNDLE, '--format', 'json', '.'], { cwd: directory, encoding: 'utf8', env: { ...process.env, ...env } });
  assert.ok(cli.status === 0 || cli.status === 1, cli.stderr);
  assert.ok(!cli.stdout.includes('TOP-SECRET'));
  try {
    const lines = readFileSync(log, 'utf8').trim().split('\n').map((line) => line.replace(/^\d+ /, ''));
    assert.ok(lines.includes('loaded server.js') && lines.includes('loaded cli.js'), `the sentinel ran in the server and the CLI: ${lines.join(', ')}`);
    assert.deepEqual(lines.filter((line) => !line.startsWith('loaded ')), [], 'the sentinel recorded nothing else');
    assert.deepEqual(readdirSync(directory).filter((name) => name === 'pwned'), [], 'no workspace script ran');
    assert.ok(SERVER_BUNDLE.endsWith('server.js'));
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

const TELEMETRY_NEEDLES = [
  'applicationinsights', 'dc.services.visualstudio.com', 'extension-telemetry', 'createTelemetryLogger', 'sendTelemetryEvent',
  'sendTelemetryErrorEvent', 'onDidChangeTelemetryEnabled', 'TelemetryTrustedValue', 'telemetryLevel',
  'events.data.microsoft.com', 'vortex.data.microsoft.com', 'js.monitor.azure.com', 'in.applicationinsights.azure.com',
  '@microsoft/1ds', 'sentry.io', 'segment.io', 'posthog', 'google-analytics.com', 'mixpanel',
];

test('the manifest declares untrusted workspaces supported, and no telemetry package or endpoint is shipped', () => {
  const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
  // It runs no workspace code, so it works in Restricted Mode; only where the state file is written is not the workspace's to choose there.
  assert.equal(manifest.capabilities?.untrustedWorkspaces?.supported, 'limited');
  assert.ok(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations.includes('whfb.checklist.stateFile'));
  const dependencies = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies });
  assert.deepEqual(dependencies.filter((name) => /telemetry|applicationinsights|appinsights|sentry|analytics|posthog|segment/i.test(name)), []);
  for (const bundle of BUNDLES) {
    const text = readFileSync(join(DIST, bundle), 'utf8');
    // The telemetry libraries and their ingestion endpoints (Application Insights, 1DS/Aria, Azure
    // Monitor), and VS Code's telemetry API: none may be bundled (README: Telemetry).
    for (const needle of TELEMETRY_NEEDLES) {
      assert.ok(!text.toLowerCase().includes(needle.toLowerCase()), `${bundle} contains ${needle}`);
    }
  }
  // The LSP library can forward telemetry/event notifications; our server never sends one.
  const calls = spawnSync('grep', ['-rInE', 'connection\\.telemetry|\\.telemetry\\.log|TelemetryEvent|env\\.isTelemetryEnabled', join(REPO_ROOT, 'server', 'src'), join(REPO_ROOT, 'client', 'src')], { encoding: 'utf8' }).stdout.trim();
  assert.equal(calls, '', 'no source sends or reads telemetry');
});

test('"****" and a plain-text secret in a custom profile are flagged (WHFB180, WHFB181)', () => {
  const service = getLanguageService();
  const profile = {
    '@odata.type': '#microsoft.graph.windows10CustomConfiguration',
    displayName: 'Contoso - WHfB',
    omaSettings: [
      { '@odata.type': '#microsoft.graph.omaSettingBoolean', omaUri: './Device/Vendor/MSFT/PassportForWork/3f2504e0-4f89-11d3-9a0c-0305e82c3301/Policies/UsePassportForWork', value: true },
      { '@odata.type': '#microsoft.graph.omaSettingString', displayName: 'PFX password', omaUri: './Device/Vendor/MSFT/ClientCertificateInstall/PFXCertInstall/contoso/PFXCertPassword', value: '****' },
      { '@odata.type': '#microsoft.graph.omaSettingString', displayName: 'PFX password (pilot)', omaUri: './Device/Vendor/MSFT/ClientCertificateInstall/PFXCertInstall/pilot/PFXCertPassword', value: 'Sup3rS3cret!' },
    ],
  };
  const text = JSON.stringify(profile, null, 2);
  const diagnostics = service.validate({ uri: 'file:///secrets/custom-profile.json', languageId: 'json', version: 1, text });
  const at = (code: string) => diagnostics.filter((d) => d.code === code).map((d) => text.split('\n')[d.range.start.line]!.trim());
  assert.deepEqual(at('WHFB180'), ['"value": "****"']);
  assert.deepEqual(at('WHFB181'), ['"value": "Sup3rS3cret!"']);
  assert.equal(diagnostics.find((d) => d.code === 'WHFB180')!.severity, 1, 'WHFB180 is an error');
});
