/** Every policy file (`*.whfb.yaml`, `*.whfb.yml`) under a folder, for the tests that compare readers on all of them. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function policyFiles(folder: string, found: string[] = []): string[] {
  for (const name of readdirSync(folder)) {
    if (name === 'node_modules' || name === '.git' || name === 'tmp') continue;
    const path = join(folder, name);
    if (statSync(path).isDirectory()) policyFiles(path, found);
    else if (/\.whfb\.ya?ml$/i.test(name)) found.push(path);
  }
  return found;
}
