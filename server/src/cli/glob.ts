/**
 * A small glob: `*` (any characters but /), `**` (any number of directories), `?` (one
 * character but /). Enough for CI command lines without a dependency.
 */

export function hasGlobCharacters(pattern: string): boolean {
  return /[*?]/.test(pattern);
}

/** Splits "policies/**\/*.json" into the directory to walk ("policies") and the pattern. */
export function globBase(pattern: string): string {
  const segments = toSlashes(pattern).split('/');
  const firstGlob = segments.findIndex(hasGlobCharacters);
  const base = segments.slice(0, firstGlob).join('/');
  if (base === '' && pattern.startsWith('/')) return '/';
  return base === '' ? '.' : base;
}

/** A matcher over paths written with forward slashes, as `globBase(pattern)` + "/" + relative path. */
export function globToRegExp(pattern: string): RegExp {
  const segments = toSlashes(pattern).replace(/^\.\//, '').split('/');
  let source = '';
  segments.forEach((segment, index) => {
    const last = index === segments.length - 1;
    if (segment === '**') {
      // Zero or more whole directories; at the end, anything below.
      source += last ? '.*' : '(?:[^/]+/)*';
      return;
    }
    for (const char of segment) {
      if (char === '*') source += '[^/]*';
      else if (char === '?') source += '[^/]';
      else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
    if (!last) source += '/';
  });
  return new RegExp(`^${source}$`);
}

export function toSlashes(path: string): string {
  return path.replace(/\\/g, '/');
}
