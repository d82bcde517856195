/**
 * client/src/posixPath.ts stands in for `node:path` in the web build's checklist store: it must
 * answer as Node's path.posix does for the paths the store and stateFilePath.ts pass.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { posix } from 'node:path';
import * as web from '../../../client/src/posixPath';

const PATHS = ['/', '/a', '/a/', '/a/b', '/a//b/', '/a/./b/../c', '/owner/repo/.whfb/checklist.json', 'a/b', '../a', 'a/../..', '.', '', '/a/b/..', '/..'];

test('dirname, basename, normalize and isAbsolute answer as path.posix', () => {
  for (const path of PATHS) {
    if (path !== '') assert.equal(web.normalize(path).replace(/(.)\/$/, '$1'), posix.normalize(path).replace(/(.)\/$/, '$1'), `normalize(${path})`);
    assert.equal(web.dirname(path), posix.dirname(path), `dirname(${path})`);
    assert.equal(web.basename(path), posix.basename(path), `basename(${path})`);
    assert.equal(web.isAbsolute(path), posix.isAbsolute(path), `isAbsolute(${path})`);
  }
  assert.equal(web.sep, posix.sep);
});

test('join, resolve and relative answer as path.posix for absolute folders', () => {
  const folder = '/owner/repo';
  for (const setting of ['.whfb/checklist.json', 'docs/../state.json', '../outside.json', '/elsewhere/x.json', './a/./b.json', '.']) {
    assert.equal(web.resolve(folder, setting), posix.resolve(folder, setting), `resolve(${setting})`);
    assert.equal(web.relative(folder, web.resolve(folder, setting)), posix.relative(folder, posix.resolve(folder, setting)), `relative(${setting})`);
  }
  assert.equal(web.join('/owner/repo/.whfb', '.checklist.json.0.ab12cd34.tmp'), posix.join('/owner/repo/.whfb', '.checklist.json.0.ab12cd34.tmp'));
  assert.equal(web.join('/a', 'b', '..', 'c'), posix.join('/a', 'b', '..', 'c'));
  assert.equal(web.relative('/a/b', '/a/b'), '');
});
