/*
 * Preloaded into the bundles under test (node --require, or NODE_OPTIONS=--require ...) to
 * record what they must never do: open a network connection, resolve a host name, start a
 * process (run workspace code), or touch a file whose path contains WHFB_SENTINEL_MARK (the
 * SYSTEM path of an external XML entity).
 * Each attempt is appended to WHFB_SENTINEL_LOG and refused.
 */
'use strict';
const fs = require('node:fs');
const net = require('node:net');
const dns = require('node:dns');
const childProcess = require('node:child_process');

const logFile = process.env.WHFB_SENTINEL_LOG;
const mark = process.env.WHFB_SENTINEL_MARK;
const append = fs.appendFileSync;

function record(what) {
  if (logFile) append(logFile, `${process.pid} ${what}\n`);
}

// Proof the sentinel is in place: the tests expect exactly one "loaded" line per process.
record(`loaded ${require('node:path').basename(process.argv[1] || '-')}`);

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const target = typeof args[0] === 'object' && args[0] !== null ? JSON.stringify({ host: args[0].host, port: args[0].port, path: args[0].path }) : String(args[0]);
  // Pipes the process was given (stdio) never go through connect; a named-pipe transport would.
  record(`net connect ${target}`);
  return connect.apply(this, args);
};
for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6']) {
  const original = dns[name];
  dns[name] = function (...args) {
    record(`dns ${name} ${args[0]}`);
    return original.apply(this, args);
  };
}
for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) {
  const original = childProcess[name];
  childProcess[name] = function (...args) {
    record(`child_process ${name} ${String(args[0])}`);
    return original.apply(this, args);
  };
}
if (typeof globalThis.fetch === 'function') {
  const fetch = globalThis.fetch;
  globalThis.fetch = function (...args) {
    record(`fetch ${String(args[0])}`);
    return fetch.apply(this, args);
  };
}
if (mark) {
  const touches = (value) => (typeof value === 'string' || value instanceof URL || Buffer.isBuffer(value)) && String(value).includes(mark);
  for (const name of ['openSync', 'readFileSync', 'statSync', 'lstatSync', 'existsSync', 'accessSync', 'createReadStream', 'open', 'readFile', 'stat', 'realpathSync']) {
    const original = fs[name];
    if (typeof original !== 'function') continue;
    fs[name] = function (path, ...rest) {
      if (touches(path)) record(`fs ${name} ${String(path)}`);
      return original.call(this, path, ...rest);
    };
  }
  for (const name of ['open', 'readFile', 'stat', 'access']) {
    const original = fs.promises[name];
    fs.promises[name] = function (path, ...rest) {
      if (touches(path)) record(`fs.promises ${name} ${String(path)}`);
      return original.call(this, path, ...rest);
    };
  }
}
