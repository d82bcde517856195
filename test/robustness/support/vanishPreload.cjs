/*
 * Preloaded into whfb-lint (node --require) to make "a file removed between the directory walk
 * and the read" happen every time, not by luck of timing: the file whose name is WHFB_VANISH is
 * deleted just before whfb-lint opens it.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const name = process.env.WHFB_VANISH;
const openSync = fs.openSync;
fs.openSync = function (file, ...rest) {
  if (name && typeof file === 'string' && path.basename(file) === name && fs.existsSync(file)) fs.unlinkSync(file);
  return openSync.call(this, file, ...rest);
};
