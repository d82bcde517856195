/**
 * processIdentity.ts for the web build: a browser tab has no process id, so 0 stands in (temp file
 * names keep their shape); the random nonce, from the Web Crypto API, keeps locks of different
 * tabs apart.
 */
export function processId(): number {
  return 0;
}

export function randomHex(bytes: number): string {
  const values = globalThis.crypto.getRandomValues(new Uint8Array(bytes));
  return Array.from(values, (value) => value.toString(16).padStart(2, '0')).join('');
}
