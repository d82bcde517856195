/**
 * The server's deferred language service: nothing is loaded until a document or request needs
 * it (or the warm-up after `initialized`), settings given before the load are in force from the
 * first answer, and a load that fails is reported once.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DeferredLanguageService } from '../../../server/src/server/deferredService';
import { getLanguageService } from '../../../server/src/service/languageService';
import type { WhfbLanguageService } from '../../../server/src/service/api';
import { NO_SECURITY_DEVICE_POLICY } from '../../protocol/policies';

const doc = { uri: 'file:///deferred.whfb.yaml', languageId: 'whfb-yaml', version: 1, text: NO_SECURITY_DEVICE_POLICY };

function counting(): { loads: () => number; load: () => WhfbLanguageService } {
  let loads = 0;
  return { loads: () => loads, load: () => { loads++; return getLanguageService(); } };
}

test('the service is loaded once, on first use, and closing a document before that loads nothing', () => {
  const { loads, load } = counting();
  const deferred = new DeferredLanguageService(load, () => assert.fail('no failure expected'));
  deferred.configure({ enable: true });
  deferred.forget(doc.uri);
  assert.equal(loads(), 0);
  assert.equal(deferred.isLoaded, false);
  assert.ok(deferred.validate(doc).some((d) => d.code === 'WHFB190'));
  deferred.hover(doc, { line: 2, character: 60 });
  assert.equal(loads(), 1);
});

test('settings given before the load are in force from the first validation', () => {
  const deferred = new DeferredLanguageService(counting().load, () => assert.fail('no failure expected'));
  deferred.configure({ ruleSeverity: { WHFB190: 'error' } });
  deferred.configure({ maxFileSizeBytes: 1_000_000 });
  const diagnostics = deferred.validate(doc).filter((d) => d.code === 'WHFB190');
  assert.equal(diagnostics.length, 1);
  assert.equal(diagnostics[0]!.severity, 1, 'the earlier configure call is not lost by the later one');
});

test('warmUp loads the service on a later turn of the event loop', async () => {
  const { loads, load } = counting();
  const deferred = new DeferredLanguageService(load, () => assert.fail('no failure expected'));
  deferred.warmUp();
  assert.equal(loads(), 0, 'not while the current message is handled');
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(loads(), 1);
  assert.equal(deferred.isLoaded, true);
});

test('a load that fails is reported once and every later use fails the same way', async () => {
  const failures: unknown[] = [];
  let attempts = 0;
  const deferred = new DeferredLanguageService(() => { attempts++; throw new Error("Cannot find module './service.js'"); }, (error) => failures.push(error));
  deferred.warmUp();
  await new Promise((resolve) => setImmediate(resolve));
  assert.throws(() => deferred.validate(doc), /service\.js/);
  assert.throws(() => deferred.complete(doc, { line: 0, character: 0 }), /service\.js/);
  assert.equal(failures.length, 1);
  assert.equal(attempts, 1, 'a missing bundle is not looked for again on every request');
});
