/**
 * Who writes the checklist state file: the process id and a random nonce name a window's temp
 * files and locks (stateStore.ts). The web build puts processIdentity.web.ts in place of this module.
 */
import { randomBytes } from 'node:crypto';

export function processId(): number {
  return process.pid;
}

export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}
