/**
 * Counts the characters the code under test scans in long strings, so that "linear, not
 * quadratic" is asserted as work done rather than as a time (a timed test is flaky on a busy
 * machine). It wraps the String.prototype methods our scanners use to walk text: indexOf and
 * lastIndexOf count the distance they searched, includes counts up to its hit, charCodeAt counts
 * one per call. Only strings of at least `minLength` characters are counted (the document, not
 * the small strings around it).
 */

type Method = 'indexOf' | 'lastIndexOf' | 'includes' | 'charCodeAt';

export function countScannedCharacters<T>(run: () => T, minLength = 10_000): { result: T; scanned: number } {
  const proto = String.prototype as unknown as Record<Method, (...args: unknown[]) => unknown>;
  const original = { indexOf: proto.indexOf, lastIndexOf: proto.lastIndexOf, includes: proto.includes, charCodeAt: proto.charCodeAt };
  let scanned = 0;
  proto.indexOf = function (this: string, search: unknown, from?: unknown) {
    const found = original.indexOf.call(this, search, from) as number;
    if (this.length >= minLength) {
      const start = Math.max(0, Math.min(this.length, Number(from ?? 0) || 0));
      scanned += (found === -1 ? this.length : found) - start;
    }
    return found;
  };
  proto.lastIndexOf = function (this: string, search: unknown, from?: unknown) {
    const found = original.lastIndexOf.call(this, search, from) as number;
    if (this.length >= minLength) {
      const start = from === undefined ? this.length : Math.max(0, Math.min(this.length, Number(from) || 0));
      scanned += start - (found === -1 ? 0 : found);
    }
    return found;
  };
  proto.includes = function (this: string, search: unknown, from?: unknown) {
    if (this.length < minLength) return original.includes.call(this, search, from);
    const found = original.indexOf.call(this, search, from) as number;
    scanned += (found === -1 ? this.length : found) - Math.max(0, Number(from ?? 0) || 0);
    return found !== -1;
  };
  proto.charCodeAt = function (this: string, at: unknown) {
    if (this.length >= minLength) scanned += 1;
    return original.charCodeAt.call(this, at);
  };
  try {
    const result = run();
    return { result, scanned };
  } finally {
    Object.assign(proto, original);
  }
}
